// A DB directory from outside — CURRENT, MANIFEST, WALs, OPTIONS, SSTs —
// opened with DB::Open (or OpenForReadOnly) over an in-memory FileSystem
// in every wal_recovery_mode. Input: one flags byte (bits 0-1 the
// WALRecoveryMode, bit 2 paranoid_checks off, bit 3 read-only, bit 4
// create_if_missing), then up to 16 files, each {1-byte name length, name,
// 3-byte little-endian length, contents} (scripts/gen_fuzz_seeds.sh packs
// real DB directories this way). The column families are listed first and
// all opened; an open DB is read forward and backward, probed with Get, and
// closed.
#include "fuzz/harnesses.h"
#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/options.h"

namespace skyrocks_fuzz {

namespace {

constexpr int kDbOpenFuzzMaxSteps = 2000;

void DbOpenFuzzRead(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf) {
  rocksdb::ReadOptions ro;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, cf));
  std::vector<std::string> seen;
  int steps = 0;
  for (it->SeekToFirst(); it->Valid() && steps < kDbOpenFuzzMaxSteps;
       it->Next(), steps++) {
    if (seen.size() < 8) seen.push_back(it->key().ToString());
    (void)it->value();
  }
  steps = 0;
  for (it->SeekToLast(); it->Valid() && steps < kDbOpenFuzzMaxSteps;
       it->Prev(), steps++) {
    (void)it->key();
  }
  (void)it->status();
  seen.push_back("missing-key");
  for (const std::string& k : seen) {
    std::string value;
    (void)db->Get(ro, cf, k, &value);
    it->Seek(k);
    it->SeekForPrev(k);
  }
}

}  // namespace

int FuzzDbOpen(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  const uint8_t flags = in.Byte();
  std::shared_ptr<rocksdb::FileSystem> fs = rocksdb::NewMemFileSystem();
  FuzzCheck(fs->CreateDirIfMissing("/db", rocksdb::IOOptions(), nullptr).ok(),
            "mkdir");
  for (int files = 0; files < 16 && !in.empty(); files++) {
    const std::string name = in.Chunk(1);
    const std::string contents = in.Chunk(3);
    if (name.empty() || name.find('/') != std::string::npos ||
        name.find('\0') != std::string::npos || name == "." || name == "..") {
      continue;
    }
    FuzzWriteFile(fs.get(), "/db/" + name, contents);
  }
  std::unique_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(fs);
  rocksdb::Options options;
  options.env = env.get();
  options.wal_recovery_mode = static_cast<rocksdb::WALRecoveryMode>(flags & 3);
  options.paranoid_checks = (flags & 4) == 0;
  options.create_if_missing = (flags & 16) != 0;
  const bool read_only = (flags & 8) != 0;

  std::vector<std::string> names;
  if (!rocksdb::DB::ListColumnFamilies(options, "/db", &names).ok() ||
      names.empty()) {
    names = {rocksdb::kDefaultColumnFamilyName};
  }
  if (names.size() > 16) names.resize(16);
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  bool has_default = false;
  for (const std::string& n : names) {
    has_default = has_default || n == rocksdb::kDefaultColumnFamilyName;
    cfs.emplace_back(n, rocksdb::ColumnFamilyOptions(options));
  }
  if (!has_default) {
    cfs.emplace_back(rocksdb::kDefaultColumnFamilyName,
                     rocksdb::ColumnFamilyOptions(options));
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  rocksdb::Status s =
      read_only
          ? rocksdb::DB::OpenForReadOnly(options, "/db", cfs, &handles, &db)
          : rocksdb::DB::Open(options, "/db", cfs, &handles, &db);
  if (s.ok()) {
    FuzzCheck(db != nullptr && handles.size() == cfs.size(),
              "Open OK gives the DB and a handle per family");
    for (rocksdb::ColumnFamilyHandle* h : handles) DbOpenFuzzRead(db, h);
    std::string v;
    (void)db->GetProperty("rocksdb.stats", &v);
    if (!read_only &&
        db->Put(rocksdb::WriteOptions(), "fuzz-key", "fuzz-value").ok()) {
      FuzzCheck(db->Get(rocksdb::ReadOptions(), "fuzz-key", &v).ok() &&
                    v == "fuzz-value",
                "a write after recovery reads back");
    }
    for (rocksdb::ColumnFamilyHandle* h : handles) {
      (void)db->DestroyColumnFamilyHandle(h);
    }
    (void)db->Close();
    delete db;
  }
  return 0;
}

}  // namespace skyrocks_fuzz

SKYROCKS_FUZZ_ENTRY(FuzzDbOpen)
