// DB directories shared with librocksdb 7.8.3, both ways, in separate
// processes (tests/oracle/db_tool.cpp): one seeded workload (three column
// families, puts, deletes, single deletes, merges with RocksDB's
// "stringappend", range deletes, batches, flushes mid-way so that data sits
// both in SSTs and only in the WAL) is applied by RocksDB or by skyrocks,
// closed cleanly or abandoned without close; the other side then opens the
// directory and must see exactly what a std::map model of the workload
// holds.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/merge_operator.h"
#include "rocksdb/utilities/checkpoint.h"
#include "support/filter_oracle.h"
#include "support/number_property.h"
#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// RocksDB's stock stringappend operator, as skyrocks users would write it.
class InteropStringAppend : public AssociativeMergeOperator {
 public:
  bool Merge(const Slice&, const Slice* existing, const Slice& value,
             std::string* out, Logger*) const override {
    *out = existing ? existing->ToString() + "," + value.ToString()
                    : value.ToString();
    return true;
  }
  const char* Name() const override { return "StringAppendOperator"; }
};

struct InteropOp {
  std::string kind, cf, a, b;
};

const std::vector<std::string>& InteropCfs() {
  static const std::vector<std::string> cfs = {"default", "cf1", "cf2"};
  return cfs;
}

std::vector<InteropOp> InteropWorkload(uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<InteropOp> ops;
  auto key = [&] {
    char buf[16];
    snprintf(buf, sizeof(buf), "key%04u", static_cast<unsigned>(rng() % 300));
    return std::string(buf);
  };
  for (int i = 0; i < 3000; i++) {
    const std::string cf = InteropCfs()[rng() % 3];
    const int r = rng() % 100;
    if (i == 1500 || i == 2200) {
      for (const auto& c : InteropCfs()) {
        if (rng() % 3 != 0) ops.push_back({"F", c, "", ""});
      }
    }
    if (r < 50) {
      ops.push_back({"P", cf, key(), "v" + std::to_string(i) + std::string(rng() % 300, 'z')});
    } else if (r < 62) {
      ops.push_back({"D", cf, key(), ""});
    } else if (r < 75) {
      ops.push_back({"M", cf, key(), "m" + std::to_string(i)});
    } else if (r < 78) {
      std::string a = key(), b = key();
      if (a > b) std::swap(a, b);
      ops.push_back({"R", cf, a, b});
    } else if (r < 80) {
      // SingleDelete of a key written exactly once.
      const std::string k = "single" + std::to_string(i);
      ops.push_back({"P", cf, k, "once"});
      ops.push_back({"S", cf, k, ""});
    } else if (r < 85) {
      ops.push_back({"B", "4", "", ""});
      for (int j = 0; j < 4; j++) {
        ops.push_back({"P", InteropCfs()[rng() % 3], key(), "b" + std::to_string(i)});
      }
    } else {
      ops.push_back({"P", cf, key(), std::string(1 + rng() % 20, 'p')});
    }
  }
  return ops;
}

// InteropWorkload(seed) with column families created and dropped in it
// (ops "C cf" and "X cf", never inside a batch): "tmp" is created early,
// written, flushed, written again and dropped two thirds in; "cf2" is
// dropped and re-created under the same name halfway, the workload's later
// cf2 ops going to the new family. Writes to the other families go on
// after both drops.
std::vector<InteropOp> InteropDropWorkload(uint32_t seed) {
  const std::vector<InteropOp> base = InteropWorkload(seed);
  std::vector<InteropOp> ops;
  size_t batch_left = 0;
  for (size_t i = 0; i < base.size(); i++) {
    if (batch_left == 0) {
      const size_t n = ops.size();
      if (n >= 200 && n < 2600) {
        auto seen = [&](const char* kind, const char* cf) {
          return std::any_of(ops.begin(), ops.end(), [&](const InteropOp& o) {
            return o.kind == kind && o.cf == cf;
          });
        };
        if (!seen("C", "tmp")) ops.push_back({"C", "tmp", "", ""});
        if (i % 5 == 0) {
          ops.push_back({"P", "tmp", "t" + std::to_string(i % 50), "v" + std::to_string(i)});
        }
        if (n >= 1000 && !seen("F", "tmp")) ops.push_back({"F", "tmp", "", ""});
        if (n >= 1600 && !seen("X", "cf2")) {
          ops.push_back({"X", "cf2", "", ""});
          ops.push_back({"C", "cf2", "", ""});
        }
      } else if (n >= 2600 && !std::any_of(ops.begin(), ops.end(), [](const InteropOp& o) {
                   return o.kind == "X" && o.cf == "tmp";
                 })) {
        ops.push_back({"X", "tmp", "", ""});
      }
    }
    ops.push_back(base[i]);
    if (base[i].kind == "B") {
      batch_left = std::stoul(base[i].cf);
    } else if (base[i].kind != "F" && batch_left > 0) {
      batch_left--;
    }
  }
  return ops;
}

