// CreateDBStatistics' implementation: relaxed atomic tickers and one
// mutex-guarded Histogram per histogram type; contract in
// rocksdb/statistics.h.
#include "rocksdb/statistics.h"

#include <cstdio>

#include "port/mutex.h"
#include "util/histogram.h"
#include "util/statistics_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

class StatisticsImpl : public Statistics {
 public:
  const char* Name() const override { return "BasicStatistics"; }

  uint64_t getTickerCount(uint32_t type) const override {
    return type < TICKER_ENUM_MAX ? tickers_[type].load(std::memory_order_relaxed)
                                  : 0;
  }
  void recordTick(uint32_t type, uint64_t count) override {
    if (type < TICKER_ENUM_MAX && get_stats_level() > kExceptTickers) {
      tickers_[type].fetch_add(count, std::memory_order_relaxed);
    }
  }
  void setTickerCount(uint32_t type, uint64_t count) override {
    if (type < TICKER_ENUM_MAX) {
      tickers_[type].store(count, std::memory_order_relaxed);
    }
  }
  uint64_t getAndResetTickerCount(uint32_t type) override {
    return type < TICKER_ENUM_MAX
               ? tickers_[type].exchange(0, std::memory_order_relaxed)
               : 0;
  }

  void recordInHistogram(uint32_t type, uint64_t value) override {
    if (type >= HISTOGRAM_ENUM_MAX ||
        get_stats_level() <= kExceptHistogramOrTimers) {
      return;
    }
    port::MutexLock l(&hist_mu_[type]);
    hists_[type].Add(value);
  }
  void measureTime(uint32_t type, uint64_t value) override {
    recordInHistogram(type, value);
  }
  void histogramData(uint32_t type, HistogramData* const data) const override {
    if (type >= HISTOGRAM_ENUM_MAX) {
      *data = HistogramData();
      return;
    }
    port::MutexLock l(&hist_mu_[type]);
    hists_[type].Data(data);
  }
  std::string getHistogramString(uint32_t type) const override {
    if (type >= HISTOGRAM_ENUM_MAX) return "";
    port::MutexLock l(&hist_mu_[type]);
    return hists_[type].ToString();
  }

  Status Reset() override {
    for (auto& t : tickers_) t.store(0, std::memory_order_relaxed);
    for (uint32_t h = 0; h < HISTOGRAM_ENUM_MAX; h++) {
      port::MutexLock l(&hist_mu_[h]);
      hists_[h].Clear();
    }
    return Status::OK();
  }

  std::string ToString() const override {
    std::string out;
    char buf[400];
    for (const auto& [type, name] : TickersNameMap) {
      std::snprintf(buf, sizeof(buf), "%s COUNT : %llu\n", name.c_str(),
                    static_cast<unsigned long long>(getTickerCount(type)));
      out += buf;
    }
    for (const auto& [type, name] : HistogramsNameMap) {
      HistogramData d;
      histogramData(type, &d);
      std::snprintf(buf, sizeof(buf),
                    "%s P50 : %f P95 : %f P99 : %f P100 : %f COUNT : %llu "
                    "SUM : %llu\n",
                    name.c_str(), d.median, d.percentile95, d.percentile99,
                    d.max, static_cast<unsigned long long>(d.count),
                    static_cast<unsigned long long>(d.sum));
      out += buf;
    }
    return out;
  }

  bool getTickerMap(std::map<std::string, uint64_t>* map) const override {
    for (const auto& [type, name] : TickersNameMap) {
      (*map)[name] = getTickerCount(type);
    }
    return true;
  }

 private:
  std::atomic<uint64_t> tickers_[TICKER_ENUM_MAX] = {};
  mutable port::Mutex hist_mu_[HISTOGRAM_ENUM_MAX];
  Histogram hists_[HISTOGRAM_ENUM_MAX];
};

}  // namespace

std::shared_ptr<Statistics> CreateDBStatistics() {
  return std::make_shared<StatisticsImpl>();
}

}  // namespace ROCKSDB_NAMESPACE
