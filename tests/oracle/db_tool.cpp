// Oracle (links librocksdb 7.8.3): applies a workload file to a DB, or
// dumps a DB, so tests can compare skyrocks and RocksDB on the same data.
//
//   db_tool apply DIR OPSFILE close|kill|compact
//                                          apply the ops, then close the DB,
//                                          or SyncWAL and _exit (no close),
//                                          or compact every column family to
//                                          the last level (small write
//                                          buffers) and close
//   db_tool dump DIR ro|rw                 print every column family's
//                                          entries (read-only open, or a
//                                          normal open that replays and
//                                          flushes the WAL)
//   db_tool props DIR NAME...              for each property NAME of the
//                                          default column family print
//                                          "NAME<TAB>s<TAB>i": s, i are 1 if
//                                          GetProperty, GetIntProperty
//                                          answer it, else 0
//
// OPSFILE lines (fields tab-separated, keys and values in hex):
//   P cf key value | D cf key | S cf key | M cf key value | R cf begin end |
//   F cf (flush) | B n (the next n ops go in one WriteBatch) |
//   C cf (CreateColumnFamily) | X cf (DropColumnFamily)
// cf is a column family name; all of them are created at the first open,
// except those whose first op is C.
// --wal_dir=DIR anywhere on the command line sets DBOptions::wal_dir.
// The merge operator is RocksDB's stock "stringappend" (',' delimiter).
// dump prints "cf<TAB>keyhex<TAB>valuehex" lines, column families in name
// order, keys in order. Output "OK" last on success, "FAIL ..." on error.
#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/merge_operator.h>
#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string g_wal_dir;  // --wal_dir=

[[noreturn]] void Fail(const std::string& what, const rocksdb::Status& s) {
  std::printf("FAIL %s: %s\n", what.c_str(), s.ToString().c_str());
  std::fflush(stdout);
  _exit(1);
}

std::string Unhex(const std::string& h) {
  std::string out;
  for (size_t i = 0; i + 1 < h.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(h.substr(i, 2), nullptr, 16)));
  }
  return out;
}

std::string Hex(const rocksdb::Slice& s) {
  static const char* d = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < s.size(); i++) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    out.push_back(d[c >> 4]);
    out.push_back(d[c & 15]);
  }
  return out;
}

rocksdb::Options BaseOptions() {
  rocksdb::Options o;
  o.create_if_missing = true;
  o.create_missing_column_families = true;
  rocksdb::ConfigOptions config;
  std::shared_ptr<rocksdb::MergeOperator> merge;
  rocksdb::Status s =
      rocksdb::MergeOperator::CreateFromString(config, "stringappend", &merge);
  if (!s.ok()) Fail("merge operator", s);
  o.merge_operator = merge;
  o.wal_dir = g_wal_dir;
  return o;
}

struct Op {
  std::string kind, cf, a, b;
};

