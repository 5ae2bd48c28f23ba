// Differential program for prefix extractors, prefix Bloom filters and
// prefix seeks (issue 19 item 4): built against librocksdb 7.8.3
// ($(BUILD)/oracle/prefix_diff) and against skyrocks
// ($(BUILD)/diff/prefix_diff); each mode must print the same lines with
// both, except lines starting with '#' (librocksdb's statistics, which
// skyrocks does not have). tests/unit/db/prefix_diff_test.cpp compares
// them, also across libraries (one writes, the other reads).
//
//   prefix_diff sst PATH EXTRACTOR WKF FV   an SST of a fixed key set
//       (SstFileWriter, 10-bit Bloom filter, whole_key_filtering WKF 0/1,
//       format_version FV): its prefix properties and its filter block in
//       hex, read from the file's bytes
//   prefix_diff write DIR EXTRACTOR WKF     a DB: 64 prefixes spread over 8
//       flushed SSTs (prefix p in file p % 8; "aaaa" and "zzzz" in the
//       first), then 10 more prefixes, an
//       overwrite and a delete left in the WAL
//   prefix_diff read DIR EXTRACTOR WKF      opens DIR with EXTRACTOR (may
//       differ from the writer's) and prints prefix seeks (Seek and
//       SeekForPrev with prefix_same_as_start; SeekToFirst and SeekToLast,
//       also with a lower bound), Gets, a total-order scan
//       and an auto_prefix_mode seek with an upper bound; librocksdb also
//       prints "# prefix_checked=N prefix_useful=M"
// EXTRACTOR is an options-string value ("rocksdb.FixedPrefix.4",
// "rocksdb.CappedPrefix.3", "nullptr").
#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/sst_file_reader.h>
#include <rocksdb/sst_file_writer.h>
#include <rocksdb/table.h>
#include <rocksdb/table_properties.h>
#include <rocksdb/version.h>
#ifndef SKYROCKS_VERSION_MAJOR
#include <rocksdb/statistics.h>
#endif

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace rdb = ROCKSDB_NAMESPACE;

[[noreturn]] void Fail(const std::string& what) {
  std::printf("FAIL %s\n", what.c_str());
  std::exit(1);
}

void Check(const rdb::Status& s, const std::string& what) {
  if (!s.ok()) Fail(what + ": " + s.ToString());
}

rdb::Options MakeOptions(const std::string& extractor, bool wkf) {
  rdb::Options o;
  rdb::ConfigOptions config;
  config.ignore_unsupported_options = false;
  Check(rdb::GetColumnFamilyOptionsFromString(
            config, rdb::ColumnFamilyOptions(),
            "prefix_extractor=" + extractor, &o),
        "prefix_extractor=" + extractor);
  rdb::BlockBasedTableOptions t;
  t.filter_policy.reset(rdb::NewBloomFilterPolicy(10));
  t.whole_key_filtering = wkf;
  o.table_factory.reset(rdb::NewBlockBasedTableFactory(t));
  o.compression = rdb::kNoCompression;
  o.disable_auto_compactions = true;
  o.memtable_prefix_bloom_size_ratio = 0.1;
  return o;
}

std::string Prefix(int p) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "p%03d", p);
  return buf;
}

uint64_t GetVarint(const std::string& s, size_t* pos) {
  uint64_t v = 0;
  for (int shift = 0; shift < 64 && *pos < s.size(); shift += 7) {
    const uint8_t b = static_cast<uint8_t>(s[(*pos)++]);
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (b < 0x80) return v;
  }
  Fail("bad varint");
}

// The full filter block of the SST at path (footer -> metaindex), hex.
std::string FilterHex(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream buf;
  buf << f.rdbuf();
  const std::string file = buf.str();
  if (file.size() < 53) Fail("short file");
  size_t pos = file.size() - 53 + 1;
  const uint64_t meta_off = GetVarint(file, &pos);
  const uint64_t meta_size = GetVarint(file, &pos);
  const std::string meta = file.substr(meta_off, meta_size);
  uint32_t num_restarts;
  std::memcpy(&num_restarts, meta.data() + meta.size() - 4, 4);
  const size_t entries_end = meta.size() - 4 - 4 * size_t{num_restarts};
  pos = 0;
  std::string key;
  while (pos < entries_end) {
    const uint64_t shared = GetVarint(meta, &pos);
    const uint64_t non_shared = GetVarint(meta, &pos);
    const uint64_t value_len = GetVarint(meta, &pos);
    key = key.substr(0, shared) + meta.substr(pos, non_shared);
    pos += non_shared;
    size_t vpos = pos;
    pos += value_len;
    if (key == "fullfilter.rocksdb.BuiltinBloomFilter") {
      const uint64_t off = GetVarint(meta, &vpos);
      const uint64_t size = GetVarint(meta, &vpos);
      std::string hex;
      char b[3];
      for (unsigned char c : file.substr(off, size)) {
        std::snprintf(b, sizeof(b), "%02x", c);
        hex += b;
      }
      return hex;
    }
  }
  return "(no filter)";
}