std::string InteropModelDump(const std::vector<InteropOp>& ops) {
  std::map<std::string, std::map<std::string, std::string>> m;
  for (const auto& c : InteropCfs()) m[c];
  for (const auto& op : ops) {
    if (op.kind == "X") {
      m.erase(op.cf);
      continue;
    }
    auto& t = m[op.cf];
    if (op.kind == "P") {
      t[op.a] = op.b;
    } else if (op.kind == "D" || op.kind == "S") {
      t.erase(op.a);
    } else if (op.kind == "M") {
      auto it = t.find(op.a);
      t[op.a] = it == t.end() ? op.b : it->second + "," + op.b;
    } else if (op.kind == "R") {
      t.erase(t.lower_bound(op.a), t.lower_bound(op.b));
    }
  }
  std::string out;
  for (const auto& cf : m) {
    for (const auto& kv : cf.second) {
      out += cf.first + "\t" + skyrocks_test::ToHex(kv.first) + "\t" +
             skyrocks_test::ToHex(kv.second) + "\n";
    }
  }
  return out;
}

void WriteInteropOps(const std::string& path, const std::vector<InteropOp>& ops) {
  std::ofstream f(path);
  for (const auto& op : ops) {
    if (op.kind == "B" || op.kind == "F" || op.kind == "C" || op.kind == "X") {
      f << op.kind << "\t" << op.cf << "\n";
    } else {
      f << op.kind << "\t" << op.cf << "\t" << skyrocks_test::ToHex(op.a) << "\t"
        << skyrocks_test::ToHex(op.b) << "\n";
    }
  }
}

Options InteropOptions(const std::string& wal_dir = "") {
  Options o;
  o.wal_dir = wal_dir;
  o.create_if_missing = true;
  o.create_missing_column_families = true;
  o.merge_operator = std::make_shared<InteropStringAppend>();
  return o;
}

