// Histogram: a distribution of non-negative samples (latencies in micros,
// sizes in bytes) in fixed buckets that grow by about 1.5x (1, 2, .., 10,
// 15, 22, ..), with exact count, sum, min, max and sum of squares;
// percentiles are interpolated inside their bucket and clamped to
// [min, max]. Not thread-safe: StatisticsImpl guards each with a mutex.
#ifndef SKYROCKS_UTIL_HISTOGRAM_H_
#define SKYROCKS_UTIL_HISTOGRAM_H_

#include <cstdint>
#include <string>
#include <vector>

#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/statistics.h"

namespace ROCKSDB_NAMESPACE {

class Histogram {
 public:
  Histogram();
  void Add(uint64_t value);
  void Clear();
  uint64_t count() const { return count_; }
  uint64_t sum() const { return sum_; }
  // p in [0, 100]; 0 when empty.
  double Percentile(double p) const;
  void Data(HistogramData* data) const;
  // "Count: n Average: a StdDev: s\nMin: .. Median: .. Max: ..\n
  //  Percentiles: P50: .. P75: .. P99: .. P99.9: .. P99.99: ..\n"
  std::string ToString() const;

 private:
  std::vector<uint64_t> buckets_;  // buckets_[i]: samples <= Limits()[i]
  uint64_t count_ = 0, sum_ = 0, min_ = 0, max_ = 0;
  double sum_squares_ = 0;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_UTIL_HISTOGRAM_H_
