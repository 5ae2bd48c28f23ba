// RateLimiter (rocksdb/rate_limiter.h): the token bucket paces requests
// at its rate (a lower bound on elapsed time: never flaky on a slow
// machine), serves a waiting high-priority request before an earlier low
// one, and a DB's flushes (IO_HIGH) and compactions (IO_LOW) draw every
// byte they write from DBOptions::rate_limiter.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "rocksdb/db.h"
#include "rocksdb/metadata.h"
#include "rocksdb/options.h"
#include "rocksdb/rate_limiter.h"
#include "support/test_util.h"

namespace {

using ROCKSDB_NAMESPACE::Env;
using ROCKSDB_NAMESPACE::NewGenericRateLimiter;
using ROCKSDB_NAMESPACE::RateLimiter;

double SecondsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t)
      .count();
}

}  // namespace

TEST_CASE("rate limiter: requests are paced at the rate, counted by priority") {
  // 1 MB/s in 100 ms refills: bursts of 100,000 bytes.
  std::unique_ptr<RateLimiter> rl(NewGenericRateLimiter(1000000, 100000));
  CHECK(rl->GetSingleBurstBytes() == 100000);
  CHECK(rl->GetBytesPerSecond() == 1000000);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 6; i++) rl->Request(100000, Env::IO_LOW, nullptr);
  // The first burst is there at once; five more take five refills.
  CHECK(SecondsSince(start) >= 0.45);
  // A request larger than a burst takes whole bursts.
  rl->Request(250000, Env::IO_HIGH, nullptr);
  CHECK(SecondsSince(start) >= 0.65);
  CHECK(rl->GetTotalBytesThrough() == 850000);
  CHECK(rl->GetTotalBytesThrough(Env::IO_LOW) == 600000);
  CHECK(rl->GetTotalBytesThrough(Env::IO_HIGH) == 250000);
  CHECK(rl->GetTotalRequests() == 7);
  CHECK(rl->GetTotalRequests(Env::IO_HIGH) == 1);
  int64_t pending = -1;
  CHECK(rl->GetTotalPendingRequests(&pending).ok());
  CHECK(pending == 0);
  // RequestToken caps at a burst and rounds to the alignment.
  CHECK(rl->RequestToken(1 << 20, 4096, Env::IO_LOW, nullptr,
                         RateLimiter::OpType::kWrite) == 98304);
  // kWritesOnly (the default) leaves reads alone.
  CHECK(rl->RequestToken(1 << 20, 0, Env::IO_LOW, nullptr,
                         RateLimiter::OpType::kRead) == (1u << 20));
  CHECK_FALSE(rl->IsRateLimited(RateLimiter::OpType::kRead));
}

TEST_CASE("rate limiter: a waiting high-priority request goes first") {
  // 100,000 bytes a second in one-second refills: one request a second.
  std::unique_ptr<RateLimiter> rl(NewGenericRateLimiter(100000, 1000000));
  rl->Request(100000, Env::IO_LOW, nullptr);  // the first burst, at once
  std::mutex mu;
  std::vector<std::string> order;
  std::thread low([&] {
    rl->Request(100000, Env::IO_LOW, nullptr);
    std::lock_guard<std::mutex> l(mu);
    order.push_back("low");
  });
  // The low request is queued long before the next refill.
  for (int i = 0; i < 500; i++) {
    int64_t pending = 0;
    REQUIRE(rl->GetTotalPendingRequests(&pending).ok());
    if (pending == 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  std::thread high([&] {
    rl->Request(100000, Env::IO_HIGH, nullptr);
    std::lock_guard<std::mutex> l(mu);
    order.push_back("high");
  });
  low.join();
  high.join();
  // Unless the low request was served before the high one even arrived
  // (a refill while this thread was descheduled), high goes first.
  REQUIRE(order.size() == 2);
  if (order[0] == "low") {
    MESSAGE("low served before high arrived (loaded machine): order not checked");
  } else {
    CHECK(order[1] == "low");
  }
}

TEST_CASE("rate limiter: a DB's flushes and compactions draw every byte they write") {
  namespace r = ROCKSDB_NAMESPACE;
  skyrocks_test::TempDir dir;
  r::Options o;
  o.create_if_missing = true;
  o.rate_limiter.reset(NewGenericRateLimiter(200 << 20));
  r::DB* raw = nullptr;
  REQUIRE(r::DB::Open(o, dir.path(), &raw).ok());
  std::unique_ptr<r::DB> db(raw);
  uint64_t flushed = 0;
  for (int f = 0; f < 3; f++) {
    for (int i = 0; i < 2000; i++) {
      REQUIRE(db->Put(r::WriteOptions(), "k" + std::to_string(i * 7 + f),
                      std::string(200, static_cast<char>('a' + f)))
                  .ok());
    }
    REQUIRE(db->Flush(r::FlushOptions()).ok());
  }
  std::vector<r::LiveFileMetaData> files;
  db->GetLiveFilesMetaData(&files);
  for (const auto& m : files) flushed += m.size;
  CHECK(o.rate_limiter->GetTotalBytesThrough(Env::IO_HIGH) ==
        static_cast<int64_t>(flushed));
  CHECK(o.rate_limiter->GetTotalBytesThrough(Env::IO_LOW) == 0);
  REQUIRE(db->CompactRange(r::CompactRangeOptions(), nullptr, nullptr).ok());
  files.clear();
  db->GetLiveFilesMetaData(&files);
  uint64_t compacted = 0;
  for (const auto& m : files) compacted += m.size;
  CHECK(compacted > 0);
  CHECK(o.rate_limiter->GetTotalBytesThrough(Env::IO_LOW) ==
        static_cast<int64_t>(compacted));
}