// Applies ops with skyrocks; with kill, in a child process that exits
// without closing the DB (after syncing the WAL). subcompactions > 0:
// compactions run at once (6 jobs, always in parallel) and split into that
// many subcompactions, and at the end every column family is compacted
// twice with kForce (the second time without range tombstones left, so
// that it splits).
void ApplyWithSkyrocks(const std::string& dir, const std::vector<InteropOp>& ops,
                       bool kill, bool compaction_heavy = false, uint32_t subcompactions = 0,
                       const std::string& wal_dir = "") {
  auto run = [&]() -> Status {
    Options o = InteropOptions(wal_dir);
    if (compaction_heavy) {
      o.write_buffer_size = 16 << 10;
      o.level0_file_num_compaction_trigger = 2;
      o.target_file_size_base = 16 << 10;
      o.max_bytes_for_level_base = 64 << 10;
      o.max_bytes_for_level_multiplier = 4;
    }
    if (subcompactions > 0) {
      o.max_background_jobs = 6;
      o.max_subcompactions = subcompactions;
      o.soft_pending_compaction_bytes_limit = 0;
    }
    // A forked child must not use the parent's thread pools (their threads
    // do not exist in the child): it gets an Env of its own.
    std::unique_ptr<Env> child_env;
    if (kill) {
      child_env = NewCompositeEnv(FileSystem::Default());
      o.env = child_env.get();
    }
    // The families at open: InteropCfs() and any other an op names
    // before creating it (as tests/oracle/db_tool.cpp does).
    std::vector<std::string> names = InteropCfs();
    std::vector<std::string> seen = names;
    for (const auto& op : ops) {
      if (op.kind == "B" || std::find(seen.begin(), seen.end(), op.cf) != seen.end()) continue;
      seen.push_back(op.cf);
      if (op.kind != "C") names.push_back(op.cf);
    }
    std::vector<ColumnFamilyDescriptor> cfs;
    for (const auto& c : names) cfs.emplace_back(c, ColumnFamilyOptions(o));
    std::vector<ColumnFamilyHandle*> h;
    DB* db = nullptr;
    Status s = DB::Open(DBOptions(o), dir, cfs, &h, &db);
    if (!s.ok()) return s;
    std::map<std::string, ColumnFamilyHandle*> handles;
    for (size_t i = 0; i < names.size(); i++) handles[names[i]] = h[i];
    auto handle = [&](const std::string& cf) { return handles.at(cf); };
    WriteBatch batch;
    size_t left = 0;
    for (const auto& op : ops) {
      if (op.kind == "B") {
        left = std::stoul(op.cf);
        continue;
      }
      if (op.kind == "F") {
        s = db->Flush(FlushOptions(), handle(op.cf));
        if (!s.ok()) return s;
        continue;
      }
      if (op.kind == "C") {
        ColumnFamilyHandle* created = nullptr;
        s = db->CreateColumnFamily(ColumnFamilyOptions(o), op.cf, &created);
        if (!s.ok()) return s;
        handles[op.cf] = created;
        continue;
      }
      if (op.kind == "X") {
        s = db->DropColumnFamily(handle(op.cf));
        if (s.ok()) s = db->DestroyColumnFamilyHandle(handle(op.cf));
        if (!s.ok()) return s;
        handles.erase(op.cf);
        continue;
      }
      ColumnFamilyHandle* cf = handle(op.cf);
      if (op.kind == "P") s = batch.Put(cf, op.a, op.b);
      if (op.kind == "D") s = batch.Delete(cf, op.a);
      if (op.kind == "S") s = batch.SingleDelete(cf, op.a);
      if (op.kind == "M") s = batch.Merge(cf, op.a, op.b);
      if (op.kind == "R") s = batch.DeleteRange(cf, op.a, op.b);
      if (!s.ok()) return s;
      if (left > 0 && --left > 0) continue;
      s = db->Write(WriteOptions(), &batch);
      if (!s.ok()) return s;
      batch.Clear();
    }
    if (kill) {
      s = db->SyncWAL();
      _exit(s.ok() ? 0 : 3);
    }
    if (compaction_heavy) {
      s = db->WaitForCompact();
      if (!s.ok()) return s;
      uint64_t deep = 0, n = 0;
      for (int l = 1; l < 7; l++) {
        if (skyrocks_test::GetNumberProperty(*db, handle("cf1"), "rocksdb.num-files-at-level" + std::to_string(l), &n)) deep += n;
      }
      if (deep == 0) return Status::Corruption("no compaction happened");
    }
    if (subcompactions > 0) {
      CompactRangeOptions cr;
      cr.bottommost_level_compaction = BottommostLevelCompaction::kForce;
      for (int pass = 0; pass < 2; pass++) {
        for (const auto& x : handles) {
          s = db->CompactRange(cr, x.second, nullptr, nullptr);
          if (!s.ok()) return s;
        }
      }
      std::string stats;
      db->GetProperty("rocksdb.stats", &stats);
      if (stats.find("Subcompactions: 0\n") != std::string::npos) {
        return Status::Corruption("no subcompaction happened: " + stats);
      }
    }
    for (const auto& x : handles) s = db->DestroyColumnFamilyHandle(x.second);
    delete db;
    return Status::OK();
  };
  if (!kill) {
    Status s = run();
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    return;
  }
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    Status s = run();
    fprintf(stderr, "child failed: %s\n", s.ToString().c_str());
    _exit(2);
  }
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
}

