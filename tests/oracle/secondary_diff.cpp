// Differential program for DB::OpenAsSecondary and TryCatchUpWithPrimary
// (issue 20 item 4): built against librocksdb 7.8.3
// ($(BUILD)/oracle/secondary_diff) and against skyrocks
// ($(BUILD)/diff/secondary_diff); tests/unit/db/secondary_diff_test.cpp
// compares what they print. Statuses print as their code only.
//
//   secondary_diff inproc DIR     a primary and a secondary in one process:
//                                 writes, flushes, a compaction, a dropped
//                                 column family, catch-ups in between; the
//                                 secondary's reads, its refused writes,
//                                 and the primary's directory unchanged by it
//   secondary_diff primary DIR    the primary of a two-process run: writes,
//                                 waits for DIR.go, writes and flushes more,
//                                 waits for DIR.done (files as signals)
//   secondary_diff secondary DIR  the secondary of that run: opens once
//                                 DIR.phase1 exists, prints, catches up once
//                                 DIR.phase2 exists, prints
#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace {

using ROCKSDB_NAMESPACE::ColumnFamilyDescriptor;
using ROCKSDB_NAMESPACE::ColumnFamilyHandle;
using ROCKSDB_NAMESPACE::ColumnFamilyOptions;
using ROCKSDB_NAMESPACE::DB;
using ROCKSDB_NAMESPACE::DBOptions;
using ROCKSDB_NAMESPACE::FlushOptions;
using ROCKSDB_NAMESPACE::Iterator;
using ROCKSDB_NAMESPACE::Options;
using ROCKSDB_NAMESPACE::ReadOptions;
using ROCKSDB_NAMESPACE::Status;
using ROCKSDB_NAMESPACE::WriteOptions;

void Check(const char* what, const Status& s) {
  if (!s.ok()) {
    std::printf("FAIL %s: %s\n", what, s.ToString().c_str());
    std::exit(1);
  }
}

Options BaseOptions() {
  Options o;
  o.create_if_missing = true;
  o.create_missing_column_families = true;
  o.disable_auto_compactions = true;
  o.max_open_files = -1;
  return o;
}

void Dump(const char* what, DB* db, ColumnFamilyHandle* cf) {
  std::unique_ptr<Iterator> it(db->NewIterator(ReadOptions(), cf));
  std::printf("%s:", what);
  int n = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (n++ < 12) {
      std::printf(" %s=%s", it->key().ToString().c_str(),
                  it->value().ToString().c_str());
    }
  }
  std::printf(" (%d keys, %s)\n", n, it->status().ok() ? "ok" : "error");
}

void Get(DB* db, const std::string& k) {
  std::string v;
  Status s = db->Get(ReadOptions(), k, &v);
  std::printf("  get %s: code=%d %s\n", k.c_str(), static_cast<int>(s.code()),
              s.ok() ? v.c_str() : "");
}

void Put(DB* db, ColumnFamilyHandle* cf, const std::string& k,
         const std::string& v) {
  Check("put", db->Put(WriteOptions(), cf, k, v));
}

std::string Listing(const std::string& dir) {
  FILE* p = popen(("ls " + dir).c_str(), "r");
  std::string out;
  char buf[256];
  while (p != nullptr && std::fgets(buf, sizeof(buf), p) != nullptr) out += buf;
  if (p != nullptr) pclose(p);
  return out;
}

void Touch(const std::string& f) {
  FILE* fp = std::fopen(f.c_str(), "w");
  if (fp) std::fclose(fp);
}

void WaitFor(const std::string& f) {
  for (int i = 0; i < 6000 && access(f.c_str(), F_OK) != 0; i++) usleep(10000);
  if (access(f.c_str(), F_OK) != 0) {
    std::printf("FAIL waiting for %s\n", f.c_str());
    std::exit(1);
  }
}