int Apply(const std::string& dir, const std::string& ops_file, bool kill, bool compact) {
  std::vector<Op> ops;
  std::vector<std::string> cf_names = {rocksdb::kDefaultColumnFamilyName};
  {
    std::ifstream in(ops_file);
    std::string line;
    while (std::getline(in, line)) {
      std::stringstream ss(line);
      Op op;
      std::getline(ss, op.kind, '\t');
      std::getline(ss, op.cf, '\t');
      std::getline(ss, op.a, '\t');
      std::getline(ss, op.b, '\t');
      if (op.kind != "B" &&
          std::find(cf_names.begin(), cf_names.end(), op.cf) == cf_names.end() &&
          std::find_if(ops.begin(), ops.end(), [&](const Op& o) {
            return o.cf == op.cf;
          }) == ops.end() &&
          op.kind != "C") {
        cf_names.push_back(op.cf);
      }
      ops.push_back(op);
    }
  }
  rocksdb::Options o = BaseOptions();
  if (compact) {
    o.write_buffer_size = 16 << 10;
    o.level0_file_num_compaction_trigger = 2;
    o.target_file_size_base = 16 << 10;
    o.max_bytes_for_level_base = 64 << 10;
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (const auto& n : cf_names) cfs.emplace_back(n, rocksdb::ColumnFamilyOptions(o));
  std::vector<rocksdb::ColumnFamilyHandle*> h;
  rocksdb::DB* db = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(o, dir, cfs, &h, &db);
  if (!s.ok()) Fail("open " + dir, s);
  std::map<std::string, rocksdb::ColumnFamilyHandle*> handles;
  for (size_t i = 0; i < cf_names.size(); i++) handles[cf_names[i]] = h[i];
  auto handle = [&](const std::string& cf) { return handles.at(cf); };
  rocksdb::WriteOptions wo;
  size_t batch_left = 0;
  rocksdb::WriteBatch batch;
  for (const Op& op : ops) {
    if (op.kind == "B") {
      batch_left = std::stoul(op.cf);
      batch.Clear();
      continue;
    }
    if (op.kind == "F") {
      s = db->Flush(rocksdb::FlushOptions(), handle(op.cf));
      if (!s.ok()) Fail("flush", s);
      continue;
    }
    if (op.kind == "C") {
      rocksdb::ColumnFamilyHandle* created = nullptr;
      s = db->CreateColumnFamily(rocksdb::ColumnFamilyOptions(o), op.cf, &created);
      if (!s.ok()) Fail("create column family " + op.cf, s);
      handles[op.cf] = created;
      continue;
    }
    if (op.kind == "X") {
      s = db->DropColumnFamily(handle(op.cf));
      if (!s.ok()) Fail("drop column family " + op.cf, s);
      s = db->DestroyColumnFamilyHandle(handle(op.cf));
      if (!s.ok()) Fail("destroy handle " + op.cf, s);
      handles.erase(op.cf);
      continue;
    }
    rocksdb::ColumnFamilyHandle* cf = handle(op.cf);
    const std::string a = Unhex(op.a), b = Unhex(op.b);
    if (op.kind == "P") s = batch.Put(cf, a, b);
    else if (op.kind == "D") s = batch.Delete(cf, a);
    else if (op.kind == "S") s = batch.SingleDelete(cf, a);
    else if (op.kind == "M") s = batch.Merge(cf, a, b);
    else if (op.kind == "R") s = batch.DeleteRange(cf, a, b);
    else Fail("unknown op " + op.kind, rocksdb::Status::InvalidArgument());
    if (!s.ok()) Fail("batch", s);
    if (batch_left > 0 && --batch_left > 0) continue;
    s = db->Write(wo, &batch);
    if (!s.ok()) Fail("write", s);
    batch.Clear();
  }
  if (kill) {
    s = db->SyncWAL();
    if (!s.ok()) Fail("sync wal", s);
    std::printf("OK\n");
    std::fflush(stdout);
    _exit(0);
  }
  if (compact) {
    for (const auto& x : handles) {
      s = db->CompactRange(rocksdb::CompactRangeOptions(), x.second, nullptr, nullptr);
      if (!s.ok()) Fail("compact range", s);
    }
  }
  for (const auto& x : handles) {
    s = db->DestroyColumnFamilyHandle(x.second);
    if (!s.ok()) Fail("destroy handle", s);
  }
  s = db->Close();
  if (!s.ok()) Fail("close", s);
  delete db;
  std::printf("OK\n");
  return 0;
}

int Dump(const std::string& dir, bool read_only) {
  rocksdb::Options o = BaseOptions();
  o.create_if_missing = false;
  std::vector<std::string> names;
  rocksdb::Status s = rocksdb::DB::ListColumnFamilies(o, dir, &names);
  if (!s.ok()) Fail("list column families", s);
  std::sort(names.begin(), names.end());
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (const auto& n : names) cfs.emplace_back(n, rocksdb::ColumnFamilyOptions(o));
  std::vector<rocksdb::ColumnFamilyHandle*> h;
  rocksdb::DB* db = nullptr;
  s = read_only ? rocksdb::DB::OpenForReadOnly(o, dir, cfs, &h, &db)
                : rocksdb::DB::Open(o, dir, cfs, &h, &db);
  if (!s.ok()) Fail("open " + dir, s);
  for (size_t i = 0; i < names.size(); i++) {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), h[i]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::printf("%s\t%s\t%s\n", names[i].c_str(), Hex(it->key()).c_str(),
                  Hex(it->value()).c_str());
    }
    if (!it->status().ok()) Fail("iterate " + names[i], it->status());
  }
  for (auto* x : h) db->DestroyColumnFamilyHandle(x).PermitUncheckedError();
  delete db;
  std::printf("OK\n");
  return 0;
}

int Props(const std::string& dir, const std::vector<std::string>& names) {
  rocksdb::Options o = BaseOptions();
  o.create_if_missing = false;
  rocksdb::DB* db = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(o, dir, &db);
  if (!s.ok()) Fail("open " + dir, s);
  for (const auto& name : names) {
    std::string text;
    uint64_t n = 0;
    const bool as_string = db->GetProperty(name, &text);
    const bool as_int = db->GetIntProperty(name, &n);
    std::printf("%s\t%d\t%d\n", name.c_str(), as_string ? 1 : 0, as_int ? 1 : 0);
  }
  delete db;
  std::printf("OK\n");
  return 0;
}

}  // namespace

int main(int raw_argc, char** raw_argv) {
  std::vector<char*> args;
  for (int i = 0; i < raw_argc; i++) {
    const std::string a = raw_argv[i];
    if (a.rfind("--wal_dir=", 0) == 0) {
      g_wal_dir = a.substr(10);
    } else {
      args.push_back(raw_argv[i]);
    }
  }
  const int argc = static_cast<int>(args.size());
  char** argv = args.data();
  if (argc == 5 && std::string(argv[1]) == "apply") {
    return Apply(argv[2], argv[3], std::string(argv[4]) == "kill",
                 std::string(argv[4]) == "compact");
  }
  if (argc == 4 && std::string(argv[1]) == "dump") {
    return Dump(argv[2], std::string(argv[3]) == "ro");
  }
  if (argc >= 3 && std::string(argv[1]) == "props") {
    return Props(argv[2], std::vector<std::string>(argv + 3, argv + argc));
  }
  std::fprintf(stderr,
               "usage: db_tool apply DIR OPSFILE close|kill|compact | dump DIR ro|rw | "
               "props DIR NAME... [--wal_dir=DIR]\n");
  return 2;
}