std::string DumpWithSkyrocks(const std::string& dir, const std::string& wal_dir = "") {
  Options o = InteropOptions(wal_dir);
  o.create_if_missing = false;
  std::vector<std::string> names;
  Status s = DB::ListColumnFamilies(o, dir, &names);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  std::sort(names.begin(), names.end());
  std::vector<ColumnFamilyDescriptor> cfs;
  for (const auto& n : names) cfs.emplace_back(n, ColumnFamilyOptions(o));
  std::vector<ColumnFamilyHandle*> h;
  DB* db = nullptr;
  s = DB::Open(DBOptions(o), dir, cfs, &h, &db);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  std::string out;
  for (size_t i = 0; i < names.size(); i++) {
    std::unique_ptr<Iterator> it(db->NewIterator(ReadOptions(), h[i]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      out += names[i] + "\t" + skyrocks_test::ToHex(it->key().ToString()) + "\t" +
             skyrocks_test::ToHex(it->value().ToString()) + "\n";
    }
    REQUIRE_MESSAGE(it->status().ok(), it->status().ToString());
  }
  for (auto* x : h) REQUIRE(db->DestroyColumnFamilyHandle(x).ok());
  delete db;
  return out;
}

std::string DumpWithRocksDB(const std::string& dir, const char* mode,
                            const std::string& wal_dir = "") {
  std::string out;
  const int rc = skyrocks_test::RunCommand(
      skyrocks_test::BuildDir() + "/oracle/db_tool dump " + dir + " " + mode +
          (wal_dir.empty() ? "" : " --wal_dir=" + wal_dir),
      &out);
  REQUIRE_MESSAGE(rc == 0, out.substr(0, 2000));
  const size_t ok = out.rfind("OK\n");
  REQUIRE(ok != std::string::npos);
  return out.substr(0, ok);
}

}  // namespace

TEST_CASE("db interop: librocksdb writes, skyrocks opens (closed, killed, compacted)") {
  skyrocks_test::TempDir dir;
  for (const char* mode : {"close", "kill", "compact"}) {
    CAPTURE(mode);
    const auto ops = InteropWorkload(std::string(mode) == "close"  ? 11
                                     : std::string(mode) == "kill" ? 12
                                                                   : 13);
    const std::string expected = InteropModelDump(ops);
    const std::string db = dir.Sub(std::string("theirs-") + mode);
    WriteInteropOps(dir.Sub("ops"), ops);
    std::string out;
    REQUIRE_MESSAGE(skyrocks_test::RunCommand(skyrocks_test::BuildDir() +
                                                  "/oracle/db_tool apply " + db +
                                                  " " + dir.Sub("ops") + " " + mode,
                                              &out) == 0,
                    out);
    // RocksDB agrees with the model (read-only: nothing changes on disk).
    CHECK(DumpWithRocksDB(db, "ro") == expected);
    CHECK(DumpWithSkyrocks(db) == expected);
    // After skyrocks replayed and flushed the WAL, RocksDB reads it again.
    CHECK(DumpWithRocksDB(db, "ro") == expected);
  }
}

TEST_CASE("db interop: skyrocks writes, librocksdb opens (closed and killed)") {
  skyrocks_test::TempDir dir;
  for (const char* mode : {"close", "kill"}) {
    CAPTURE(mode);
    const auto ops = InteropWorkload(std::string(mode) == "close" ? 21 : 22);
    const std::string expected = InteropModelDump(ops);
    const std::string db = dir.Sub(std::string("ours-") + mode);
    ApplyWithSkyrocks(db, ops, std::string(mode) == "kill");
    CHECK(DumpWithRocksDB(db, "ro") == expected);
    std::string out;
    CHECK_MESSAGE(skyrocks_test::RunCommand("ldb --db=" + db + " checkconsistency", &out) == 0,
                  out);
    // A writable RocksDB open replays our WAL and flushes; we read it back.
    CHECK(DumpWithRocksDB(db, "rw") == expected);
    CHECK(DumpWithSkyrocks(db) == expected);
  }
}

