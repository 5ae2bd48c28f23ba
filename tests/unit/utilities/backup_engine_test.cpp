// BackupEngine: backups skyrocks makes are restored by librocksdb 7.8.3 and
// the other way round (tests/oracle/backup_diff.cpp, built against both);
// incremental backups copy only new SSTs; VerifyBackup finds missing and
// damaged files as librocksdb does; DeleteBackup and PurgeOldBackups keep
// every shared file a remaining backup references.
#include "rocksdb/utilities/backup_engine.h"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "env/fault_injection_fs.h"
#include "rocksdb/db.h"
#include "rocksdb/file_system.h"
#include "rocksdb/system_clock.h"
#include "support/test_util.h"

namespace {

using ROCKSDB_NAMESPACE::BackupEngine;
using ROCKSDB_NAMESPACE::BackupEngineOptions;
using ROCKSDB_NAMESPACE::BackupInfo;

std::string BackupDiff(const std::string& lib, const std::string& args) {
  std::string out;
  const int rc = skyrocks_test::RunCommand(
      skyrocks_test::BuildDir() + "/" + lib + "/backup_diff " + args, &out);
  INFO(lib << " backup_diff " << args << "\n" << out);
  REQUIRE(rc == 0);
  return out;
}

// The lines of `info` that do not depend on which library wrote the DB
// (file names carry session ids, sizes differ): ids, counts, metadata.
std::string BackupSummary(const std::string& info) {
  std::istringstream in(info);
  std::string line, out;
  while (std::getline(in, line)) {
    if (line.rfind("backup ", 0) == 0) {
      const size_t size = line.find(" size ");
      const size_t meta = line.find(" meta ");
      out += line.substr(0, size) + line.substr(meta) + "\n";
    } else if (line.rfind("corrupt ", 0) == 0) {
      out += line + "\n";
    }
  }
  return out;
}

std::set<std::string> SharedFiles(const std::string& bk) {
  std::set<std::string> out;
  for (const auto& e :
       std::filesystem::directory_iterator(bk + "/shared_checksum")) {
    out.insert(e.path().filename().string());
  }
  return out;
}

ino_t Inode(const std::string& path) {
  struct stat st;
  REQUIRE(stat(path.c_str(), &st) == 0);
  return st.st_ino;
}

// Writes keys [first, first + count) and flushes: one new SST.
void PutAndFlush(ROCKSDB_NAMESPACE::DB* db, int first, int count) {
  for (int i = first; i < first + count; i++) {
    REQUIRE(db->Put(ROCKSDB_NAMESPACE::WriteOptions(), "k" + std::to_string(i),
                    std::string(100, 'v'))
                .ok());
  }
  REQUIRE(db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
}

struct BackupFixture {
  skyrocks_test::TempDir dir;
  std::unique_ptr<ROCKSDB_NAMESPACE::DB> db;
  std::unique_ptr<BackupEngine> be;

  BackupFixture() {
    ROCKSDB_NAMESPACE::Options options;
    options.create_if_missing = true;
    options.disable_auto_compactions = true;
    ROCKSDB_NAMESPACE::DB* raw = nullptr;
    REQUIRE(ROCKSDB_NAMESPACE::DB::Open(options, dir.Sub("db"), &raw).ok());
    db.reset(raw);
    Reopen();
  }
  void Reopen() {
    be.reset();
    BackupEngine* e = nullptr;
    REQUIRE(BackupEngine::Open(ROCKSDB_NAMESPACE::Env::Default(),
                               BackupEngineOptions(dir.Sub("bk")), &e)
                .ok());
    be.reset(e);
  }
  std::string Bk() const { return dir.Sub("bk"); }
};

}  // namespace

TEST_CASE("BackupEngine: each library restores the other's backups") {
  for (const char* maker : {"diff", "oracle"}) {
    const std::string other = std::string(maker) == "diff" ? "oracle" : "diff";
    CAPTURE(maker);
    skyrocks_test::TempDir dir;
    const std::string db = dir.Sub("db"), bk = dir.Sub("bk");
    BackupDiff(maker, "put " + db + " 0 200 flush");
    // Backup 1 holds unflushed keys in its WAL copy.
    CHECK(BackupDiff(maker, "backup " + db + " " + bk + " - app-meta 7") ==
          "backup id 1 callbacks no\n");
    BackupDiff(maker, "put " + db + " 200 300 flush");
    CHECK(BackupDiff(maker, "backup " + db + " " + bk + " flush") ==
          "backup id 2 callbacks no\n");
    const std::string own = BackupDiff(maker, "info " + bk);
    const std::string theirs = BackupDiff(other, "info " + bk);
    CHECK(BackupSummary(own) == BackupSummary(theirs));
    CHECK(BackupSummary(own).find("backup 1 files") != std::string::npos);
    CHECK(own.find("meta 'app-meta'") != std::string::npos);
    CHECK(BackupDiff(other, "rinfo " + bk) == BackupDiff(maker, "rinfo " + bk));
    for (const char* id : {"1", "2"}) {
      CHECK(BackupDiff(other, "verify " + bk + " " + id + " checksum") ==
            "verify " + std::string(id) + " -> OK\n");
    }
    const std::string own1 =
        BackupDiff(maker, "restore " + bk + " 1 " + dir.Sub("own1"));
    const std::string their1 =
        BackupDiff(other, "restore " + bk + " 1 " + dir.Sub("their1"));
    CHECK(own1.find("keys 207\n") != std::string::npos);
    CHECK(own1.find("w6=wal6\n") != std::string::npos);
    CHECK(own1 == their1);
    const std::string own2 =
        BackupDiff(maker, "restore " + bk + " 0 " + dir.Sub("own2"));
    const std::string their2 =
        BackupDiff(other, "restore " + bk + " 0 " + dir.Sub("their2"));
    CHECK(own2.find("keys 507\n") != std::string::npos);
    CHECK(own2 == their2);
  }
}

TEST_CASE("BackupEngine: a second backup copies only the new SSTs") {
  BackupFixture f;
  PutAndFlush(f.db.get(), 0, 100);
  PutAndFlush(f.db.get(), 100, 100);
  REQUIRE(f.be->CreateNewBackup(f.db.get()).ok());
  const std::set<std::string> first = SharedFiles(f.Bk());
  REQUIRE(first.size() == 2);
  std::map<std::string, ino_t> inodes;
  for (const auto& n : first) {
    inodes[n] = Inode(f.Bk() + "/shared_checksum/" + n);
    // 7.8.3's default naming: <number>_s<db session id>_<size>.sst
    CHECK(n.find("_s") == 6);
    CHECK(n.size() > 30);
  }
  PutAndFlush(f.db.get(), 200, 100);
  f.Reopen();  // a new engine finds the old backup's files in its meta
  REQUIRE(f.be->CreateNewBackup(f.db.get()).ok());
  const std::set<std::string> second = SharedFiles(f.Bk());
  CHECK(second.size() == 3);
  for (const auto& n : first) {
    CHECK(second.count(n) == 1);
    CHECK(Inode(f.Bk() + "/shared_checksum/" + n) == inodes[n]);
  }
  std::vector<BackupInfo> infos;
  f.be->GetBackupInfo(&infos, true);
  REQUIRE(infos.size() == 2);
  CHECK(infos[1].number_files == infos[0].number_files + 1);
}

TEST_CASE("BackupEngine: VerifyBackup finds missing and damaged files") {
  BackupFixture f;
  PutAndFlush(f.db.get(), 0, 100);
  REQUIRE(f.be->CreateNewBackup(f.db.get()).ok());
  PutAndFlush(f.db.get(), 100, 100);
  REQUIRE(f.be->CreateNewBackup(f.db.get()).ok());
  CHECK(f.be->VerifyBackup(1, true).ok());
  CHECK(f.be->VerifyBackup(3).IsNotFound());
  std::vector<BackupInfo> infos;
  f.be->GetBackupInfo(&infos, true);
  REQUIRE(infos.size() == 2);
  // The SST only backup 2 has: damage a byte, keeping the size.
  std::string only2;
  for (const auto& d : infos[1].file_details) {
    bool in1 = false;
    for (const auto& d1 : infos[0].file_details) {
      in1 = in1 || d1.relative_filename == d.relative_filename;
    }
    if (!in1 && d.relative_filename.rfind("shared_checksum/", 0) == 0) {
      only2 = f.Bk() + "/" + d.relative_filename;
    }
  }
  REQUIRE(!only2.empty());
  {
    std::fstream io(only2, std::ios::in | std::ios::out | std::ios::binary);
    io.seekp(10);
    io.put('\x7f');
  }
  CHECK(f.be->VerifyBackup(2, false).ok());  // same size
  CHECK(f.be->VerifyBackup(2, true).IsCorruption());
  CHECK(f.be->VerifyBackup(1, true).ok());
  CHECK(f.be->RestoreDBFromBackup(2, f.dir.Sub("r2"), f.dir.Sub("r2"))
            .IsCorruption());
  std::filesystem::resize_file(only2, 100);
  CHECK(f.be->VerifyBackup(2, false).IsCorruption());  // size changed
  std::filesystem::remove(only2);
  CHECK(f.be->VerifyBackup(2, false).IsNotFound());
  // A new engine finds backup 2 corrupt at open, as librocksdb does.
  f.Reopen();
  std::vector<ROCKSDB_NAMESPACE::BackupID> corrupt;
  f.be->GetCorruptedBackups(&corrupt);
  CHECK(corrupt == std::vector<ROCKSDB_NAMESPACE::BackupID>{2});
  CHECK(f.be->VerifyBackup(2).IsCorruption());
  CHECK(BackupDiff("oracle", "info " + f.Bk()).find("corrupt 2\n") !=
        std::string::npos);
  CHECK(BackupDiff("oracle", "verify " + f.Bk() + " 2") ==
        "verify 2 -> Corruption\n");
  CHECK(BackupDiff("diff", "verify " + f.Bk() + " 2") ==
        "verify 2 -> Corruption\n");
}

TEST_CASE("BackupEngine: deleting backups keeps the shared files still used") {
  BackupFixture f;
  PutAndFlush(f.db.get(), 0, 100);
  REQUIRE(f.be->CreateNewBackup(f.db.get()).ok());  // {A}
  PutAndFlush(f.db.get(), 100, 100);
  REQUIRE(f.be->CreateNewBackup(f.db.get()).ok());  // {A, B}
  std::set<std::string> ab = SharedFiles(f.Bk());
  REQUIRE(ab.size() == 2);
  REQUIRE(f.db->CompactRange(ROCKSDB_NAMESPACE::CompactRangeOptions(), nullptr,
                             nullptr)
              .ok());
  REQUIRE(f.be->CreateNewBackup(f.db.get()).ok());  // {C}
  REQUIRE(SharedFiles(f.Bk()).size() == 3);
  CHECK(f.be->DeleteBackup(1).ok());  // A is still in backup 2
  CHECK(SharedFiles(f.Bk()).size() == 3);
  CHECK(f.be->DeleteBackup(1).IsNotFound());
  CHECK(f.be->PurgeOldBackups(1).ok());  // backup 2 goes, with A and B
  const std::set<std::string> c = SharedFiles(f.Bk());
  CHECK(c.size() == 1);
  CHECK(ab.count(*c.begin()) == 0);
  CHECK(!std::filesystem::exists(f.Bk() + "/private/1"));
  CHECK(!std::filesystem::exists(f.Bk() + "/private/2"));
  CHECK(!std::filesystem::exists(f.Bk() + "/meta/2"));
  CHECK(f.be->VerifyBackup(3, true).ok());
  // librocksdb sees one valid backup and restores it.
  CHECK(BackupSummary(BackupDiff("oracle", "info " + f.Bk())) ==
        "backup 3 files 4 meta ''\n");
  const std::string restored =
      BackupDiff("oracle", "restore " + f.Bk() + " 3 " + f.dir.Sub("r"));
  CHECK(restored.find("keys 200\n") != std::string::npos);
}

TEST_CASE("BackupEngine: librocksdb's purge of skyrocks' backups, and back") {
  for (const char* maker : {"diff", "oracle"}) {
    const std::string other = std::string(maker) == "diff" ? "oracle" : "diff";
    CAPTURE(maker);
    skyrocks_test::TempDir dir;
    const std::string db = dir.Sub("db"), bk = dir.Sub("bk");
    for (int i = 0; i < 3; i++) {
      BackupDiff(maker,
                 "put " + db + " " + std::to_string(i * 100) + " 100 flush");
      BackupDiff(maker, "backup " + db + " " + bk);
    }
    // Backup 3 holds every SST (no compaction ran): none may go.
    const std::set<std::string> before = SharedFiles(bk);
    CHECK(before.size() == 3);
    CHECK(BackupDiff(other, "delete " + bk + " 2") == "delete 2 -> OK\n");
    CHECK(BackupDiff(other, "delete " + bk + " 2") == "delete 2 -> NotFound\n");
    BackupDiff(other, "purge " + bk + " 1");
    CHECK(SharedFiles(bk) == before);
    CHECK(!std::filesystem::exists(bk + "/private/1"));
    CHECK(!std::filesystem::exists(bk + "/meta/1"));
    CHECK(std::filesystem::exists(bk + "/meta/3"));
    CHECK(BackupSummary(BackupDiff(maker, "info " + bk)) ==
          BackupSummary(BackupDiff(other, "info " + bk)));
    CHECK(BackupDiff(maker, "verify " + bk + " 3 checksum") ==
          "verify 3 -> OK\n");
    const std::string r =
        BackupDiff(maker, "restore " + bk + " 0 " + dir.Sub("r"));
    CHECK(r.find("keys 300\n") != std::string::npos);
  }
}

TEST_CASE("BackupEngine: the progress callback, and StopBackup from it") {
  BackupFixture f;
  PutAndFlush(f.db.get(), 0, 300);
  PutAndFlush(f.db.get(), 300, 300);
  {
    BackupEngine* e = nullptr;
    BackupEngineOptions options(f.Bk());
    options.callback_trigger_interval_size = 1000;
    REQUIRE(BackupEngine::Open(ROCKSDB_NAMESPACE::Env::Default(), options, &e)
                .ok());
    f.be.reset(e);
  }
  int calls = 0;
  REQUIRE(f.be->CreateNewBackup(f.db.get(), false, [&] { calls++; }).ok());
  BackupInfo info;
  REQUIRE(f.be->GetLatestBackupInfo(&info).ok());
  CHECK(info.backup_id == 1);
  // librocksdb calls it about once per 1000 bytes copied (CURRENT, written
  // rather than copied, does not count).
  CHECK(calls >= static_cast<int>((info.size - 16) / 1000) - 1);
  CHECK(calls <= static_cast<int>(info.size / 1000));
  CHECK(calls > 5);

  // Stopped at the third call: the backup fails and leaves nothing.
  PutAndFlush(f.db.get(), 600, 300);
  const std::set<std::string> shared = SharedFiles(f.Bk());
  calls = 0;
  BackupEngine* be = f.be.get();
  ROCKSDB_NAMESPACE::IOStatus s = f.be->CreateNewBackup(f.db.get(), false, [&] {
    if (++calls == 3) be->StopBackup();
  });
  CHECK(s.IsIncomplete());
  CHECK(calls == 3);
  CHECK(SharedFiles(f.Bk()) == shared);
  CHECK(!std::filesystem::exists(f.Bk() + "/meta/2"));
  CHECK(!std::filesystem::exists(f.Bk() + "/private/2.tmp"));
  CHECK(!std::filesystem::exists(f.Bk() + "/private/2"));
  CHECK(f.be->GetBackupInfo(2, &info).IsNotFound());
  // As librocksdb (tried): this engine makes no more backups; a new one
  // does, with the next id.
  CHECK(f.be->CreateNewBackup(f.db.get()).IsIncomplete());
  f.Reopen();
  REQUIRE(f.be->CreateNewBackup(f.db.get()).ok());
  REQUIRE(f.be->GetLatestBackupInfo(&info).ok());
  CHECK(info.backup_id == 2);
  CHECK(f.be->VerifyBackup(2, true).ok());
}

TEST_CASE("BackupEngine: restore keeps the WALs of wal_dir when asked") {
  BackupFixture f;
  PutAndFlush(f.db.get(), 0, 10);
  REQUIRE(f.be->CreateNewBackup(f.db.get()).ok());
  const std::string dest = f.dir.Sub("dest");
  std::filesystem::create_directories(dest);
  std::ofstream(dest + "/000777.log") << "x";
  std::ofstream(dest + "/000778.sst") << "x";
  std::ofstream(dest + "/unrelated") << "x";
  REQUIRE(f.be->RestoreDBFromLatestBackup(
                  ROCKSDB_NAMESPACE::RestoreOptions(true), dest, dest)
              .ok());
  CHECK(std::filesystem::exists(dest + "/000777.log"));
  CHECK(!std::filesystem::exists(dest + "/000778.sst"));
  CHECK(!std::filesystem::exists(dest + "/unrelated"));
  std::filesystem::remove(dest + "/000777.log");
  std::ofstream(dest + "/000779.log") << "";
  REQUIRE(f.be->RestoreDBFromLatestBackup(dest, dest).ok());
  CHECK(!std::filesystem::exists(dest + "/000779.log"));
  ROCKSDB_NAMESPACE::DB* raw = nullptr;
  REQUIRE(ROCKSDB_NAMESPACE::DB::Open(ROCKSDB_NAMESPACE::Options(), dest, &raw)
              .ok());
  std::unique_ptr<ROCKSDB_NAMESPACE::DB> db(raw);
  std::string v;
  CHECK(db->Get(ROCKSDB_NAMESPACE::ReadOptions(), "k9", &v).ok());
  CHECK(v == std::string(100, 'v'));
}

TEST_CASE("BackupEngine: a backup killed at any point is absent or complete") {
  skyrocks_test::TempDir dir;
  const std::string db = dir.Sub("db"), bk = dir.Sub("bk");
  // About 80 MB of incompressible values in four SSTs, so that a backup
  // takes long enough to be killed half-way.
  for (int i = 0; i < 4; i++) {
    BackupDiff("diff", "put " + db + " " + std::to_string(i * 1000) +
                           " 1000 flush 20000");
  }
  int complete = 0, absent = 0;
  std::vector<int> delays;
  for (int d = 0; d <= 300; d += 15) delays.push_back(d);
  // Late kills, so that some backups complete on a loaded machine too.
  for (int d : {500, 1000, 2000, 4000}) delays.push_back(d);
  for (int delay_ms : delays) {
    CAPTURE(delay_ms);
    std::string out;
    const std::string cmd = "(" + skyrocks_test::BuildDir() +
                            "/diff/backup_diff backup " + db + " " + bk +
                            " >/dev/null 2>&1 & p=$!; sleep " +
                            std::to_string(delay_ms / 1000.0) +
                            "; kill -9 $p 2>/dev/null; wait $p; true)";
    REQUIRE(skyrocks_test::RunCommand(cmd, &out) == 0);
    const std::string info = BackupDiff("diff", "info " + bk);
    CHECK(info.find("corrupt") == std::string::npos);
    CHECK(BackupSummary(info) ==
          BackupSummary(BackupDiff("oracle", "info " + bk)));
    // Every backup listed is complete.
    std::istringstream in(info);
    std::string line;
    int listed = 0;
    while (std::getline(in, line)) {
      if (line.rfind("backup ", 0) != 0) continue;
      listed++;
      const std::string id = line.substr(7, line.find(' ', 7) - 7);
      CHECK(BackupDiff("diff", "verify " + bk + " " + id + " checksum") ==
            "verify " + id + " -> OK\n");
    }
    if (listed > complete) {
      complete = listed;
    } else {
      absent++;
    }
  }
  INFO("complete " << complete << ", absent " << absent);
  CHECK(complete > 0);
  CHECK(absent > 0);
  // What the killed backups left goes with the next backup, which
  // restores.
  BackupDiff("diff", "backup " + db + " " + bk);
  for (const auto& e : std::filesystem::recursive_directory_iterator(bk)) {
    const std::string p = e.path().string();
    CHECK(p.find(".tmp") == std::string::npos);
  }
  const std::string restored =
      BackupDiff("oracle", "restore " + bk + " 0 " + dir.Sub("r"));
  CHECK(restored.find("keys 4000\n") != std::string::npos);
}

TEST_CASE(
    "BackupEngine: GarbageCollect removes what interrupted backups left") {
  BackupFixture f;
  PutAndFlush(f.db.get(), 0, 10);
  REQUIRE(f.be->CreateNewBackup(f.db.get()).ok());
  const std::set<std::string> shared = SharedFiles(f.Bk());
  std::filesystem::create_directories(f.Bk() + "/private/2.tmp");
  std::ofstream(f.Bk() + "/private/2.tmp/MANIFEST-000009") << "x";
  std::ofstream(f.Bk() + "/meta/.2.tmp") << "x";
  std::ofstream(f.Bk() + "/shared_checksum/000099_sX_1.sst.tmp") << "x";
  std::ofstream(f.Bk() + "/shared_checksum/000098_sY_1.sst") << "x";
  f.Reopen();
  CHECK(f.be->GarbageCollect().ok());
  CHECK(SharedFiles(f.Bk()) == shared);
  CHECK(!std::filesystem::exists(f.Bk() + "/private/2.tmp"));
  CHECK(!std::filesystem::exists(f.Bk() + "/meta/.2.tmp"));
  CHECK(std::filesystem::exists(f.Bk() + "/meta/1"));
  CHECK(f.be->VerifyBackup(1, true).ok());
}

namespace {

// The files under bk, sorted, with digits and DB session ids masked:
// what must not depend on the library that wrote them.
std::string BackupLayout(const std::string& bk) {
  std::set<std::string> paths;
  for (const auto& e : std::filesystem::recursive_directory_iterator(bk)) {
    if (!e.is_regular_file()) continue;
    std::string p = std::filesystem::relative(e.path(), bk).string();
    std::string masked;
    for (size_t i = 0; i < p.size();) {
      if (p.compare(i, 2, "_s") == 0 && i + 22 <= p.size()) {
        masked += "_sSESSION";
        i += 22;
      } else if (std::isdigit(static_cast<unsigned char>(p[i]))) {
        while (i < p.size() && std::isdigit(static_cast<unsigned char>(p[i])))
          i++;
        masked += "#";
      } else {
        masked += p[i++];
      }
    }
    paths.insert(masked);
  }
  std::string out;
  for (const auto& p : paths) out += p + "\n";
  return out;
}

}  // namespace

TEST_CASE("BackupEngine: the layout options write what librocksdb writes") {
  for (const char* layout : {"default", "private", "shared", "legacy", "nosize",
                             "nolog", "parallel"}) {
    CAPTURE(layout);
    std::map<std::string, std::string> layouts, restored;
    skyrocks_test::TempDir dir;
    for (const char* lib : {"oracle", "diff"}) {
      const std::string db = dir.Sub(std::string(lib) + "db");
      const std::string bk = dir.Sub(std::string(lib) + "bk");
      const std::string env = "BACKUP_DIFF_LAYOUT=" + std::string(layout) + " ";
      BackupDiff(lib, "put " + db + " 0 100 flush");
      // RunCommand takes a shell line: the variable goes in front.
      auto run = [&](const std::string& which, const std::string& args) {
        std::string out;
        const int rc =
            skyrocks_test::RunCommand(env + skyrocks_test::BuildDir() + "/" +
                                          which + "/backup_diff " + args,
                                      &out);
        INFO(which << " " << args << "\n" << out);
        REQUIRE(rc == 0);
        return out;
      };
      run(lib, "backup " + db + " " + bk + " - - 5");
      BackupDiff(lib, "put " + db + " 100 100 flush");
      run(lib, "backup " + db + " " + bk);
      layouts[lib] = BackupLayout(bk);
      // The other library restores both backups.
      const std::string other = std::string(lib) == "diff" ? "oracle" : "diff";
      restored[lib] = run(other, "restore " + bk + " 1 " +
                                     dir.Sub(std::string(lib) + "r1")) +
                      run(other, "restore " + bk + " 2 " +
                                     dir.Sub(std::string(lib) + "r2"));
    }
    CHECK(layouts["oracle"] == layouts["diff"]);
    CHECK(restored["oracle"] == restored["diff"]);
    CHECK(restored["diff"].find(std::string(layout) == "nolog"
                                    ? "keys 100\n"
                                    : "keys 105\n") != std::string::npos);
    if (std::string(layout) == "private") {
      CHECK(layouts["diff"].find("private/#/#.sst\n") != std::string::npos);
    }
  }
}

TEST_CASE("BackupEngine: max_background_operations copies in parallel") {
  BackupFixture f;
  for (int i = 0; i < 8; i++) PutAndFlush(f.db.get(), i * 100, 100);
  BackupEngine* e = nullptr;
  BackupEngineOptions options(f.Bk());
  options.max_background_operations = 4;
  REQUIRE(
      BackupEngine::Open(ROCKSDB_NAMESPACE::Env::Default(), options, &e).ok());
  f.be.reset(e);
  REQUIRE(f.be->CreateNewBackup(f.db.get(), false).ok());
  CHECK(SharedFiles(f.Bk()).size() == 8);
  CHECK(f.be->VerifyBackup(1, true).ok());
  const std::string r =
      BackupDiff("oracle", "restore " + f.Bk() + " 1 " + f.dir.Sub("r"));
  CHECK(r.find("keys 800\n") != std::string::npos);
  REQUIRE(f.be->RestoreDBFromBackup(1, f.dir.Sub("r2"), f.dir.Sub("r2")).ok());
  CHECK(BackupDiff("diff", "dump " + f.dir.Sub("r2")).find("keys 800\n") !=
        std::string::npos);
}

TEST_CASE("BackupEngine: backup_env on another file system, with faults") {
  BackupFixture f;
  PutAndFlush(f.db.get(), 0, 100);
  PutAndFlush(f.db.get(), 100, 100);
  auto fault = std::make_shared<ROCKSDB_NAMESPACE::FaultInjectionTestFS>(
      ROCKSDB_NAMESPACE::NewMemFileSystem());
  ROCKSDB_NAMESPACE::Env mem_env(fault,
                                 ROCKSDB_NAMESPACE::SystemClock::Default());
  REQUIRE(
      fault->CreateDirIfMissing("/mem", ROCKSDB_NAMESPACE::IOOptions(), nullptr)
          .ok());
  BackupEngineOptions options("/mem/bk", &mem_env);
  BackupEngine* e = nullptr;
  REQUIRE(
      BackupEngine::Open(ROCKSDB_NAMESPACE::Env::Default(), options, &e).ok());
  std::unique_ptr<BackupEngine> be(e);
  // A failed write of an SST: no backup, and nothing of it stays.
  fault->InjectError(ROCKSDB_NAMESPACE::FaultInjectionTestFS::Op::kWrite,
                     ROCKSDB_NAMESPACE::FaultInjectionTestFS::EIOError("sst"),
                     1, ".sst");
  ROCKSDB_NAMESPACE::IOStatus s = be->CreateNewBackup(f.db.get());
  CHECK(s.IsIOError());
  CHECK(s.ToString().find(".sst") != std::string::npos);
  fault->ClearErrors();
  std::vector<std::string> names;
  REQUIRE(fault
              ->GetChildren("/mem/bk/shared_checksum",
                            ROCKSDB_NAMESPACE::IOOptions(), &names, nullptr)
              .ok());
  CHECK(names.empty());
  REQUIRE(fault
              ->GetChildren("/mem/bk/meta", ROCKSDB_NAMESPACE::IOOptions(),
                            &names, nullptr)
              .ok());
  CHECK(names.empty());
  // The next one succeeds, in a file system that cannot rename
  // directories; the failed one used no id.
  ROCKSDB_NAMESPACE::BackupID id = 0;
  REQUIRE(be->CreateNewBackup(ROCKSDB_NAMESPACE::CreateBackupOptions(),
                              f.db.get(), &id)
              .ok());
  CHECK(id == 1);
  CHECK(be->VerifyBackup(1, true).ok());
  REQUIRE(fault
              ->GetChildren("/mem/bk/private/1", ROCKSDB_NAMESPACE::IOOptions(),
                            &names, nullptr)
              .ok());
  CHECK(names.size() == 3);  // MANIFEST, CURRENT, OPTIONS
  // Restored from memory to disk, the DB opens with every key.
  REQUIRE(be->RestoreDBFromLatestBackup(f.dir.Sub("r"), f.dir.Sub("r")).ok());
  CHECK(BackupDiff("oracle", "dump " + f.dir.Sub("r")).find("keys 200\n") !=
        std::string::npos);
}

TEST_CASE("BackupEngine: max_valid_backups_to_open limits read-only engines") {
  BackupFixture f;
  for (int i = 0; i < 3; i++) {
    PutAndFlush(f.db.get(), i * 10, 10);
    REQUIRE(f.be->CreateNewBackup(f.db.get()).ok());
  }
  BackupEngineOptions options(f.Bk());
  options.max_valid_backups_to_open = 2;
  ROCKSDB_NAMESPACE::BackupEngineReadOnly* ro = nullptr;
  REQUIRE(ROCKSDB_NAMESPACE::BackupEngineReadOnly::Open(
              ROCKSDB_NAMESPACE::Env::Default(), options, &ro)
              .ok());
  std::unique_ptr<ROCKSDB_NAMESPACE::BackupEngineReadOnly> guard(ro);
  std::vector<BackupInfo> infos;
  ro->GetBackupInfo(&infos);
  REQUIRE(infos.size() == 2);
  CHECK(infos[0].backup_id == 2);
  CHECK(infos[1].backup_id == 3);
  // A writable engine ignores the limit: deleting backup 3 keeps what
  // backups 1 and 2 use.
  BackupEngine* e = nullptr;
  REQUIRE(
      BackupEngine::Open(ROCKSDB_NAMESPACE::Env::Default(), options, &e).ok());
  f.be.reset(e);
  f.be->GetBackupInfo(&infos);
  CHECK(infos.size() == 3);
  REQUIRE(f.be->DeleteBackup(3).ok());
  CHECK(f.be->VerifyBackup(1, true).ok());
  CHECK(f.be->VerifyBackup(2, true).ok());
}
