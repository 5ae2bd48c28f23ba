// BackupEngine, built against librocksdb 7.8.3 ($(BUILD)/oracle/backup_diff)
// and against skyrocks ($(BUILD)/diff/backup_diff); public RocksDB API only.
// One command per run, so that a backup one library made can be handed to
// the other:
//   put DB FIRST COUNT [flush|-] [VALUE_SIZE]
//                                write keys kFIRST..kFIRST+COUNT-1 (WAL on)
//   backup DB BK [flush|-] [META|-] [N] [TRIGGER]
//                                writes keys w0..w(N-1) without a flush (so
//                                that the live WAL holds them), then
//                                CreateNewBackupWithMetadata; prints the id
//                                and whether the progress callback ran (with
//                                TRIGGER: callback_trigger_interval_size,
//                                and how many times it ran)
//   info BK                      GetBackupInfo with file details
//   verify BK ID [checksum]      VerifyBackup
//   restore BK ID DEST [keep]    RestoreDBFromBackup (ID 0: the latest),
//                                then opens DEST and prints every key
//   purge BK N | delete BK ID    PurgeOldBackups / DeleteBackup
//   gc BK                        GarbageCollect
//   rinfo BK                     BackupEngineReadOnly's GetBackupInfo
//   dump DB                      every key of DB
// The environment variable BACKUP_DIFF_LAYOUT (private, shared, legacy,
// nosize, nolog, parallel) sets the BackupEngineOptions that change what is
// written. Output lines are what both libraries must agree on.
#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/options.h>
#include <rocksdb/utilities/backup_engine.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

using ROCKSDB_NAMESPACE::BackupEngine;
using ROCKSDB_NAMESPACE::BackupEngineOptions;
using ROCKSDB_NAMESPACE::BackupEngineReadOnly;
using ROCKSDB_NAMESPACE::BackupInfo;
using ROCKSDB_NAMESPACE::DB;
using ROCKSDB_NAMESPACE::Env;
using ROCKSDB_NAMESPACE::Options;
using ROCKSDB_NAMESPACE::Status;

namespace {

[[noreturn]] void Fail(const std::string& what, const Status& s) {
  std::printf("FAIL %s: %s\n", what.c_str(), s.ToString().c_str());
  std::exit(1);
}

std::string Key(long i) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "k%08ld", i);
  return buf;
}

DB* OpenDb(const std::string& path) {
  Options options;
  options.create_if_missing = true;
  DB* db = nullptr;
  Status s = DB::Open(options, path, &db);
  if (!s.ok()) Fail("open " + path, s);
  return db;
}

void Dump(const std::string& path) {
  DB* db = OpenDb(path);
  std::unique_ptr<ROCKSDB_NAMESPACE::Iterator> it(
      db->NewIterator(ROCKSDB_NAMESPACE::ReadOptions()));
  long n = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::printf("%s=%s\n", it->key().ToString().c_str(),
                it->value().ToString().c_str());
    n++;
  }
  if (!it->status().ok()) Fail("iterate " + path, it->status());
  std::printf("keys %ld\n", n);
  it.reset();
  delete db;
}

BackupEngine* OpenEngine(const std::string& bk, uint64_t trigger = 0) {
  BackupEngine* be = nullptr;
  BackupEngineOptions options(bk);
  if (trigger > 0) options.callback_trigger_interval_size = trigger;
  // BACKUP_DIFF_LAYOUT picks the options that change the layout.
  const char* layout = std::getenv("BACKUP_DIFF_LAYOUT");
  const std::string l = layout != nullptr ? layout : "";
  if (l == "private") {
    options.share_table_files = false;
    options.share_files_with_checksum = false;
  } else if (l == "shared") {
    options.share_files_with_checksum = false;
  } else if (l == "legacy") {
    options.share_files_with_checksum_naming =
        BackupEngineOptions::kLegacyCrc32cAndFileSize;
  } else if (l == "nosize") {
    options.share_files_with_checksum_naming =
        BackupEngineOptions::kUseDbSessionId;
  } else if (l == "nolog") {
    options.backup_log_files = false;
  } else if (l == "parallel") {
    options.max_background_operations = 4;
  }
  Status s = BackupEngine::Open(Env::Default(), options, &be);
  if (!s.ok()) Fail("open backup engine " + bk, s);
  return be;
}