TEST_CASE("db interop: column families librocksdb dropped and re-created open in skyrocks") {
  skyrocks_test::TempDir dir;
  for (const std::string mode : {"close", "kill", "compact"}) {
    CAPTURE(mode);
    const auto ops = InteropDropWorkload(mode == "close" ? 31 : mode == "kill" ? 32 : 33);
    std::string drops;
    for (const auto& op : ops) {
      if (op.kind == "C" || op.kind == "X") drops += op.kind + op.cf + " ";
    }
    REQUIRE(drops == "Ctmp Xcf2 Ccf2 Xtmp ");
    const std::string expected = InteropModelDump(ops);
    const std::string db = dir.Sub("theirs-drop-" + mode);
    WriteInteropOps(dir.Sub("ops"), ops);
    std::string out;
    REQUIRE_MESSAGE(skyrocks_test::RunCommand(skyrocks_test::BuildDir() +
                                                  "/oracle/db_tool apply " + db +
                                                  " " + dir.Sub("ops") + " " + mode,
                                              &out) == 0,
                    out);
    CHECK(DumpWithRocksDB(db, "ro") == expected);
    CHECK(DumpWithSkyrocks(db) == expected);
    // Twice: the MANIFEST skyrocks wrote at the first open reopens too.
    CHECK(DumpWithSkyrocks(db) == expected);
    CHECK(DumpWithRocksDB(db, "ro") == expected);
  }
}

TEST_CASE("db interop: column families skyrocks dropped and re-created open in librocksdb") {
  skyrocks_test::TempDir dir;
  for (const std::string mode : {"close", "kill"}) {
    CAPTURE(mode);
    const auto ops = InteropDropWorkload(mode == "close" ? 34 : 35);
    const std::string expected = InteropModelDump(ops);
    const std::string db = dir.Sub("ours-drop-" + mode);
    ApplyWithSkyrocks(db, ops, mode == "kill");
    CHECK(DumpWithRocksDB(db, "ro") == expected);
    std::string out;
    CHECK_MESSAGE(skyrocks_test::RunCommand("ldb --db=" + db + " checkconsistency", &out) == 0,
                  out);
    CHECK(DumpWithRocksDB(db, "rw") == expected);
    CHECK(DumpWithSkyrocks(db) == expected);
  }
}

TEST_CASE("db interop: GetProperty and GetIntProperty answer what librocksdb answers") {
  // Every property skyrocks knows, and level suffixes RocksDB refuses or
  // takes ("00" is level 0). Not "2147483648" and beyond: RocksDB 7.8.3
  // crashes on some of those and wraps others to a level; skyrocks is false.
  const std::vector<std::string> names = {
      "rocksdb.num-files-at-level0", "rocksdb.num-files-at-level6",
      "rocksdb.num-files-at-level00", "rocksdb.num-files-at-level7",
      "rocksdb.num-files-at-level99999999999", "rocksdb.num-files-at-level",
      "rocksdb.num-files-at-level-1", "rocksdb.num-files-at-level+1",
      "rocksdb.num-files-at-level0x", "rocksdb.num-entries-active-mem-table",
      "rocksdb.num-entries-imm-mem-tables", "rocksdb.num-immutable-mem-table",
      "rocksdb.cur-size-active-mem-table", "rocksdb.estimate-num-keys",
      "rocksdb.total-sst-files-size", "rocksdb.live-sst-files-size",
      "rocksdb.num-snapshots", "rocksdb.oldest-snapshot-time",
      "rocksdb.is-write-stopped", "rocksdb.mem-table-flush-pending",
      "rocksdb.num-running-flushes", "rocksdb.background-errors",
      "rocksdb.stats", "rocksdb.cfstats", "rocksdb.compaction-pending",
      "rocksdb.num-running-compactions", "rocksdb.estimate-pending-compaction-bytes",
      "rocksdb.base-level", "rocksdb.levelstats", "rocksdb.no-such-property"};
  skyrocks_test::TempDir dir;
  const std::string path = dir.Sub("db");
  std::string ours;
  {
    Options o = InteropOptions();
    DB* raw = nullptr;
    REQUIRE(DB::Open(o, path, &raw).ok());
    std::unique_ptr<DB> db(raw);
    REQUIRE(db->Put(WriteOptions(), "a", "1").ok());
    REQUIRE(db->Flush(FlushOptions()).ok());
    REQUIRE(db->Put(WriteOptions(), "b", "2").ok());
    for (const auto& name : names) {
      std::string text;
      uint64_t n = 0;
      const bool as_string = db->GetProperty(name, &text);
      const bool as_int = db->GetIntProperty(name, &n);
      ours += name + "\t" + (as_string ? "1" : "0") + "\t" + (as_int ? "1" : "0") + "\n";
    }
  }
  std::string cmd = skyrocks_test::BuildDir() + "/oracle/db_tool props " + path;
  for (const auto& name : names) cmd += " " + name;
  std::string theirs;
  REQUIRE_MESSAGE(skyrocks_test::RunCommand(cmd, &theirs) == 0, theirs);
  REQUIRE(theirs.size() >= 3);
  REQUIRE(theirs.compare(theirs.size() - 3, 3, "OK\n") == 0);
  CHECK(ours == theirs.substr(0, theirs.size() - 3));
}

}  // namespace ROCKSDB_NAMESPACE

