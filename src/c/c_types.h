// The structs behind the opaque types of the C API (rocksdb/c.h) and the
// helpers every src/c/*.cc file uses. Each struct owns or points at one
// C++ object, named rep as in RocksDB's c.cc; who owns what is said per
// struct. Nothing here is thread-safe beyond the C++ object it wraps.
#ifndef SKYROCKS_C_C_TYPES_H_
#define SKYROCKS_C_C_TYPES_H_

#include <memory>
#include <string>
#include <vector>

#include "rocksdb/c.h"
#include "rocksdb/cache.h"
#include "rocksdb/compaction_filter.h"
#include "rocksdb/comparator.h"
#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/iterator.h"
#include "rocksdb/merge_operator.h"
#include "rocksdb/metadata.h"
#include "rocksdb/options.h"
#include "rocksdb/slice.h"
#include "rocksdb/slice_transform.h"
#include "rocksdb/snapshot.h"
#include "rocksdb/sst_file_writer.h"
#include "rocksdb/status.h"
#include "rocksdb/table.h"
#include "rocksdb/utilities/checkpoint.h"
#include "rocksdb/utilities/transaction.h"
#include "rocksdb/utilities/transaction_db.h"
#include "rocksdb/write_batch.h"

// Owns the DB (rocksdb_close deletes it).
struct rocksdb_t {
  ROCKSDB_NAMESPACE::DB* rep;
};
// Owns the TransactionDB (rocksdb_transactiondb_close deletes it).
struct rocksdb_transactiondb_t {
  ROCKSDB_NAMESPACE::TransactionDB* rep;
};
struct rocksdb_transactiondb_options_t {
  ROCKSDB_NAMESPACE::TransactionDBOptions rep;
};
struct rocksdb_transaction_options_t {
  ROCKSDB_NAMESPACE::TransactionOptions rep;
};
// Owns the transaction (rocksdb_transaction_destroy deletes it).
struct rocksdb_transaction_t {
  ROCKSDB_NAMESPACE::Transaction* rep;
};
// Owns the handle (rocksdb_column_family_handle_destroy deletes it).
struct rocksdb_column_family_handle_t {
  ROCKSDB_NAMESPACE::ColumnFamilyHandle* rep;
};
struct rocksdb_iterator_t {
  ROCKSDB_NAMESPACE::Iterator* rep;
};
// Owns the iterator (rocksdb_wal_iter_destroy deletes it).
struct rocksdb_wal_iterator_t {
  ROCKSDB_NAMESPACE::TransactionLogIterator* rep;
};
struct rocksdb_wal_readoptions_t {
  ROCKSDB_NAMESPACE::TransactionLogIterator::ReadOptions rep;
};
// Released through rocksdb_release_snapshot, which also frees the struct.
struct rocksdb_snapshot_t {
  const ROCKSDB_NAMESPACE::Snapshot* rep;
};
struct rocksdb_writebatch_t {
  ROCKSDB_NAMESPACE::WriteBatch rep;
};
struct rocksdb_options_t {
  ROCKSDB_NAMESPACE::Options rep;
};
// The iterate bounds are copied here, so the caller's buffers need not
// outlive the options (RocksDB keeps the caller's pointer; copying is
// never less safe).
struct rocksdb_readoptions_t {
  ROCKSDB_NAMESPACE::ReadOptions rep;
  std::string upper_bound_buf;
  std::string lower_bound_buf;
  ROCKSDB_NAMESPACE::Slice upper_bound;
  ROCKSDB_NAMESPACE::Slice lower_bound;
};
struct rocksdb_writeoptions_t {
  ROCKSDB_NAMESPACE::WriteOptions rep;
};
struct rocksdb_flushoptions_t {
  ROCKSDB_NAMESPACE::FlushOptions rep;
};
struct rocksdb_compactoptions_t {
  ROCKSDB_NAMESPACE::CompactRangeOptions rep;
};
struct rocksdb_block_based_table_options_t {
  ROCKSDB_NAMESPACE::BlockBasedTableOptions rep;
};
struct rocksdb_lru_cache_options_t {
  ROCKSDB_NAMESPACE::LRUCacheOptions rep;
};
// Shares the cache: destroying the struct leaves tables that use it alone.
struct rocksdb_cache_t {
  std::shared_ptr<ROCKSDB_NAMESPACE::Cache> rep;
};
// rocksdb_block_based_options_set_filter_policy consumes the struct (the
// table options take the policy over), as in RocksDB.
// Owns the transform until rocksdb_options_set_prefix_extractor shares it
// with the options (and frees the struct).
struct rocksdb_slicetransform_t {
  std::shared_ptr<const ROCKSDB_NAMESPACE::SliceTransform> rep;
};
struct rocksdb_filterpolicy_t {
  std::shared_ptr<const ROCKSDB_NAMESPACE::FilterPolicy> rep;
};
// Env::Default() is never deleted; other Envs would be owned.
struct rocksdb_env_t {
  ROCKSDB_NAMESPACE::Env* rep;
  bool is_default;
};
struct rocksdb_envoptions_t {
  ROCKSDB_NAMESPACE::EnvOptions rep;
};
struct rocksdb_sstfilewriter_t {
  std::unique_ptr<ROCKSDB_NAMESPACE::SstFileWriter> rep;
};
struct rocksdb_ingestexternalfileoptions_t {
  ROCKSDB_NAMESPACE::IngestExternalFileOptions rep;
};
struct rocksdb_compactionfiltercontext_t {
  ROCKSDB_NAMESPACE::CompactionFilter::Context rep;
};
struct rocksdb_livefiles_t {
  std::vector<ROCKSDB_NAMESPACE::LiveFileMetaData> rep;
};
struct rocksdb_checkpoint_t {
  std::unique_ptr<ROCKSDB_NAMESPACE::Checkpoint> rep;
};
struct rocksdb_pinnableslice_t {
  ROCKSDB_NAMESPACE::PinnableSlice rep;
};
// A level's and a file's metadata point into the column family metadata
// they came from, which must outlive them (as in RocksDB).
struct rocksdb_column_family_metadata_t {
  ROCKSDB_NAMESPACE::ColumnFamilyMetaData rep;
};
struct rocksdb_level_metadata_t {
  const ROCKSDB_NAMESPACE::LevelMetaData* rep;
};
struct rocksdb_sst_file_metadata_t {
  const ROCKSDB_NAMESPACE::SstFileMetaData* rep;
};

