// Throughput of skyrocks' checksums and hashes next to the system libraries:
// crc32c (hardware and portable paths), XXH3/XXH64 (skyrocks vs libxxhash),
// XXPH3. Built by `make microbench` (links libxxhash); prints one line per
// function: name, MB/s over 4 KiB blocks (the SST block size) and 1 MiB.
#include <xxhash.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <random>
#include <string>

#include "util/crc32c.h"
#include "util/xxhash.h"

namespace {

double MBps(const std::string& data, size_t block,
            const std::function<uint64_t(const char*, size_t)>& fn) {
  uint64_t sink = 0;
  size_t bytes = 0;
  const auto start = std::chrono::steady_clock::now();
  double secs = 0;
  do {
    for (size_t off = 0; off + block <= data.size(); off += block) {
      sink += fn(data.data() + off, block);
      bytes += block;
    }
    secs = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                         start).count();
  } while (secs < 0.5);
  if (sink == 42) std::printf(" ");
  return bytes / secs / 1e6;
}

}  // namespace

int main() {
  namespace rdb = ROCKSDB_NAMESPACE;
  std::string data(8 << 20, '\0');
  std::mt19937_64 rng(1);
  for (auto& c : data) c = static_cast<char>(rng());
  const std::pair<const char*, std::function<uint64_t(const char*, size_t)>>
      fns[] = {
          {"crc32c (selected path)",
           [](const char* p, size_t n) { return rdb::crc32c::Value(p, n); }},
          {"crc32c portable",
           [](const char* p, size_t n) {
             return rdb::crc32c::ExtendPortable(0, p, n);
           }},
          {"XXH3 skyrocks",
           [](const char* p, size_t n) { return rdb::xxhash::XXH3_64bits(p, n); }},
          {"XXH3 libxxhash", [](const char* p, size_t n) { return XXH3_64bits(p, n); }},
          {"XXPH3 skyrocks",
           [](const char* p, size_t n) { return rdb::xxhash::XXPH3_64bits(p, n); }},
          {"XXH64 skyrocks",
           [](const char* p, size_t n) { return rdb::xxhash::XXH64(p, n, 0); }},
          {"XXH64 libxxhash", [](const char* p, size_t n) { return XXH64(p, n, 0); }},
      };
  std::printf("hardware crc32c: %s\n",
              rdb::crc32c::IsFastCrc32Supported() ? "yes" : "no");
  for (const auto& f : fns) {
    std::printf("%-24s 4KiB %8.0f MB/s   1MiB %8.0f MB/s\n", f.first,
                MBps(data, 4096, f.second), MBps(data, 1 << 20, f.second));
  }
  return 0;
}