namespace ROCKSDB_NAMESPACE {

TEST_CASE("db interop: a DB compacted many times by skyrocks opens in librocksdb") {
  skyrocks_test::TempDir dir;
  const auto ops = InteropWorkload(41);
  const std::string expected = InteropModelDump(ops);
  const std::string db = dir.Sub("compacted");
  ApplyWithSkyrocks(db, ops, false, true);
  CHECK(DumpWithRocksDB(db, "ro") == expected);
  std::string out;
  CHECK_MESSAGE(skyrocks_test::RunCommand("ldb --db=" + db + " checkconsistency", &out) == 0, out);
  CHECK(DumpWithRocksDB(db, "rw") == expected);
  CHECK(DumpWithSkyrocks(db) == expected);
}

TEST_CASE("db interop: a DB compacted with compactions and subcompactions at once opens in librocksdb") {
  skyrocks_test::TempDir dir;
  const auto ops = InteropWorkload(42);
  const std::string expected = InteropModelDump(ops);
  const std::string db = dir.Sub("subcompacted");
  ApplyWithSkyrocks(db, ops, false, true, 4);
  CHECK(DumpWithRocksDB(db, "ro") == expected);
  std::string out;
  CHECK_MESSAGE(skyrocks_test::RunCommand("ldb --db=" + db + " checkconsistency", &out) == 0, out);
  CHECK(DumpWithRocksDB(db, "rw") == expected);
  CHECK(DumpWithSkyrocks(db) == expected);
}

TEST_CASE("checkpoint: an openable copy, SSTs hard-linked, readable by RocksDB") {
  skyrocks_test::TempDir dir;
  const auto ops = InteropWorkload(31);
  const std::string db = dir.Sub("db");
  ApplyWithSkyrocks(db, ops, false);
  const std::string expected = InteropModelDump(ops);
  // Reopen, add writes that sit only in the WAL, and checkpoint.
  Options o = InteropOptions();
  std::vector<ColumnFamilyDescriptor> cfs;
  for (const auto& c : InteropCfs()) cfs.emplace_back(c, ColumnFamilyOptions(o));
  std::vector<ColumnFamilyHandle*> h;
  DB* raw = nullptr;
  REQUIRE(DB::Open(DBOptions(o), db, cfs, &h, &raw).ok());
  std::unique_ptr<DB> live(raw);
  REQUIRE(live->Put(WriteOptions(), h[1], "late", "write").ok());
  std::vector<InteropOp> with_late = ops;
  with_late.push_back({"P", "cf1", "late", "write"});
  Checkpoint* cp = nullptr;
  REQUIRE(Checkpoint::Create(live.get(), &cp).ok());
  std::unique_ptr<Checkpoint> guard(cp);
  uint64_t seq = 0;
  const std::string copy = dir.Sub("checkpoint");
  Status s = cp->CreateCheckpoint(copy, 0, &seq);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(seq == live->GetLatestSequenceNumber());
  CHECK(cp->CreateCheckpoint(copy).IsInvalidArgument());  // exists
  // Writes after the checkpoint do not reach it.
  REQUIRE(live->Put(WriteOptions(), h[1], "after", "checkpoint").ok());
  // SSTs are hard links of the live ones.
  std::vector<std::string> names;
  REQUIRE(Env::Default()->GetChildren(copy, &names).ok());
  int ssts = 0;
  for (const auto& n : names) {
    if (n.size() > 4 && n.substr(n.size() - 4) == ".sst") {
      ssts++;
      std::string out;
      REQUIRE(skyrocks_test::RunCommand("stat -c %h " + copy + "/" + n, &out) == 0);
      CHECK(std::stoi(out) >= 2);
    }
  }
  CHECK(ssts > 0);
  for (auto* x : h) REQUIRE(live->DestroyColumnFamilyHandle(x).ok());
  const std::string want = InteropModelDump(with_late);
  CHECK(DumpWithRocksDB(copy, "ro") == want);
  CHECK(DumpWithSkyrocks(copy) == want);
  CHECK(want != expected);
}

TEST_CASE("wal files: GetSortedWalFiles lists the live WALs") {
  skyrocks_test::TempDir dir;
  Options o;
  o.create_if_missing = true;
  DB* raw = nullptr;
  REQUIRE(DB::Open(o, dir.Sub("db"), &raw).ok());
  std::unique_ptr<DB> db(raw);
  for (int i = 0; i < 10; i++) REQUIRE(db->Put(WriteOptions(), "k" + std::to_string(i), "v").ok());
  VectorLogPtr wals;
  REQUIRE(db->GetSortedWalFiles(wals).ok());
  REQUIRE(wals.size() == 1);
  CHECK(wals[0]->Type() == kAliveLogFile);
  CHECK(wals[0]->StartSequence() == 1);
  CHECK(wals[0]->SizeFileBytes() > 0);
  CHECK(wals[0]->PathName() == "/" + std::string(6 - std::to_string(wals[0]->LogNumber()).size(), '0') +
                                   std::to_string(wals[0]->LogNumber()) + ".log");
}

}  // namespace ROCKSDB_NAMESPACE