void WriteSst(const std::string& path, const std::string& extractor, bool wkf,
              int format_version) {
  rdb::Options o = MakeOptions(extractor, wkf);
  rdb::BlockBasedTableOptions t;
  t.filter_policy.reset(rdb::NewBloomFilterPolicy(10));
  t.whole_key_filtering = wkf;
  t.format_version = static_cast<uint32_t>(format_version);
  o.table_factory.reset(rdb::NewBlockBasedTableFactory(t));
  rdb::SstFileWriter w(rdb::EnvOptions(), o);
  Check(w.Open(path), "open " + path);
  // Sorted: short keys (outside a 4-byte fixed prefix's domain), keys
  // sharing prefixes, a key equal to its prefix, runs of one prefix.
  std::vector<std::string> keys = {"", "a", "ab", "abc", "abcd", "abcde",
                                   "abcdf", "abd", "b"};
  for (int p = 0; p < 40; p++) {
    for (int j = 0; j < 1 + p % 3; j++) keys.push_back(Prefix(p) + "-" + std::to_string(j));
  }
  keys.push_back("q");
  keys.push_back("qrst");
  keys.push_back("qrstu");
  for (const std::string& k : keys) Check(w.Put(k, "v" + k), "put " + k);
  Check(w.Finish(), "finish");
  rdb::SstFileReader r(o);
  Check(r.Open(path), "reopen " + path);
  auto props = r.GetTableProperties();
  std::printf("prefix.extractor.name=%s\n", props->prefix_extractor_name.c_str());
  for (const char* name : {"rocksdb.block.based.table.prefix.filtering",
                           "rocksdb.block.based.table.whole.key.filtering"}) {
    auto it = props->user_collected_properties.find(name);
    std::printf("%s=%s\n", name,
                it == props->user_collected_properties.end()
                    ? "(none)"
                    : it->second.c_str());
  }
  std::printf("num.filter_entries=%llu\n",
              static_cast<unsigned long long>(props->num_filter_entries));
  std::printf("filter=%s\n", FilterHex(path).c_str());
}

void WriteDb(const std::string& dir, const std::string& extractor, bool wkf) {
  rdb::Options o = MakeOptions(extractor, wkf);
  o.create_if_missing = true;
  rdb::DB* raw = nullptr;
  Check(rdb::DB::Open(o, dir, &raw), "open " + dir);
  std::unique_ptr<rdb::DB> db(raw);
  rdb::WriteOptions wo;
  for (int f = 0; f < 8; f++) {
    if (f == 0) {
      // Keys of another prefix on either side (every key of the DB is in
      // a 3- or 4-byte extractor's domain: librocksdb's prefix_same_as_start
      // asserts on one outside).
      Check(db->Put(wo, "aaaa", "first"), "put");
      Check(db->Put(wo, "zzzz", "last"), "put");
    }
    for (int p = f; p < 64; p += 8) {
      for (int j = 0; j < 3; j++) {
        const std::string k = Prefix(p) + "-" + std::to_string(j);
        Check(db->Put(wo, k, "v" + k), "put " + k);
      }
    }
    Check(db->Flush(rdb::FlushOptions()), "flush");
  }
  for (int p = 100; p < 110; p++) {
    const std::string k = Prefix(p) + "-0";
    Check(db->Put(wo, k, "m" + k), "put " + k);
  }
  Check(db->Put(wo, "p006-0", "new"), "put");
  Check(db->Delete(wo, "p005-1"), "delete");
  Check(db->Close(), "close");
}

std::string ReadStatus(const rdb::Status& s) {
  if (s.ok()) return "OK";
  if (s.IsNotFound()) return "NotFound";
  return "error";
}

