// A user's program, built by scripts/check_consumers.sh against an installed
// or embedded skyrocks (pkg-config, CMake find_package, meson subproject):
// only <rocksdb/...> headers, as a RocksDB program. Writes, reopens and
// reads a key in the directory argv[1]; prints "consumer: ok" on success.
#include <cstdio>
#include <string>

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/version.h>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: consumer DIR\n");
    return 2;
  }
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* db = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(options, argv[1], &db);
  if (s.ok()) s = db->Put(rocksdb::WriteOptions(), "hello", "world");
  delete db;
  db = nullptr;
  std::string value;
  if (s.ok()) s = rocksdb::DB::Open(options, argv[1], &db);
  if (s.ok()) s = db->Get(rocksdb::ReadOptions(), "hello", &value);
  delete db;
  if (!s.ok() || value != "world") {
    std::fprintf(stderr, "consumer: %s (value '%s')\n", s.ToString().c_str(),
                 value.c_str());
    return 1;
  }
  std::printf("consumer: ok (skyrocks %s)\n", SKYROCKS_VERSION_STRING);
  return 0;
}
