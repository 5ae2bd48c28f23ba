// util/xxhash against its oracles: XXH32/XXH64/XXH3 against the system
// libxxhash 0.8.1 on every length that selects a different code path, and
// XXPH3 against the full Bloom filters librocksdb 7.8.3 builds (rebuilt here
// bit for bit from skyrocks' hashes with an independent FastLocalBloom).
#include "util/xxhash.h"

#include <doctest/doctest.h>
#include <xxhash.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "support/filter_oracle.h"

namespace ROCKSDB_NAMESPACE {

namespace {

std::string RandomBytes(std::mt19937_64* rng, size_t n) {
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>((*rng)() & 0xff);
  return s;
}

// Lengths around every XXH3 boundary (0, 1..3, 4..8, 9..16, 17..128,
// 129..240, stripes of 64, blocks of 1024) and the XXH32/XXH64 loops.
std::vector<size_t> InterestingLengths() {
  std::vector<size_t> lens;
  for (size_t n = 0; n <= 300; n++) lens.push_back(n);
  for (size_t base : {512, 1024, 2048, 4096, 16384, 65536}) {
    for (size_t d = 0; d <= 2; d++) {
      lens.push_back(base - d);
      lens.push_back(base + d + 1);
    }
  }
  lens.push_back(1000000);
  return lens;
}

// FastLocalBloom as RocksDB 7.8.3 builds it (doc/table_format.md, "Filter
// block"), written independently of table/filter_block.cc.
std::string BuildBloom(const std::vector<std::string>& keys, size_t len,
                       int num_probes) {
  std::string bits(len, '\0');
  for (const std::string& k : keys) {
    const uint64_t h = xxhash::XXPH3_64bits(k.data(), k.size());
    const uint32_t h1 = static_cast<uint32_t>(h);
    uint32_t h2 = static_cast<uint32_t>(h >> 32);
    const size_t line =
        static_cast<size_t>((uint64_t{h1} * (len >> 6)) >> 32) << 6;
    for (int i = 0; i < num_probes; i++) {
      const uint32_t bit = h2 >> 23;
      bits[line + (bit >> 3)] |= static_cast<char>(1 << (bit & 7));
      h2 *= 0x9e3779b9u;
    }
  }
  return bits;
}

// Asks librocksdb for the filter of keys and checks skyrocks rebuilds it.
void CheckFilterMatchesRocksDB(const std::vector<std::string>& keys) {
  std::string filter, error;
  REQUIRE_MESSAGE(skyrocks_test::LibrocksdbFilter(keys, 5, &filter, &error),
                  error);
  REQUIRE(filter.size() > 5);
  const size_t len = filter.size() - 5;
  CHECK(filter.substr(len, 2) == std::string("\xff\x00", 2));
  const int probes = filter[len + 2] & 31;
  CHECK(probes == 6);
  CHECK(skyrocks_test::ToHex(BuildBloom(keys, len, probes)) ==
        skyrocks_test::ToHex(filter.substr(0, len)));
}

}  // namespace

TEST_CASE("xxhash: XXH32, XXH64 and XXH3 match libxxhash 0.8.1") {
  std::mt19937_64 rng(20261125);
  const std::string data = RandomBytes(&rng, 1000000 + 16);
  const uint64_t seeds[] = {0, 1, 0x9E3779B185EBCA87ull, 0xffffffffffffffffull};
  for (size_t n : InterestingLengths()) {
    // Unaligned starts too.
    for (size_t off : {size_t{0}, size_t{3}}) {
      const char* p = data.data() + off;
      for (uint64_t seed : seeds) {
        INFO("len=" << n << " off=" << off << " seed=" << seed);
        REQUIRE(xxhash::XXH32(p, n, static_cast<uint32_t>(seed)) ==
                ::XXH32(p, n, static_cast<uint32_t>(seed)));
        REQUIRE(xxhash::XXH64(p, n, seed) == ::XXH64(p, n, seed));
        REQUIRE(xxhash::XXH3_64bits_withSeed(p, n, seed) ==
                ::XXH3_64bits_withSeed(p, n, seed));
      }
      REQUIRE(xxhash::XXH3_64bits(p, n) == ::XXH3_64bits(p, n));
    }
  }
}

TEST_CASE("xxhash: XXPH3 is the 0.7.2 preview, not final XXH3") {
  // The preview and the final algorithm agree nowhere in practice; a build
  // that routed one to the other would pass the filter test by accident
  // only if both were wrong together.
  std::mt19937_64 rng(7);
  int same = 0;
  for (size_t n : InterestingLengths()) {
    const std::string s = RandomBytes(&rng, n);
    same += xxhash::XXPH3_64bits(s.data(), n) == ::XXH3_64bits(s.data(), n);
    CHECK(xxhash::XXPH3_64bits(s.data(), n) ==
          xxhash::XXPH3_64bits_withSeed(s.data(), n, 0));
  }
  CHECK(same == 0);
  // RocksDB's preview hashes the empty input to a non-zero value.
  CHECK(xxhash::XXPH3_64bits("", 0) != 0);
}

TEST_CASE("xxhash: XXPH3 rebuilds librocksdb's Bloom filters bit for bit") {
  SUBCASE("the reference example: key0..key99") {
    std::vector<std::string> keys;
    for (int i = 0; i < 100; i++) keys.push_back("key" + std::to_string(i));
    CheckFilterMatchesRocksDB(keys);
  }
  // One filter per XXPH3 code path, so a mismatch names the path.
  std::mt19937_64 rng(42);
  const std::pair<size_t, size_t> ranges[] = {
      {0, 3}, {4, 8}, {9, 16}, {17, 128}, {129, 240}, {241, 1100}, {1500, 5000}};
  for (const auto& r : ranges) {
    SUBCASE(("key lengths " + std::to_string(r.first) + ".." +
             std::to_string(r.second)).c_str()) {
      std::vector<std::string> keys;
      for (size_t n = r.first; n <= r.second;
           n += r.second - r.first > 200 ? 37 : 1) {
        for (int i = 0; i < (n < 3 ? 40 : 4); i++) {
          keys.push_back(RandomBytes(&rng, n));
        }
      }
      std::sort(keys.begin(), keys.end());
      keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
      CheckFilterMatchesRocksDB(keys);
    }
  }
}

}  // namespace ROCKSDB_NAMESPACE