void ReadDb(const std::string& dir, const std::string& extractor, bool wkf) {
  rdb::Options o = MakeOptions(extractor, wkf);
#ifndef SKYROCKS_VERSION_MAJOR
  o.statistics = rdb::CreateDBStatistics();
#endif
  rdb::DB* raw = nullptr;
  Check(rdb::DB::Open(o, dir, &raw), "open " + dir);
  std::unique_ptr<rdb::DB> db(raw);
  rdb::ReadOptions ro;
  ro.prefix_same_as_start = true;
  for (int p = 0; p < 120; p++) {
    std::unique_ptr<rdb::Iterator> it(db->NewIterator(ro));
    std::string line = "seek " + Prefix(p) + ":";
    for (it->Seek(Prefix(p)); it->Valid(); it->Next()) {
      line += " " + it->key().ToString() + "=" + it->value().ToString();
    }
    Check(it->status(), "seek");
    line += " |";
    for (it->SeekForPrev(Prefix(p) + "-9"); it->Valid(); it->Prev()) {
      line += " " + it->key().ToString();
    }
    Check(it->status(), "seek for prev");
    std::printf("%s\n", line.c_str());
  }
  for (int p = 0; p < 120; p++) {
    for (const std::string& k : {Prefix(p) + "-0", Prefix(p) + "-1"}) {
      std::string v;
      rdb::Status s = db->Get(rdb::ReadOptions(), k, &v);
      std::printf("get %s: %s %s\n", k.c_str(), ReadStatus(s).c_str(),
                  v.c_str());
    }
  }
  {
    // SeekToFirst/SeekToLast take the prefix of the key they land on; with
    // a lower bound SeekToFirst starts there.
    std::unique_ptr<rdb::Iterator> it(db->NewIterator(ro));
    std::string line = "first/last:";
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      line += " " + it->key().ToString();
    }
    line += " |";
    for (it->SeekToLast(); it->Valid(); it->Prev()) {
      line += " " + it->key().ToString();
    }
    std::printf("%s\n", line.c_str());
    rdb::ReadOptions bounded = ro;
    const rdb::Slice lb("p030-1");
    bounded.iterate_lower_bound = &lb;
    it.reset(db->NewIterator(bounded));
    line = "first from p030-1:";
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      line += " " + it->key().ToString();
    }
    std::printf("%s\n", line.c_str());
  }
  rdb::ReadOptions total;
  total.total_order_seek = true;
  std::unique_ptr<rdb::Iterator> it(db->NewIterator(total));
  std::string line = "total order from p010:";
  int n = 0;
  for (it->Seek("p010"); it->Valid() && n < 30; it->Next(), n++) {
    line += " " + it->key().ToString();
  }
  std::printf("%s\n", line.c_str());
  rdb::ReadOptions autop;
  autop.auto_prefix_mode = true;
  const rdb::Slice ub("p021");
  autop.iterate_upper_bound = &ub;
  it.reset(db->NewIterator(autop));
  line = "auto prefix p020..p021:";
  for (it->Seek("p020"); it->Valid(); it->Next()) {
    line += " " + it->key().ToString();
  }
  std::printf("%s\n", line.c_str());
  it.reset();
#ifndef SKYROCKS_VERSION_MAJOR
  std::printf("# prefix_checked=%llu prefix_useful=%llu\n",
              static_cast<unsigned long long>(o.statistics->getTickerCount(
                  rdb::BLOOM_FILTER_PREFIX_CHECKED)),
              static_cast<unsigned long long>(o.statistics->getTickerCount(
                  rdb::BLOOM_FILTER_PREFIX_USEFUL)));
#endif
  Check(db->Close(), "close");
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "sst" && argc == 6) {
    WriteSst(argv[2], argv[3], std::atoi(argv[4]) != 0, std::atoi(argv[5]));
  } else if (mode == "write" && argc == 5) {
    WriteDb(argv[2], argv[3], std::atoi(argv[4]) != 0);
  } else if (mode == "read" && argc == 5) {
    ReadDb(argv[2], argv[3], std::atoi(argv[4]) != 0);
  } else {
    std::fprintf(stderr,
                 "usage: prefix_diff sst PATH EXTRACTOR WKF FV | write DIR "
                 "EXTRACTOR WKF | read DIR EXTRACTOR WKF\n");
    return 2;
  }
  return 0;
}
