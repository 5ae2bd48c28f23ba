// ldb's everyday commands on a DB named by a directory or URL: get, put,
// delete, scan, dump, load, list_column_families, compact, properties,
// approxsize, checkconsistency. Text output follows ldb (scan "k : v",
// dump and load "k ==> v"); --json gives one JSON document.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "rocksdb/iterator.h"
#include "rocksdb/metadata.h"
#include "rocksdb/write_batch.h"
#include "tools/cli/cli.h"

namespace skyrocks_cli {

namespace ROCKS = ROCKSDB_NAMESPACE;

namespace {

// The DB argument (--db=X, else the first positional) and the rest.
Status SplitDbArg(const Args& args, std::string* db,
                  std::vector<std::string>* rest) {
  *rest = args.positional;
  if (args.Has("db")) {
    *db = args.Get("db");
  } else if (!rest->empty()) {
    *db = rest->front();
    rest->erase(rest->begin());
  } else {
    return Status::InvalidArgument("no DB given (a directory or URL)");
  }
  return Status::OK();
}

// Opens the DB of args; the remaining positionals must number nargs.
Status OpenFromArgs(const Args& args, bool write, size_t nargs, OpenDb* db,
                    std::vector<std::string>* rest) {
  std::string spec;
  Status s = SplitDbArg(args, &spec, rest);
  if (!s.ok()) return s;
  if (rest->size() != nargs) {
    return Status::InvalidArgument("expected " + std::to_string(nargs) +
                                   " argument(s) after the DB, got " +
                                   std::to_string(rest->size()));
  }
  Location loc;
  s = ParseLocation(args, spec, false, "", &loc);
  if (!s.ok()) return s;
  return OpenLocation(args, loc, nullptr, write, db);
}

// The [--from, --to) bounds of args, decoded.
Status Bounds(const Args& args, std::string* from, std::string* to) {
  Status s = DecodeArg(args, "--from", args.Get("from"), from);
  if (s.ok()) s = DecodeArg(args, "--to", args.Get("to"), to);
  return s;
}

// Walks [from, to) of cf, calling fn(key, value) up to limit times (0:
// all); the iterator's status at the end.
template <typename Fn>
Status Walk(ROCKS::DB* db, ROCKS::ColumnFamilyHandle* cf,
            const std::string& from, const std::string& to, uint64_t limit,
            Fn fn) {
  ROCKS::ReadOptions ro;
  ro.fill_cache = false;
  std::unique_ptr<ROCKS::Iterator> it(db->NewIterator(ro, cf));
  uint64_t n = 0;
  if (from.empty()) {
    it->SeekToFirst();
  } else {
    it->Seek(from);
  }
  for (; it->Valid(); it->Next()) {
    if (!to.empty() && it->key().compare(to) >= 0) break;
    if (limit != 0 && n >= limit) break;
    fn(it->key().ToString(), it->value().ToString());
    n++;
  }
  return it->status();
}

int ScanOrDump(const Args& args, bool dump) {
  OpenDb db;
  std::vector<std::string> rest;
  Status s = OpenFromArgs(args, false, 0, &db, &rest);
  ROCKS::ColumnFamilyHandle* cf = nullptr;
  if (s.ok()) s = db.Cf(args, &cf);
  std::string from, to;
  if (s.ok()) s = Bounds(args, &from, &to);
  uint64_t limit = 0;
  if (s.ok() && args.Has("limit")) {
    s = ParseCount("--limit", args.Get("limit"), &limit);
  }
  if (!s.ok()) return Fail(args, s);
  uint64_t n = 0, bytes = 0;
  Progress progress(args.command);
  if (args.json()) std::printf("{\"entries\":[");
  s = Walk(db.db(), cf, from, to, limit,
           [&](const std::string& k, const std::string& v) {
             const std::string ek = EncodeOut(args, k);
             const std::string ev = EncodeOut(args, v);
             if (args.json()) {
               std::printf("%s{\"key\":%s,\"value\":%s}", n == 0 ? "" : ",",
                           JsonStr(ek).c_str(), JsonStr(ev).c_str());
             } else {
               std::fwrite(ek.data(), 1, ek.size(), stdout);
               std::fputs(dump ? " ==> " : " : ", stdout);
               std::fwrite(ev.data(), 1, ev.size(), stdout);
               std::fputc('\n', stdout);
             }
             n++;
             bytes += k.size() + v.size();
             progress.Tick(n);
           });
  progress.Done();
  if (args.json()) {
    std::printf("],\"count\":%s,\"bytes\":%s}\n", JsonNum(n).c_str(),
                JsonNum(bytes).c_str());
  }
  if (!s.ok()) return Fail(args, s);
  if (dump) {
    std::fprintf(stderr, "skyrocks dump: %llu keys, %llu bytes\n",
                 static_cast<unsigned long long>(n),
                 static_cast<unsigned long long>(bytes));
  }
  return kExitOk;
}

// Prints {"ok":true,...extra} or "OK".
void PrintOk(const Args& args, const std::string& json_extra = "") {
  if (args.json()) {
    std::printf("{\"ok\":true%s}\n", json_extra.c_str());
  } else {
    std::printf("OK\n");
  }
}

}  // namespace

int CmdGet(const Args& args) {
  OpenDb db;
  std::vector<std::string> rest;
  Status s = OpenFromArgs(args, false, 1, &db, &rest);
  ROCKS::ColumnFamilyHandle* cf = nullptr;
  if (s.ok()) s = db.Cf(args, &cf);
  std::string key, value;
  if (s.ok()) s = DecodeArg(args, "the key", rest[0], &key);
  if (s.ok()) {
    s = db.db()->Get(ROCKS::ReadOptions(), cf, key, &value);
    if (s.IsNotFound()) s = Status::NotFound("key not found: " + rest[0]);
  }
  if (!s.ok()) return Fail(args, s);
  const std::string out = EncodeOut(args, value);
  if (args.json()) {
    std::printf("{\"key\":%s,\"value\":%s}\n",
                JsonStr(EncodeOut(args, key)).c_str(), JsonStr(out).c_str());
  } else {
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fputc('\n', stdout);
  }
  return kExitOk;
}

int CmdPut(const Args& args) {
  OpenDb db;
  std::vector<std::string> rest;
  Status s = OpenFromArgs(args, true, 2, &db, &rest);
  ROCKS::ColumnFamilyHandle* cf = nullptr;
  if (s.ok()) s = db.Cf(args, &cf);
  std::string key, value;
  if (s.ok()) s = DecodeArg(args, "the key", rest[0], &key);
  if (s.ok()) s = DecodeArg(args, "the value", rest[1], &value);
  ROCKS::WriteOptions wo;
  wo.sync = true;
  if (s.ok()) s = db.db()->Put(wo, cf, key, value);
  if (s.ok()) s = db.Close();
  if (!s.ok()) return Fail(args, s);
  PrintOk(args);
  return kExitOk;
}

int CmdDelete(const Args& args) {
  OpenDb db;
  std::vector<std::string> rest;
  Status s = OpenFromArgs(args, true, 1, &db, &rest);
  ROCKS::ColumnFamilyHandle* cf = nullptr;
  if (s.ok()) s = db.Cf(args, &cf);
  std::string key;
  if (s.ok()) s = DecodeArg(args, "the key", rest[0], &key);
  ROCKS::WriteOptions wo;
  wo.sync = true;
  if (s.ok()) s = db.db()->Delete(wo, cf, key);
  if (s.ok()) s = db.Close();
  if (!s.ok()) return Fail(args, s);
  PrintOk(args);
  return kExitOk;
}

int CmdScan(const Args& args) { return ScanOrDump(args, false); }
int CmdDump(const Args& args) { return ScanOrDump(args, true); }

int CmdLoad(const Args& args) {
  OpenDb db;
  std::vector<std::string> rest;
  Status s = OpenFromArgs(args, true, 0, &db, &rest);
  ROCKS::ColumnFamilyHandle* cf = nullptr;
  if (s.ok()) s = db.Cf(args, &cf);
  if (!s.ok()) return Fail(args, s);
  ROCKS::WriteBatch batch;
  uint64_t n = 0, line_no = 0;
  Progress progress("load");
  std::string line;
  auto flush_batch = [&]() {
    Status w = db.db()->Write(ROCKS::WriteOptions(), &batch);
    batch.Clear();
    return w;
  };
  while (s.ok() && std::getline(std::cin, line)) {
    line_no++;
    if (line.empty()) continue;
    const size_t sep = line.find(" ==> ");
    if (sep == std::string::npos) {
      s = Status::InvalidArgument("stdin line " + std::to_string(line_no) +
                                  ": expected 'KEY ==> VALUE'");
      break;
    }
    std::string k, v;
    s = DecodeArg(args, "the key on line " + std::to_string(line_no),
                  line.substr(0, sep), &k);
    if (s.ok()) {
      s = DecodeArg(args, "the value on line " + std::to_string(line_no),
                    line.substr(sep + 5), &v);
    }
    if (s.ok()) s = batch.Put(cf, k, v);
    n++;
    if (s.ok() && batch.Count() >= 1000) s = flush_batch();
    progress.Tick(n);
  }
  if (s.ok() && batch.Count() > 0) s = flush_batch();
  if (s.ok()) s = db.db()->Flush(ROCKS::FlushOptions(), cf);
  if (s.ok()) s = db.Close();
  progress.Done();
  if (!s.ok()) return Fail(args, s);
  if (args.json()) {
    std::printf("{\"ok\":true,\"loaded\":%s}\n", JsonNum(n).c_str());
  } else {
    std::printf("loaded %llu keys\n", static_cast<unsigned long long>(n));
  }
  return kExitOk;
}

int CmdListColumnFamilies(const Args& args) {
  OpenDb db;
  std::vector<std::string> rest;
  Status s = OpenFromArgs(args, false, 0, &db, &rest);
  if (!s.ok()) return Fail(args, s);
  std::string json;
  for (auto* h : db.handles()) {
    if (args.json()) {
      json += (json.empty() ? "" : ",") + JsonStr(h->GetName());
    } else {
      std::printf("%s\n", h->GetName().c_str());
    }
  }
  if (args.json()) std::printf("{\"column_families\":[%s]}\n", json.c_str());
  return kExitOk;
}

int CmdCompact(const Args& args) {
  OpenDb db;
  std::vector<std::string> rest;
  Status s = OpenFromArgs(args, true, 0, &db, &rest);
  ROCKS::ColumnFamilyHandle* cf = nullptr;
  if (s.ok()) s = db.Cf(args, &cf);
  std::string from, to;
  if (s.ok()) s = Bounds(args, &from, &to);
  if (s.ok()) {
    ROCKS::Slice b(from), e(to);
    ROCKS::CompactRangeOptions co;
    s = db.db()->CompactRange(co, cf, from.empty() ? nullptr : &b,
                              to.empty() ? nullptr : &e);
  }
  uint64_t files = 0, bytes = 0;
  if (s.ok()) {
    std::vector<ROCKS::LiveFileMetaData> live;
    db.db()->GetLiveFilesMetaData(&live);
    for (const auto& f : live) {
      files++;
      bytes += f.size;
    }
  }
  if (s.ok()) s = db.Close();
  if (!s.ok()) return Fail(args, s);
  if (args.json()) {
    std::printf("{\"ok\":true,\"live_files\":%s,\"live_bytes\":%s}\n",
                JsonNum(files).c_str(), JsonNum(bytes).c_str());
  } else {
    std::printf("compacted: %llu live SSTs, %llu bytes\n",
                static_cast<unsigned long long>(files),
                static_cast<unsigned long long>(bytes));
  }
  return kExitOk;
}

int CmdProperties(const Args& args) {
  OpenDb db;
  std::vector<std::string> rest;
  Status s = OpenFromArgs(args, false, 0, &db, &rest);
  ROCKS::ColumnFamilyHandle* cf = nullptr;
  if (s.ok()) s = db.Cf(args, &cf);
  if (!s.ok()) return Fail(args, s);
  std::vector<std::string> names;
  if (args.Has("property")) {
    names.push_back(args.Get("property"));
  } else {
    names = {"rocksdb.estimate-num-keys",       "rocksdb.total-sst-files-size",
             "rocksdb.live-sst-files-size",     "rocksdb.num-live-versions",
             "rocksdb.cur-size-all-mem-tables", "rocksdb.num-snapshots"};
    for (int level = 0; level < 7; level++) {
      names.push_back("rocksdb.num-files-at-level" + std::to_string(level));
    }
  }
  std::string json;
  bool any = false;
  for (const auto& name : names) {
    std::string value;
    if (!db.db()->GetProperty(cf, name, &value)) continue;
    any = true;
    if (args.json()) {
      json += (json.empty() ? "" : ",") + JsonStr(name) + ":" + JsonStr(value);
    } else {
      std::printf("%s: %s\n", name.c_str(), value.c_str());
    }
  }
  if (!any && args.Has("property")) {
    return Fail(args, Status::NotFound("property not supported: " +
                                       args.Get("property")));
  }
  // The live SSTs of the column family, by level.
  std::vector<ROCKS::LiveFileMetaData> live;
  db.db()->GetLiveFilesMetaData(&live);
  std::string files;
  for (const auto& f : live) {
    if (f.column_family_name != cf->GetName()) continue;
    if (args.json()) {
      files += (files.empty() ? "" : ",");
      files += "{\"name\":" + JsonStr(f.name) +
               ",\"level\":" + JsonNum(static_cast<uint64_t>(f.level)) +
               ",\"size\":" + JsonNum(f.size) +
               ",\"entries\":" + JsonNum(f.num_entries) +
               ",\"smallest\":" + JsonStr(EncodeOut(args, f.smallestkey)) +
               ",\"largest\":" + JsonStr(EncodeOut(args, f.largestkey)) + "}";
    } else if (!args.Has("property")) {
      std::printf("sst %s: level %d, %llu bytes, %llu entries\n",
                  f.name.c_str(), f.level,
                  static_cast<unsigned long long>(f.size),
                  static_cast<unsigned long long>(f.num_entries));
    }
  }
  if (args.json()) {
    std::printf("{\"properties\":{%s},\"files\":[%s]}\n", json.c_str(),
                files.c_str());
  }
  return kExitOk;
}

int CmdApproxSize(const Args& args) {
  OpenDb db;
  std::vector<std::string> rest;
  Status s = OpenFromArgs(args, false, 0, &db, &rest);
  ROCKS::ColumnFamilyHandle* cf = nullptr;
  if (s.ok()) s = db.Cf(args, &cf);
  std::string from, to;
  if (s.ok()) s = Bounds(args, &from, &to);
  if (s.ok() && (from.empty() || to.empty())) {
    s = Status::InvalidArgument("approxsize needs --from and --to");
  }
  uint64_t size = 0;
  if (s.ok()) {
    ROCKS::SizeApproximationOptions o;
    o.include_memtables = true;
    o.include_files = true;
    ROCKS::Range r(from, to);
    s = db.db()->GetApproximateSizes(o, cf, &r, 1, &size);
  }
  if (!s.ok()) return Fail(args, s);
  if (args.json()) {
    std::printf("{\"from\":%s,\"to\":%s,\"bytes\":%s}\n",
                JsonStr(EncodeOut(args, from)).c_str(),
                JsonStr(EncodeOut(args, to)).c_str(), JsonNum(size).c_str());
  } else {
    std::printf("%llu\n", static_cast<unsigned long long>(size));
  }
  return kExitOk;
}

int CmdCheckConsistency(const Args& args) {
  OpenDb db;
  std::vector<std::string> rest;
  Status s = OpenFromArgs(args, false, 0, &db, &rest);
  if (!s.ok()) return Fail(args, s);
  // Every block of every live SST, then every key through the DB's
  // iterators (which also checks the order and the memtables).
  s = db.db()->VerifyChecksum();
  uint64_t keys = 0;
  Progress progress("checkconsistency");
  for (auto* h : db.handles()) {
    if (!s.ok()) break;
    ROCKS::ReadOptions ro;
    ro.verify_checksums = true;
    ro.fill_cache = false;
    std::unique_ptr<ROCKS::Iterator> it(db.db()->NewIterator(ro, h));
    std::string prev;
    bool first = true;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      if (!first && it->key().compare(prev) <= 0) {
        s = Status::Corruption("keys out of order in column family " +
                               h->GetName() + " at " +
                               ToHex(it->key().ToString()));
        break;
      }
      prev = it->key().ToString();
      first = false;
      progress.Tick(++keys);
    }
    if (s.ok()) s = it->status();
  }
  progress.Done();
  if (!s.ok()) return Fail(args, s);
  if (args.json()) {
    std::printf("{\"ok\":true,\"keys\":%s}\n", JsonNum(keys).c_str());
  } else {
    std::printf("OK (%llu keys)\n", static_cast<unsigned long long>(keys));
  }
  return kExitOk;
}

}  // namespace skyrocks_cli
