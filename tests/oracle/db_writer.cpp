// Oracle (links librocksdb 7.8.3): writes a DB that tests read with
// skyrocks' log reader, WriteBatch and VersionEdit decoders.
//
//   db_writer DIR [recycle]
//
// Opens DIR with column families default, cf1, cf2 (ids 0, 1, 2) and the
// stock "stringappend" merge operator, writes the fixed sequence below
// (tests/unit/db/rocksdb_interop_test.cpp expects exactly it), flushes
// default and cf1 halfway, and leaves with _exit(0) without closing, so the
// later writes exist only in the WAL. With "recycle", recycle_log_file_num
// is set, which makes RocksDB write recyclable (11-byte header) records.
// Prints "OK" on success; anything else is a failure.
#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/merge_operator.h>
#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

namespace {

void Check(const rocksdb::Status& s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stdout, "FAIL %s: %s\n", what, s.ToString().c_str());
    std::fflush(stdout);
    _exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: db_writer DIR [recycle]\n");
    return 2;
  }
  const std::string dir = argv[1];
  const bool recycle = argc > 2 && std::string(argv[2]) == "recycle";

  rocksdb::Options options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  if (recycle) {
    // 7.8.3 keeps recycling only with this recovery mode.
    options.recycle_log_file_num = 4;
    options.wal_recovery_mode = rocksdb::WALRecoveryMode::kSkipAnyCorruptedRecords;
  }
  rocksdb::ConfigOptions config;
  std::shared_ptr<rocksdb::MergeOperator> merge;
  Check(rocksdb::MergeOperator::CreateFromString(config, "stringappend",
                                                 &merge),
        "merge operator");
  options.merge_operator = merge;

  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  rocksdb::ColumnFamilyOptions cf_opts(options);
  cfs.emplace_back(rocksdb::kDefaultColumnFamilyName, cf_opts);
  cfs.emplace_back("cf1", cf_opts);
  cfs.emplace_back("cf2", cf_opts);
  std::vector<rocksdb::ColumnFamilyHandle*> h;
  rocksdb::DB* db = nullptr;
  Check(rocksdb::DB::Open(options, dir, cfs, &h, &db), "open");

  rocksdb::WriteOptions wo;
  // Phase 1: sequences 1..10.
  Check(db->Put(wo, h[0], "apple", "red"), "put 1");
  Check(db->Put(wo, h[1], "banana", "yellow"), "put 2");
  Check(db->Merge(wo, h[0], "list", "a"), "merge 3");
  Check(db->Merge(wo, h[0], "list", "b"), "merge 4");
  Check(db->Delete(wo, h[0], "apple"), "delete 5");
  rocksdb::WriteBatch batch;
  Check(batch.Put(h[2], "k1", "v1"), "batch put 6");
  Check(batch.PutLogData("blob"), "batch log data");
  Check(batch.SingleDelete(h[2], "k0"), "batch single delete 7");
  Check(batch.DeleteRange(h[1], "c", "e"), "batch delete range 8");
  Check(batch.Put(h[0], "zebra", "stripes"), "batch put 9");
  Check(db->Write(wo, &batch), "write batch");
  Check(db->DeleteRange(wo, h[0], "x", "y"), "delete range 10");
  if (!recycle) {
    rocksdb::FlushOptions fo;
    Check(db->Flush(fo, h[0]), "flush default");
    Check(db->Flush(fo, h[1]), "flush cf1");
  }
  // Phase 2: sequences 11..14, only in the WAL.
  Check(db->Put(wo, h[0], "after", "flush"), "put 11");
  Check(db->Merge(wo, h[1], "banana", "!"), "merge 12");
  Check(db->Delete(wo, h[2], "k1"), "delete 13");
  Check(db->Put(wo, h[0], "big", std::string(100000, 'v')), "put 14");
  Check(db->FlushWAL(true), "sync wal");
  std::fprintf(stdout, "OK\n");
  std::fflush(stdout);
  _exit(0);
}
