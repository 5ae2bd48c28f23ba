// util/arena, util/random and util/no_destructor.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "util/arena.h"
#include "util/no_destructor.h"
#include "util/random.h"

namespace ROCKSDB_NAMESPACE {

TEST_CASE("arena: allocations keep their bytes, aligned ones are aligned") {
  Arena arena;
  Random rnd(301);
  std::vector<std::pair<char*, size_t>> got;
  size_t total = 0;
  for (int i = 0; i < 4000; i++) {
    size_t n = i % 400 == 0 ? 6000 + rnd.Uniform(10000)  // own block
                            : 1 + rnd.Uniform(i % 10 == 0 ? 600 : 40);
    char* p = (i % 3 == 0) ? arena.AllocateAligned(n) : arena.Allocate(n);
    if (i % 3 == 0) {
      CHECK(reinterpret_cast<uintptr_t>(p) % alignof(std::max_align_t) == 0);
    }
    std::memset(p, i % 256, n);
    got.emplace_back(p, n);
    total += n;
    CHECK(arena.MemoryUsage() >= total);
  }
  for (size_t i = 0; i < got.size(); i++) {
    for (size_t j = 0; j < got[i].second; j++) {
      REQUIRE(static_cast<unsigned char>(got[i].first[j]) == i % 256);
    }
  }
  // Not wildly more than asked for.
  CHECK(arena.MemoryUsage() < total * 2 + 64 * 1024);
}

TEST_CASE("arena: huge-page blocks are aligned, usable and counted") {
  const size_t huge = Arena::kHugePageSize;
  Arena arena(huge);
  auto aligned = [&](const char* p) {
    return reinterpret_cast<uintptr_t>(p) % huge == 0;
  };
  char* first = arena.Allocate(1);  // opens the first block
  CHECK(aligned(first));
  // Quarter blocks: three fit after the first byte, four in each next
  // block, so the 4th and the 8th open blocks.
  std::vector<char*> got;
  for (int i = 0; i < 8; i++) {
    got.push_back(arena.Allocate(huge / 4));
    std::memset(got.back(), 'a' + i, huge / 4);
  }
  CHECK(aligned(got[3]));
  CHECK(aligned(got[7]));
  // More than a quarter block: its own mapping, rounded up to huge pages.
  char* big = arena.Allocate(3 * huge + 1);
  CHECK(aligned(big));
  std::memset(big, 'z', 3 * huge + 1);
  for (int i = 0; i < 8; i++) {
    CHECK(got[i][0] == 'a' + i);
    CHECK(got[i][huge / 4 - 1] == 'a' + i);
  }
  CHECK(big[3 * huge] == 'z');
  const size_t mapped = 3 * huge + 4 * huge;
  CHECK(arena.MemoryUsage() >= mapped);
  CHECK(arena.MemoryUsage() < mapped + 4096);
}

TEST_CASE("random: the Park-Miller sequence, computed independently") {
  Random r(301);
  uint64_t x = 301;
  for (int i = 0; i < 10000; i++) {
    x = (x * 16807) % 2147483647;
    REQUIRE(r.Next() == x);
  }
  // Fixed points are avoided.
  CHECK(Random(0).Next() == 16807u);
  CHECK(Random(2147483647u).Next() == 16807u);
  Random s(7);
  std::set<uint32_t> seen;
  for (int i = 0; i < 1000; i++) {
    const uint32_t u = s.Uniform(10);
    CHECK(u < 10);
    seen.insert(u);
  }
  CHECK(seen.size() == 10);
  int ones = 0;
  for (int i = 0; i < 10000; i++) ones += s.OneIn(10);
  CHECK(ones > 800);
  CHECK(ones < 1200);
  for (int i = 0; i < 1000; i++) CHECK(s.Skewed(5) < 32u);
}

TEST_CASE("no_destructor: constructs in place and never destroys") {
  static int destroyed = 0;
  struct Counted {
    explicit Counted(std::string v) : value(std::move(v)) {}
    ~Counted() { destroyed++; }
    std::string value;
  };
  {
    NoDestructor<Counted> c(std::string("kept"));
    CHECK(c->value == "kept");
    CHECK((*c).value == "kept");
  }
  CHECK(destroyed == 0);
}

}  // namespace ROCKSDB_NAMESPACE
