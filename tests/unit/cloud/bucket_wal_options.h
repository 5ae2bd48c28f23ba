// The bucket WAL's CloudFileSystemOptions (wal_in_bucket,
// wal_flush_interval_ms, wal_flush_bytes, allow_unfenced_writes) as one
// struct the tests and bench/bucket_wal_bench.cpp set in one call. A build
// whose CloudFileSystemOptions lacks them still compiles: the settings are
// not applied, and the scenarios then fail on what the DB does, not on a
// missing field.
#ifndef SKYROCKS_TESTS_UNIT_CLOUD_BUCKET_WAL_OPTIONS_H_
#define SKYROCKS_TESTS_UNIT_CLOUD_BUCKET_WAL_OPTIONS_H_

#include <cstdint>
#include <type_traits>
#include <utility>

namespace skyrocks_test {

struct BucketWalSettings {
  bool wal_in_bucket = true;
  uint64_t interval_ms = 100;
  uint64_t flush_bytes = 1 << 20;
  bool allow_unfenced_writes = false;
};

template <typename O, typename = void>
struct HasBucketWalOptions : std::false_type {};
template <typename O>
struct HasBucketWalOptions<
    O, std::void_t<decltype(std::declval<O&>().wal_in_bucket),
                   decltype(std::declval<O&>().wal_flush_interval_ms),
                   decltype(std::declval<O&>().wal_flush_bytes),
                   decltype(std::declval<O&>().allow_unfenced_writes)>>
    : std::true_type {};

template <typename O>
void ApplyBucketWalSettings(const BucketWalSettings& w, O* o) {
  if constexpr (HasBucketWalOptions<O>::value) {
    o->wal_in_bucket = w.wal_in_bucket;
    o->wal_flush_interval_ms = w.interval_ms;
    o->wal_flush_bytes = w.flush_bytes;
    o->allow_unfenced_writes = w.allow_unfenced_writes;
  }
}

}  // namespace skyrocks_test

#endif  // SKYROCKS_TESTS_UNIT_CLOUD_BUCKET_WAL_OPTIONS_H_
