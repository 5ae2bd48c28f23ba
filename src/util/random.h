// Random: leveldb/RocksDB's small, fast, deterministic generator (Park-Miller
// "minimal standard": seed * 16807 mod 2^31-1), for tests, skiplist heights
// and backoff jitter where reproducibility matters more than quality.
// Random64: a 64-bit Mersenne Twister for wider ranges. Neither is
// thread-safe; give each thread its own.
#ifndef SKYROCKS_UTIL_RANDOM_H_
#define SKYROCKS_UTIL_RANDOM_H_

#include <cstdint>
#include <random>

#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {

class Random {
 public:
  explicit Random(uint32_t s) : seed_(s & 0x7fffffffu) {
    // 0 and 2^31-1 are fixed points of the recurrence.
    if (seed_ == 0 || seed_ == 2147483647u) seed_ = 1;
  }

  // The next value in [1, 2^31-2].
  uint32_t Next() {
    constexpr uint32_t kM = 2147483647u;  // 2^31-1
    constexpr uint64_t kA = 16807;
    // seed_ * kA mod kM, with the division replaced by the identity
    // ((x >> 31) + (x & kM)) for x < 2^62.
    const uint64_t product = seed_ * kA;
    seed_ = static_cast<uint32_t>((product >> 31) + (product & kM));
    if (seed_ > kM) seed_ -= kM;
    return seed_;
  }

  // Uniform in [0, n-1]. REQUIRES: n > 0
  uint32_t Uniform(int n) { return Next() % static_cast<uint32_t>(n); }
  // True about once in n calls. REQUIRES: n > 0
  bool OneIn(int n) { return Uniform(n) == 0; }
  // Picks base uniformly from [0, max_log] and returns a value uniform in
  // [0, 2^base - 1]: small numbers are much more likely.
  uint32_t Skewed(int max_log) { return Uniform(1 << Uniform(max_log + 1)); }

 private:
  uint32_t seed_;
};

class Random64 {
 public:
  explicit Random64(uint64_t s) : gen_(s) {}
  uint64_t Next() { return gen_(); }
  // REQUIRES: n > 0
  uint64_t Uniform(uint64_t n) {
    return std::uniform_int_distribution<uint64_t>(0, n - 1)(gen_);
  }
  bool OneIn(uint64_t n) { return Uniform(n) == 0; }

 private:
  std::mt19937_64 gen_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_UTIL_RANDOM_H_
