// A RocksDB-style program that ignores the Status of every call, as programs
// written against RocksDB 7.8.3 may (its Status is not [[nodiscard]]).
// scripts/check_user_build.sh compiles it against the amalgamation: it must
// build under -Wall -Wextra -Werror as users compile it, and must fail when
// SKYROCKS_STRICT_STATUS is defined, as in skyrocks' own build.
#include "rocksdb/db.h"
#include "rocksdb/io_status.h"

rocksdb::IOStatus Touch() { return rocksdb::IOStatus::OK(); }

int main(int argc, char** argv) {
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* db = nullptr;
  rocksdb::DB::Open(options, argc > 1 ? argv[1] : "/tmp/ignores_status", &db);
  if (db == nullptr) return 1;
  db->Put(rocksdb::WriteOptions(), "key", "value");
  db->Delete(rocksdb::WriteOptions(), "key");
  Touch();
  db->Close();
  delete db;
  return 0;
}