void PrintInfos(const std::vector<BackupInfo>& infos) {
  for (const auto& b : infos) {
    std::printf("backup %u files %u size %llu meta '%s'\n", b.backup_id,
                b.number_files, static_cast<unsigned long long>(b.size),
                b.app_metadata.c_str());
    for (const auto& f : b.file_details) {
      std::printf("  %s/%s type %d size %llu\n", f.directory.c_str(),
                  f.relative_filename.c_str(), static_cast<int>(f.file_type),
                  static_cast<unsigned long long>(f.size));
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::printf("usage: backup_diff COMMAND ARGS\n");
    return 2;
  }
  const std::string cmd = argv[1];
  const std::string a = argv[2];
  auto arg = [&](int i) { return i < argc ? std::string(argv[i]) : ""; };
  if (cmd == "put" && argc >= 5) {
    DB* db = OpenDb(a);
    const long first = std::atol(argv[3]), count = std::atol(argv[4]);
    for (long i = first; i < first + count; i++) {
      std::string v = "v" + std::to_string(i);
      if (arg(6).empty()) {
        v += std::string(50, 'x');
      } else {  // incompressible: a large DB on disk
        uint32_t r = static_cast<uint32_t>(i) * 2654435761u + 1;
        for (long j = 0; j < std::atol(argv[6]); j++) {
          r = r * 1103515245u + 12345u;
          v.push_back(static_cast<char>('a' + (r >> 16) % 26));
        }
      }
      Status s = db->Put(ROCKSDB_NAMESPACE::WriteOptions(), Key(i), v);
      if (!s.ok()) Fail("put", s);
    }
    if (arg(5) == "flush") {
      Status s = db->Flush(ROCKSDB_NAMESPACE::FlushOptions());
      if (!s.ok()) Fail("flush", s);
    }
    delete db;
    std::printf("put %ld\n", count);
  } else if (cmd == "backup" && argc >= 4) {
    DB* db = OpenDb(a);
    for (long i = 0; i < std::atol(arg(6).empty() ? "0" : argv[6]); i++) {
      Status s = db->Put(ROCKSDB_NAMESPACE::WriteOptions(),
                         "w" + std::to_string(i), "wal" + std::to_string(i));
      if (!s.ok()) Fail("put", s);
    }
    const uint64_t trigger = std::strtoull(arg(7).c_str(), nullptr, 10);
    std::unique_ptr<BackupEngine> be(OpenEngine(argv[3], trigger));
    ROCKSDB_NAMESPACE::CreateBackupOptions o;
    o.flush_before_backup = arg(4) == "flush";
    int calls = 0;
    o.progress_callback = [&calls] { calls++; };
    ROCKSDB_NAMESPACE::BackupID id = 0;
    const std::string meta = arg(5) == "-" ? "" : arg(5);
    Status s = be->CreateNewBackupWithMetadata(o, db, meta, &id);
    if (!s.ok()) Fail("backup", s);
    if (trigger > 0) {
      std::printf("backup id %u callbacks %d\n", id, calls);
    } else {
      std::printf("backup id %u callbacks %s\n", id, calls > 0 ? "yes" : "no");
    }
    be.reset();
    delete db;
  } else if (cmd == "info") {
    std::unique_ptr<BackupEngine> be(OpenEngine(a));
    std::vector<BackupInfo> infos;
    be->GetBackupInfo(&infos, true);
    PrintInfos(infos);
    std::vector<ROCKSDB_NAMESPACE::BackupID> corrupt;
    be->GetCorruptedBackups(&corrupt);
    for (auto id : corrupt) std::printf("corrupt %u\n", id);
  } else if (cmd == "rinfo") {
    BackupEngineReadOnly* ro = nullptr;
    Status s =
        BackupEngineReadOnly::Open(Env::Default(), BackupEngineOptions(a), &ro);
    if (!s.ok()) Fail("open read-only backup engine", s);
    std::unique_ptr<BackupEngineReadOnly> be(ro);
    std::vector<BackupInfo> infos;
    be->GetBackupInfo(&infos, false);
    PrintInfos(infos);
  } else if (cmd == "verify" && argc >= 4) {
    std::unique_ptr<BackupEngine> be(OpenEngine(a));
    Status s = be->VerifyBackup(
        static_cast<ROCKSDB_NAMESPACE::BackupID>(std::atol(argv[3])),
        arg(4) == "checksum");
    std::printf("verify %s -> %s\n", argv[3],
                s.ok() ? "OK"
                       : (s.IsCorruption() ? "Corruption"
                          : s.IsNotFound() ? "NotFound"
                          : s.IsIOError()  ? "IOError"
                                           : s.ToString().c_str()));
  } else if (cmd == "restore" && argc >= 5) {
    std::unique_ptr<BackupEngine> be(OpenEngine(a));
    const long id = std::atol(argv[3]);
    const std::string dest = argv[4];
    ROCKSDB_NAMESPACE::RestoreOptions ro(arg(5) == "keep");
    Status s = id == 0 ? be->RestoreDBFromLatestBackup(ro, dest, dest)
                       : be->RestoreDBFromBackup(
                             ro, static_cast<ROCKSDB_NAMESPACE::BackupID>(id),
                             dest, dest);
    if (!s.ok()) Fail("restore", s);
    be.reset();
    std::printf("restored %ld\n", id);
    Dump(dest);
  } else if (cmd == "purge" && argc >= 4) {
    std::unique_ptr<BackupEngine> be(OpenEngine(a));
    Status s = be->PurgeOldBackups(static_cast<uint32_t>(std::atol(argv[3])));
    if (!s.ok()) Fail("purge", s);
    std::printf("purged to %s\n", argv[3]);
  } else if (cmd == "delete" && argc >= 4) {
    std::unique_ptr<BackupEngine> be(OpenEngine(a));
    Status s = be->DeleteBackup(
        static_cast<ROCKSDB_NAMESPACE::BackupID>(std::atol(argv[3])));
    std::printf("delete %s -> %s\n", argv[3],
                s.ok() ? "OK" : (s.IsNotFound() ? "NotFound" : "error"));
  } else if (cmd == "gc") {
    std::unique_ptr<BackupEngine> be(OpenEngine(a));
    Status s = be->GarbageCollect();
    if (!s.ok()) Fail("garbage collect", s);
    std::printf("gc ok\n");
  } else if (cmd == "dump") {
    Dump(a);
  } else {
    std::printf("unknown command %s\n", cmd.c_str());
    return 2;
  }
  return 0;
}
