// CompactionFilterRunner: applies a user CompactionFilter
// (rocksdb/compaction_filter.h, which states the behaviour) to the
// entries of one flush or subcompaction, fed in internal-key order. It
// decides only what the user filter asks; CompactionFilterState
// (db/compaction.h) then applies the snapshot rules to the result. Also
// picks the filter of a job (SelectCompactionFilter). One runner serves
// one job on one thread.
#ifndef SKYROCKS_DB_COMPACTION_FILTER_RUNNER_H_
#define SKYROCKS_DB_COMPACTION_FILTER_RUNNER_H_

#include <memory>
#include <string>

#include "db/memtable.h"
#include "rocksdb/compaction_filter.h"
#include "table/dbformat.h"
#include "table/table_builder.h"

namespace ROCKSDB_NAMESPACE {

// The filter a job of context.reason uses: `shared` (the column family's
// compaction_filter) for compactions, else a new one from `factory` when
// its ShouldFilterTableFileCreation(reason) allows (*owned keeps it).
// *filter = nullptr: none. NotSupported (naming the filter) when its
// IgnoreSnapshots() is false.
Status SelectCompactionFilter(const CompactionFilter* shared,
                              CompactionFilterFactory* factory,
                              const CompactionFilter::Context& context,
                              std::unique_ptr<CompactionFilter>* owned,
                              const CompactionFilter** filter);

class CompactionFilterRunner {
 public:
  // latest_snapshot: the newest live snapshot (0: none); merge operands at
  // or below it are not offered. level: the job's level passed to the
  // filter.
  CompactionFilterRunner(const CompactionFilter* filter, const Comparator* ucmp,
                         int level, SequenceNumber latest_snapshot)
      : filter_(filter),
        ucmp_(ucmp),
        level_(level),
        latest_snapshot_(latest_snapshot) {}
  CompactionFilterRunner(const CompactionFilterRunner&) = delete;
  CompactionFilterRunner& operator=(const CompactionFilterRunner&) = delete;

  struct Outcome {
    bool drop = false;     // the entry goes without a trace
    bool rewrite = false;  // write key->type and value instead
    ValueType type = kTypeValue;
    std::string value;
    bool skip = false;       // also drop input entries before skip_until
    std::string skip_until;  // a user key
  };
  // Decides one entry (key parsed from the input). Errors: NotSupported
  // for a decision skyrocks does not take (naming the filter and key).
  Status Decide(const ParsedInternalKey& key, const Slice& value, Outcome* out);

 private:
  const CompactionFilter* const filter_;
  const Comparator* const ucmp_;
  const int level_;
  const SequenceNumber latest_snapshot_;
  std::string current_key_;
  bool has_current_ = false;
};

// A flush's point entries (it, from its first) into builder through
// filter; *empty is cleared when an entry is added.
Status AddMemTableThroughFilter(const CompactionFilter* filter,
                                const Comparator* ucmp,
                                SequenceNumber latest_snapshot,
                                MemTable::Iterator* it, TableBuilder* builder,
                                bool* empty);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_COMPACTION_FILTER_RUNNER_H_