// A merge operator made of the caller's callbacks (rocksdb_mergeoperator_
// create). rocksdb_options_set_merge_operator hands it to the options,
// which own it from then on (a shared_ptr deletes it); the destructor
// callback runs on deletion. Methods are in src/c/c_callbacks.cc.
struct rocksdb_mergeoperator_t : public ROCKSDB_NAMESPACE::MergeOperator {
  using FullMergeFn = char* (*)(void*, const char* key, size_t key_length,
                                const char* existing_value,
                                size_t existing_value_length,
                                const char* const* operands_list,
                                const size_t* operands_list_length,
                                int num_operands, unsigned char* success,
                                size_t* new_value_length);
  using PartialMergeFn = char* (*)(void*, const char* key, size_t key_length,
                                   const char* const* operands_list,
                                   const size_t* operands_list_length,
                                   int num_operands, unsigned char* success,
                                   size_t* new_value_length);

  ~rocksdb_mergeoperator_t() override;
  const char* Name() const override;
  bool FullMergeV2(const MergeOperationInput& merge_in,
                   MergeOperationOutput* merge_out) const override;
  bool PartialMerge(const ROCKSDB_NAMESPACE::Slice& key,
                    const ROCKSDB_NAMESPACE::Slice& left,
                    const ROCKSDB_NAMESPACE::Slice& right,
                    std::string* new_value,
                    ROCKSDB_NAMESPACE::Logger* logger) const override;
  // Copies the callback's malloc()ed result into *out and releases it.
  void TakeResult(char* result, size_t len, std::string* out) const;

  void* state = nullptr;
  void (*destructor)(void*) = nullptr;
  FullMergeFn full_merge = nullptr;
  PartialMergeFn partial_merge = nullptr;
  void (*delete_value)(void*, const char* value, size_t value_length) =
      nullptr;
  const char* (*name)(void*) = nullptr;
};

