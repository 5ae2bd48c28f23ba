// Fixed-bucket histogram; contract in util/histogram.h.
#include "util/histogram.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace ROCKSDB_NAMESPACE {

namespace {

// Bucket upper bounds: 1..10, then each about 1.5x the last, rounded to
// two significant digits, up to UINT64_MAX.
const std::vector<uint64_t>& Limits() {
  static const std::vector<uint64_t> limits = [] {
    std::vector<uint64_t> v;
    for (uint64_t i = 1; i <= 10; i++) v.push_back(i);
    const uint64_t kMax = std::numeric_limits<uint64_t>::max();
    while (v.back() < kMax / 2) {
      uint64_t next = v.back() + v.back() / 2;
      uint64_t unit = 1;
      while (next / unit >= 100) unit *= 10;
      next = next / unit * unit;  // two significant digits
      if (next <= v.back()) next = v.back() + unit;
      v.push_back(next);
    }
    v.push_back(kMax);
    return v;
  }();
  return limits;
}

}  // namespace

Histogram::Histogram() : buckets_(Limits().size(), 0) {}

void Histogram::Clear() {
  std::fill(buckets_.begin(), buckets_.end(), 0);
  count_ = sum_ = min_ = max_ = 0;
  sum_squares_ = 0;
}

void Histogram::Add(uint64_t value) {
  const std::vector<uint64_t>& limits = Limits();
  const size_t b = static_cast<size_t>(
      std::lower_bound(limits.begin(), limits.end(), value) - limits.begin());
  buckets_[b]++;
  min_ = count_ == 0 ? value : std::min(min_, value);
  max_ = count_ == 0 ? value : std::max(max_, value);
  count_++;
  sum_ += value;
  sum_squares_ += static_cast<double>(value) * static_cast<double>(value);
}

double Histogram::Percentile(double p) const {
  if (count_ == 0) return 0;
  const std::vector<uint64_t>& limits = Limits();
  const double threshold = static_cast<double>(count_) * p / 100.0;
  double cumulative = 0;
  for (size_t b = 0; b < buckets_.size(); b++) {
    if (buckets_[b] == 0) continue;
    const double before = cumulative;
    cumulative += static_cast<double>(buckets_[b]);
    if (cumulative < threshold) continue;
    const double left = b == 0 ? 0 : static_cast<double>(limits[b - 1]);
    const double right = static_cast<double>(limits[b]);
    const double pos = (threshold - before) / static_cast<double>(buckets_[b]);
    const double r = left + (right - left) * pos;
    return std::max(static_cast<double>(min_),
                    std::min(static_cast<double>(max_), r));
  }
  return static_cast<double>(max_);
}

void Histogram::Data(HistogramData* data) const {
  data->median = Percentile(50);
  data->percentile95 = Percentile(95);
  data->percentile99 = Percentile(99);
  data->count = count_;
  data->sum = sum_;
  data->min = static_cast<double>(min_);
  data->max = static_cast<double>(max_);
  if (count_ == 0) {
    data->average = data->standard_deviation = 0;
    return;
  }
  const double n = static_cast<double>(count_);
  data->average = static_cast<double>(sum_) / n;
  const double variance =
      sum_squares_ / n - data->average * data->average;
  data->standard_deviation = variance > 0 ? std::sqrt(variance) : 0;
}

std::string Histogram::ToString() const {
  HistogramData d;
  Data(&d);
  char buf[512];
  std::snprintf(buf, sizeof(buf),
                "Count: %llu Average: %.4f  StdDev: %.2f\n"
                "Min: %.0f  Median: %.4f  Max: %.0f\n"
                "Percentiles: P50: %.2f P75: %.2f P99: %.2f P99.9: %.2f "
                "P99.99: %.2f\n",
                static_cast<unsigned long long>(count_), d.average,
                d.standard_deviation, d.min, d.median, d.max, Percentile(50),
                Percentile(75), Percentile(99), Percentile(99.9),
                Percentile(99.99));
  return buf;
}

}  // namespace ROCKSDB_NAMESPACE