void InProcess(const std::string& dir) {
  const std::string db_dir = dir + "/db", sec_dir = dir + "/sec";
  if (system(("mkdir -p " + dir).c_str()) != 0) std::exit(1);
  Options o = BaseOptions();
  std::vector<ColumnFamilyDescriptor> cfs = {
      {ROCKSDB_NAMESPACE::kDefaultColumnFamilyName, o}, {"cf1", o}, {"cf2", o}};
  std::vector<ColumnFamilyHandle*> ph;
  DB* primary = nullptr;
  Check("open primary", DB::Open(o, db_dir, cfs, &ph, &primary));
  for (int i = 0; i < 5; i++) {
    Put(primary, ph[0], "k" + std::to_string(i), "v" + std::to_string(i));
  }
  Put(primary, ph[1], "c", "cf1");
  Put(primary, ph[2], "d", "cf2");
  Check("sync", primary->SyncWAL());
  const std::string before = Listing(db_dir);

  // The secondary opens default and cf2 only.
  std::vector<ColumnFamilyDescriptor> sec_cfs = {
      {ROCKSDB_NAMESPACE::kDefaultColumnFamilyName, o}, {"cf2", o}};
  std::vector<ColumnFamilyHandle*> sh;
  DB* sec = nullptr;
  Check("open secondary",
        DB::OpenAsSecondary(DBOptions(o), db_dir, sec_dir, sec_cfs, &sh, &sec));
  Dump("secondary at open", sec, sh[0]);
  Dump("secondary cf2", sec, sh[1]);
  std::printf("secondary seq %llu\n",
              static_cast<unsigned long long>(sec->GetLatestSequenceNumber()));
  std::printf("primary directory unchanged by the secondary: %d\n",
              Listing(db_dir) == before);

  // Writes the secondary does not see until it catches up.
  Put(primary, ph[0], "k1", "new1");
  Check("delete", primary->Delete(WriteOptions(), "k2"));
  Put(primary, ph[0], "k9", "v9");
  Get(sec, "k1");
  std::unique_ptr<Iterator> old_it(sec->NewIterator(ReadOptions(), sh[0]));
  Check("catch up 1", sec->TryCatchUpWithPrimary());
  Get(sec, "k1");
  Get(sec, "k2");
  Get(sec, "k9");
  int old_n = 0;
  for (old_it->SeekToFirst(); old_it->Valid(); old_it->Next()) old_n++;
  std::printf("iterator from before the catch-up: %d keys\n", old_n);
  old_it.reset();

  // A flush, more writes and a compaction that deletes the old SSTs.
  Check("flush", primary->Flush(FlushOptions(), ph[0]));
  for (int i = 10; i < 30; i++) {
    Put(primary, ph[0], "k" + std::to_string(i), "w" + std::to_string(i));
  }
  Check("flush 2", primary->Flush(FlushOptions(), ph[0]));
  Put(primary, ph[0], "late", "x");
  Check("catch up 2", sec->TryCatchUpWithPrimary());
  Dump("after flushes", sec, sh[0]);
  Check("compact", primary->CompactRange({}, ph[0], nullptr, nullptr));
  Put(primary, ph[2], "d2", "cf2b");
  Check("catch up 3", sec->TryCatchUpWithPrimary());
  Dump("after compaction", sec, sh[0]);
  Dump("cf2 after compaction", sec, sh[1]);
  std::printf("secondary seq %llu primary seq %llu\n",
              static_cast<unsigned long long>(sec->GetLatestSequenceNumber()),
              static_cast<unsigned long long>(
                  primary->GetLatestSequenceNumber()));

  // The secondary refuses writes, flushes and compactions.
  std::printf("secondary put: code=%d\n",
              static_cast<int>(sec->Put(WriteOptions(), "z", "z").code()));
  std::printf("secondary flush: code=%d\n",
              static_cast<int>(sec->Flush(FlushOptions()).code()));
  std::printf("primary catch up: code=%d\n",
              static_cast<int>(primary->TryCatchUpWithPrimary().code()));

  // cf2 dropped by the primary stays readable in the secondary.
  Check("drop", primary->DropColumnFamily(ph[2]));
  Check("catch up 4", sec->TryCatchUpWithPrimary());
  Dump("cf2 dropped by the primary", sec, sh[1]);

  for (ColumnFamilyHandle* h : sh) Check("sec cf", sec->DestroyColumnFamilyHandle(h));
  delete sec;
  std::printf("secondary path exists: %d\n", access(sec_dir.c_str(), F_OK) == 0);
  for (ColumnFamilyHandle* h : ph) Check("cf", primary->DestroyColumnFamilyHandle(h));
  delete primary;
  std::printf("OK\n");
}

void Primary(const std::string& dir) {
  Options o = BaseOptions();
  DB* db = nullptr;
  Check("open primary", DB::Open(o, dir, &db));
  for (int i = 0; i < 100; i++) {
    Check("put", db->Put(WriteOptions(), "a" + std::to_string(i), "1"));
  }
  Check("flush", db->Flush(FlushOptions()));
  for (int i = 0; i < 50; i++) {
    Check("put", db->Put(WriteOptions(), "b" + std::to_string(i), "2"));
  }
  Check("sync", db->SyncWAL());
  Touch(dir + ".phase1");
  WaitFor(dir + ".go");
  for (int i = 0; i < 100; i += 3) {
    Check("del", db->Delete(WriteOptions(), "a" + std::to_string(i)));
  }
  Check("flush", db->Flush(FlushOptions()));
  Check("compact", db->CompactRange({}, nullptr, nullptr));
  for (int i = 0; i < 20; i++) {
    Check("put", db->Put(WriteOptions(), "c" + std::to_string(i), "3"));
  }
  Check("sync", db->SyncWAL());
  Touch(dir + ".phase2");
  WaitFor(dir + ".done");
  delete db;
}

void Secondary(const std::string& dir) {
  WaitFor(dir + ".phase1");
  Options o = BaseOptions();
  DB* db = nullptr;
  Check("open secondary", DB::OpenAsSecondary(o, dir, dir + ".sec", &db));
  Dump("phase 1", db, db->DefaultColumnFamily());
  std::printf("seq %llu\n",
              static_cast<unsigned long long>(db->GetLatestSequenceNumber()));
  Touch(dir + ".go");
  WaitFor(dir + ".phase2");
  Check("catch up", db->TryCatchUpWithPrimary());
  Dump("phase 2", db, db->DefaultColumnFamily());
  std::printf("seq %llu\n",
              static_cast<unsigned long long>(db->GetLatestSequenceNumber()));
  Get(db, "a3");
  Get(db, "a4");
  Get(db, "c19");
  delete db;
  Touch(dir + ".done");
  std::printf("OK\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: secondary_diff inproc|primary|secondary DIR\n");
    return 2;
  }
  const std::string cmd = argv[1], dir = argv[2];
  if (cmd == "inproc") {
    InProcess(dir);
  } else if (cmd == "primary") {
    Primary(dir);
  } else if (cmd == "secondary") {
    Secondary(dir);
  } else {
    return 2;
  }
  return 0;
}