// A compaction filter made of the caller's callbacks
// (rocksdb_compactionfilter_create). rocksdb_options_set_compaction_filter
// only points at it (the caller destroys it after the DB); one a factory's
// callback returns is owned by the job it serves. The destructor callback
// runs on deletion. Methods are in src/c/c_compaction_filter.cc.
struct rocksdb_compactionfilter_t : public ROCKSDB_NAMESPACE::CompactionFilter {
  ~rocksdb_compactionfilter_t() override;
  bool Filter(int level, const ROCKSDB_NAMESPACE::Slice& key,
              const ROCKSDB_NAMESPACE::Slice& existing_value,
              std::string* new_value, bool* value_changed) const override;
  bool IgnoreSnapshots() const override { return ignore_snapshots; }
  const char* Name() const override { return (*name)(state); }

  void* state = nullptr;
  void (*destructor)(void*) = nullptr;
  unsigned char (*filter)(void*, int level, const char* key,
                          size_t key_length, const char* existing_value,
                          size_t value_length, char** new_value,
                          size_t* new_value_length,
                          unsigned char* value_changed) = nullptr;
  const char* (*name)(void*) = nullptr;
  bool ignore_snapshots = true;
};

// A compaction filter factory made of the caller's callbacks; the options
// own it once set (a shared_ptr deletes it).
struct rocksdb_compactionfilterfactory_t
    : public ROCKSDB_NAMESPACE::CompactionFilterFactory {
  ~rocksdb_compactionfilterfactory_t() override;
  std::unique_ptr<ROCKSDB_NAMESPACE::CompactionFilter> CreateCompactionFilter(
      const ROCKSDB_NAMESPACE::CompactionFilter::Context& context) override;
  const char* Name() const override { return (*name)(state); }

  void* state = nullptr;
  void (*destructor)(void*) = nullptr;
  rocksdb_compactionfilter_t* (*create)(
      void*, rocksdb_compactionfiltercontext_t* context) = nullptr;
  const char* (*name)(void*) = nullptr;
};

// A comparator made of the caller's callbacks (rocksdb_comparator_create).
// The options only point at it: the caller keeps it alive while a DB uses
// it and destroys it with rocksdb_comparator_destroy.
struct rocksdb_comparator_t : public ROCKSDB_NAMESPACE::Comparator {
  ~rocksdb_comparator_t() override;
  int Compare(const ROCKSDB_NAMESPACE::Slice& a,
              const ROCKSDB_NAMESPACE::Slice& b) const override;
  const char* Name() const override;
  // No key shortening (RocksDB's C comparators do none either).
  void FindShortestSeparator(std::string*,
                             const ROCKSDB_NAMESPACE::Slice&) const override {}
  void FindShortSuccessor(std::string*) const override {}

  void* state = nullptr;
  void (*destructor)(void*) = nullptr;
  int (*compare)(void*, const char* a, size_t alen, const char* b,
                 size_t blen) = nullptr;
  const char* (*name)(void*) = nullptr;
};

namespace ROCKSDB_NAMESPACE {

// The C API's error convention: returns false and leaves *errptr alone when
// s is OK; otherwise frees *errptr, stores a malloc()ed copy of
// s.ToString() there and returns true.
bool CApiSaveError(char** errptr, const Status& s);

// A malloc()ed copy of the bytes (not NUL-terminated unless the caller adds
// it; rocksdb_get's contract), or of the string with a NUL.
char* CApiCopyBytes(const Slice& bytes);
char* CApiCopyString(const std::string& str);

// rocksdb_get's result: a malloc()ed copy of the value, or NULL with
// *vallen 0 when the key is absent (not an error) or on error.
char* CApiGetResult(const Status& s, const std::string& value, size_t* vallen,
                    char** errptr);

// RocksDB's "UInt64AddOperator" (rocksdb_options_set_uint64add_merge_
// operator): values and operands are 8-byte little-endian integers, added
// with wrap-around; a value or operand of another size counts as 0.
std::shared_ptr<MergeOperator> CApiNewUInt64AddOperator();

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_C_C_TYPES_H_