namespace ROCKSDB_NAMESPACE {

namespace {

// The WAL names ("000012.log") in dir.
std::vector<std::string> InteropWalsIn(const std::string& dir) {
  std::vector<std::string> names, wals;
  Env::Default()->GetChildren(dir, &names).PermitUncheckedError();
  for (const auto& n : names) {
    if (n.size() > 4 && n.substr(n.size() - 4) == ".log") wals.push_back(n);
  }
  return wals;
}

}  // namespace

TEST_CASE("wal_dir interop: librocksdb writes with wal_dir and exits unflushed, skyrocks reads it all") {
  skyrocks_test::TempDir dir;
  const auto ops = InteropWorkload(51);
  const std::string expected = InteropModelDump(ops);
  const std::string db = dir.Sub("theirs"), wal = dir.Sub("theirs-wal");
  WriteInteropOps(dir.Sub("ops"), ops);
  std::string out;
  REQUIRE_MESSAGE(skyrocks_test::RunCommand(skyrocks_test::BuildDir() + "/oracle/db_tool apply " +
                                                db + " " + dir.Sub("ops") + " kill --wal_dir=" + wal,
                                            &out) == 0,
                  out);
  // RocksDB put its WALs in wal_dir only, and they hold unflushed data.
  CHECK(InteropWalsIn(db).empty());
  REQUIRE(!InteropWalsIn(wal).empty());
  CHECK(DumpWithRocksDB(db, "ro", wal) == expected);
  CHECK(DumpWithSkyrocks(db, wal) == expected);
  // skyrocks flushed what it replayed and deleted the replayed WALs; its
  // new WAL is in wal_dir, and RocksDB still reads everything.
  CHECK(InteropWalsIn(db).empty());
  CHECK(InteropWalsIn(wal).size() == 1);
  CHECK(DumpWithRocksDB(db, "ro", wal) == expected);
}

TEST_CASE("wal_dir interop: skyrocks writes with wal_dir and exits unflushed, librocksdb reads it all") {
  skyrocks_test::TempDir dir;
  const auto ops = InteropWorkload(52);
  const std::string expected = InteropModelDump(ops);
  const std::string db = dir.Sub("ours"), wal = dir.Sub("ours-wal");
  ApplyWithSkyrocks(db, ops, /*kill=*/true, false, 0, wal);
  CHECK(InteropWalsIn(db).empty());
  REQUIRE(!InteropWalsIn(wal).empty());
  CHECK(DumpWithRocksDB(db, "ro", wal) == expected);
  // A writable RocksDB open replays our WAL from wal_dir and flushes.
  CHECK(DumpWithRocksDB(db, "rw", wal) == expected);
  CHECK(InteropWalsIn(db).empty());
  CHECK(DumpWithSkyrocks(db, wal) == expected);
}

}  // namespace ROCKSDB_NAMESPACE
