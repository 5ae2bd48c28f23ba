// util/histogram: bucketed percentiles close to the exact ones, exact
// count/sum/min/max, and the statistics object's levels and Reset.
#include "util/histogram.h"

#include <doctest/doctest.h>

#include <cmath>

#include "util/statistics_util.h"

namespace ROCKSDB_NAMESPACE {

TEST_CASE("histogram: percentiles of a uniform spread within a few percent") {
  Histogram h;
  for (uint64_t v = 1; v <= 10000; v++) h.Add(v);
  HistogramData d;
  h.Data(&d);
  CHECK(d.count == 10000);
  CHECK(d.sum == 10000ull * 10001 / 2);
  CHECK(d.min == 1);
  CHECK(d.max == 10000);
  CHECK(std::fabs(d.median - 5000) < 250);
  CHECK(std::fabs(d.percentile95 - 9500) < 250);
  CHECK(std::fabs(d.percentile99 - 9900) < 250);
  CHECK(std::fabs(d.average - 5000.5) < 1e-9);
  CHECK(std::fabs(d.standard_deviation - 2886.75) < 1);
  h.Clear();
  h.Data(&d);
  CHECK(d.count == 0);
  CHECK(d.median == 0);
  // One value: every percentile is it.
  h.Add(123456789);
  CHECK(h.Percentile(50) == 123456789);
  CHECK(h.Percentile(99.99) == 123456789);
  h.Add(UINT64_MAX);  // the last bucket holds the largest values
  CHECK(h.count() == 2);
}

TEST_CASE("statistics: levels, tickers past the end, StopWatch") {
  std::shared_ptr<Statistics> st = CreateDBStatistics();
  RecordTick(st.get(), NUMBER_KEYS_READ, 3);
  RecordTick(nullptr, NUMBER_KEYS_READ, 3);  // no statistics: nothing
  CHECK(st->getTickerCount(NUMBER_KEYS_READ) == 3);
  st->recordTick(TICKER_ENUM_MAX, 1);  // ignored, never out of bounds
  CHECK(st->getTickerCount(TICKER_ENUM_MAX) == 0);
  { StopWatch w(st.get(), DB_GET); }
  HistogramData d;
  st->histogramData(DB_GET, &d);
  CHECK(d.count == 1);
  st->set_stats_level(kExceptTimers);
  { StopWatch w(st.get(), DB_GET); }  // timers off
  st->histogramData(DB_GET, &d);
  CHECK(d.count == 1);
  st->recordInHistogram(DB_GET, 5);  // a value, not a timer: kept
  st->histogramData(DB_GET, &d);
  CHECK(d.count == 2);
  st->set_stats_level(kDisableAll);
  RecordTick(st.get(), NUMBER_KEYS_READ, 3);
  CHECK(st->getTickerCount(NUMBER_KEYS_READ) == 3);
  CHECK(st->ToString().find("skyrocks.cloud.get.requests COUNT : 0") != std::string::npos);
  CHECK(st->getHistogramString(DB_GET).find("Count: 2") == 0);
}

}  // namespace ROCKSDB_NAMESPACE
