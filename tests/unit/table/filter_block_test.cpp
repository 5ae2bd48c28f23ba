// table/filter_block against librocksdb 7.8.3's own filters (oracle
// program): our filter builder reproduces theirs byte for byte (FastLocalBloom
// and legacy Bloom), and
// our reader answers for their FastLocalBloom and legacy Bloom filters with
// no false negative and the expected false-positive rate.
#include "table/filter_block.h"

#include <doctest/doctest.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "support/filter_oracle.h"

namespace ROCKSDB_NAMESPACE {

namespace {

std::vector<std::string> FilterTestKeys(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::set<std::string> keys;
  while (keys.size() < n) {
    std::string k(1 + rng() % 40, '\0');
    for (auto& c : k) c = static_cast<char>(rng());
    keys.insert(k);
  }
  return {keys.begin(), keys.end()};
}

// Fraction of n fresh random keys (absent from keys) the reader lets by.
double FalsePositiveRate(const FilterReader& r,
                         const std::vector<std::string>& keys, int n) {
  const std::set<std::string> present(keys.begin(), keys.end());
  std::mt19937 rng(99);
  int fp = 0, tried = 0;
  while (tried < n) {
    std::string k = "absent-" + std::to_string(rng());
    if (present.count(k)) continue;
    tried++;
    fp += r.KeyMayMatch(k);
  }
  return static_cast<double>(fp) / n;
}

}  // namespace

TEST_CASE("filter: our filters equal librocksdb's byte for byte") {
  // format_version 5: FastLocalBloom; 4 and 2: legacy Bloom.
  for (int fv : {5, 4, 2})
    for (size_t n : {size_t{1}, size_t{100}, size_t{5000}}) {
      CAPTURE(fv);
      CAPTURE(n);
      const auto keys = FilterTestKeys(n, static_cast<uint32_t>(n));
      std::string theirs, error;
      REQUIRE_MESSAGE(
          skyrocks_test::LibrocksdbFilter(keys, fv, &theirs, &error), error);
      FullFilterBuilder b(10.0, static_cast<uint32_t>(fv));
      for (const auto& k : keys) b.AddKey(k);
      CHECK(skyrocks_test::ToHex(b.Finish()) == skyrocks_test::ToHex(theirs));
    }
}

TEST_CASE("filter: reading librocksdb's FastLocalBloom and legacy Bloom") {
  const auto keys = FilterTestKeys(3000, 7);
  for (int fv : {5, 4, 2}) {
    CAPTURE(fv);
    std::string theirs, error;
    REQUIRE_MESSAGE(skyrocks_test::LibrocksdbFilter(keys, fv, &theirs, &error),
                    error);
    REQUIRE(theirs.size() > 5);
    // Legacy filters mark themselves with num_probes (1..127) in the first
    // metadata byte; FastLocalBloom with -1.
    const signed char marker =
        static_cast<signed char>(theirs[theirs.size() - 5]);
    CHECK((fv >= 5 ? marker == -1 : marker >= 1));
    FilterReader r(theirs);
    for (const auto& k : keys) REQUIRE(r.KeyMayMatch(k));
    const double fp = FalsePositiveRate(r, keys, 20000);
    MESSAGE("format_version " << fv << " false positives " << fp * 100 << " %");
    CHECK(fp < 0.03);
    CHECK(fp > 0.0);  // 10 bits/key: ~1 %; zero would mean a broken test
  }
}

TEST_CASE("filter: damaged legacy metadata reads as may-match, never crashes") {
  const auto keys = FilterTestKeys(200, 8);
  std::string theirs, error;
  REQUIRE_MESSAGE(skyrocks_test::LibrocksdbFilter(keys, 4, &theirs, &error),
                  error);
  std::string bad = theirs;
  bad[bad.size() - 4] = 3;  // num_lines that does not divide the length
  bad[bad.size() - 3] = 0;
  bad[bad.size() - 2] = 0;
  bad[bad.size() - 1] = 0;
  FilterReader r(bad);
  CHECK(r.KeyMayMatch("anything"));
  std::string zero_lines = theirs;
  for (size_t i = zero_lines.size() - 4; i < zero_lines.size(); i++)
    zero_lines[i] = 0;
  CHECK(FilterReader(zero_lines).KeyMayMatch("anything"));
}

}  // namespace ROCKSDB_NAMESPACE
