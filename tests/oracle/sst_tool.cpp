// Oracle for SST interop tests, linked with librocksdb 7.8.3 and run as a
// separate process (never linked into skyrocks or its tests).
//
//   sst_tool write FILE SPEC ENTRIES   write ENTRIES with SstFileWriter
//   sst_tool read FILE SPEC ENTRIES    read FILE with SstFileReader and check
//                                      it holds exactly ENTRIES; with a
//                                      filter in SPEC also ingest it into a
//                                      DB and Get every key, checking the
//                                      filter is used and never wrong
//
// SPEC: compression,checksum,restart_interval,bloom_bits,format_version,block_size[,FLAG...]
// FLAG "partitioned": two-level index with 256-byte partitions; "nomerge":
// no merge operator (so a writer without one writes the same properties).
//   e.g. "snappy,xxh3,16,10,5,4096". ENTRIES: one per line,
//   "<P|D|M|R>\t<key hex>\t<value hex>" (R: key = begin, value = end),
//   keys in ascending order. Exit 0 on success; prints the reason otherwise.
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/merge_operator.h>
#include <rocksdb/options.h>
#include <rocksdb/sst_file_reader.h>
#include <rocksdb/sst_file_writer.h>
#include <rocksdb/statistics.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/options_util.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

using namespace rocksdb;  // NOLINT: an oracle program, not library code

struct Entry {
  char type;
  std::string key, value;
};

static std::string Unhex(const std::string& h) {
  std::string r;
  for (size_t i = 0; i + 1 < h.size(); i += 2) {
    r.push_back(static_cast<char>(std::stoi(h.substr(i, 2), nullptr, 16)));
  }
  return r;
}

static std::vector<Entry> ReadEntries(const std::string& path) {
  std::vector<Entry> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::istringstream ls(line);
    std::string t, k, v;
    std::getline(ls, t, '\t');
    std::getline(ls, k, '\t');
    std::getline(ls, v, '\t');
    out.push_back({t[0], Unhex(k), Unhex(v)});
  }
  return out;
}

// Concatenating merge operator named like RocksDB's stock "stringappend"
// is not needed: merges are only stored and scanned, never merged.
class OracleKeepMerge : public AssociativeMergeOperator {
 public:
  bool Merge(const Slice&, const Slice* existing, const Slice& value,
             std::string* new_value, Logger*) const override {
    *new_value = existing ? existing->ToString() + "," + value.ToString()
                          : value.ToString();
    return true;
  }
  const char* Name() const override { return "OracleKeepMerge"; }
};

static Options MakeOptions(const std::string& spec, int* bloom_bits) {
  std::vector<std::string> f;
  std::stringstream ss(spec);
  std::string item;
  while (std::getline(ss, item, ',')) f.push_back(item);
  Options o;
  BlockBasedTableOptions t;
  o.compression = f[0] == "none"     ? kNoCompression
                  : f[0] == "snappy" ? kSnappyCompression
                  : f[0] == "lz4"    ? kLZ4Compression
                                     : kZSTD;
  t.checksum = f[1] == "crc32c" ? kCRC32c : kXXH3;
  t.block_restart_interval = std::stoi(f[2]);
  *bloom_bits = std::stoi(f[3]);
  if (*bloom_bits > 0) t.filter_policy.reset(NewBloomFilterPolicy(*bloom_bits));
  t.format_version = static_cast<uint32_t>(std::stoi(f[4]));
  t.block_size = static_cast<size_t>(std::stoul(f[5]));
  bool merge_operator = true;
  for (size_t i = 6; i < f.size(); i++) {
    if (f[i] == "partitioned") {
      t.index_type = BlockBasedTableOptions::kTwoLevelIndexSearch;
      t.metadata_block_size = 256;
    } else if (f[i] == "nomerge") {
      merge_operator = false;
    }
  }
  o.table_factory.reset(NewBlockBasedTableFactory(t));
  if (merge_operator) o.merge_operator.reset(new OracleKeepMerge);
  return o;
}

static int Fail(const std::string& why) {
  std::cout << "FAIL: " << why << std::endl;
  return 1;
}

static int Write(const std::string& file, const Options& o,
                 const std::vector<Entry>& entries) {
  SstFileWriter w(EnvOptions(), o);
  Status s = w.Open(file);
  for (const Entry& e : entries) {
    if (!s.ok()) break;
    switch (e.type) {
      case 'P': s = w.Put(e.key, e.value); break;
      case 'D': s = w.Delete(e.key); break;
      case 'M': s = w.Merge(e.key, e.value); break;
      case 'R': s = w.DeleteRange(e.key, e.value); break;
    }
  }
  if (s.ok()) s = w.Finish();
  if (!s.ok()) return Fail("write: " + s.ToString());
  std::cout << "OK" << std::endl;
  return 0;
}

static int Read(const std::string& file, const Options& o, int bloom_bits,
                const std::vector<Entry>& entries) {
  SstFileReader r(o);
  Status s = r.Open(file);
  if (!s.ok()) return Fail("open: " + s.ToString());
  s = r.VerifyChecksum();
  if (!s.ok()) return Fail("verify: " + s.ToString());
  // Point entries, in order, through the iterator (Puts and Merges are
  // visible; a Delete hides nothing older in a single file, so the
  // iterator skips it).
  std::vector<Entry> visible;
  for (const Entry& e : entries) {
    if (e.type == 'P' || e.type == 'M') visible.push_back(e);
  }
  ReadOptions ro;
  std::unique_ptr<Iterator> it(r.NewIterator(ro));
  size_t i = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next(), ++i) {
    // Range tombstones in the same file may cover point keys at equal seq;
    // the tests never overlap them, so every visible entry must appear.
    if (i >= visible.size()) return Fail("extra key " + it->key().ToString());
    if (it->key() != visible[i].key) {
      return Fail("key #" + std::to_string(i) + " is '" +
                  it->key().ToString() + "', expected '" + visible[i].key + "'");
    }
    if (it->value() != visible[i].value) {
      return Fail("value mismatch for key '" + visible[i].key + "'");
    }
  }
  if (!it->status().ok()) return Fail("iterate: " + it->status().ToString());
  if (i != visible.size()) {
    return Fail("found " + std::to_string(i) + " keys, expected " +
                std::to_string(visible.size()));
  }
  auto props = r.GetTableProperties();
  size_t dels = 0, ranges = 0, merges = 0;
  for (const Entry& e : entries) {
    dels += e.type == 'D';
    ranges += e.type == 'R';
    merges += e.type == 'M';
  }
  // As RocksDB counts them: a range tombstone is an entry and a deletion.
  if (props->num_entries != entries.size() ||
      props->num_deletions != dels + ranges ||
      props->num_range_deletions != ranges ||
      props->num_merge_operands != merges) {
    return Fail("properties disagree: " + props->ToString());
  }
  if (bloom_bits > 0) {
    // Ingest into a DB with the same filter policy and Get every Put key
    // plus absent keys: no false negatives, and the filter must be used.
    std::string dbdir = file + ".db";
    Options dbo = o;
    dbo.create_if_missing = true;
    dbo.statistics = CreateDBStatistics();
    DB* db = nullptr;
    s = DB::Open(dbo, dbdir, &db);
    if (!s.ok()) return Fail("db open: " + s.ToString());
    std::unique_ptr<DB> guard(db);
    IngestExternalFileOptions io;
    io.move_files = false;
    s = db->IngestExternalFile({file}, io);
    if (!s.ok()) return Fail("ingest: " + s.ToString());
    for (const Entry& e : entries) {
      if (e.type != 'P') continue;
      std::string v;
      s = db->Get(ReadOptions(), e.key, &v);
      if (!s.ok() || v != e.value) {
        return Fail("Get('" + e.key + "') after ingest: " + s.ToString());
      }
    }
    // Absent keys inside the file's key range (outside it RocksDB skips
    // the file without asking the filter).
    for (int k = 0; k < 2000; ++k) {
      std::string v;
      const std::string absent =
          entries[k % entries.size()].key + "-absent-" + std::to_string(k);
      s = db->Get(ReadOptions(), absent, &v);
      if (!s.IsNotFound()) return Fail("absent key found: " + s.ToString());
    }
    const uint64_t useful =
        dbo.statistics->getTickerCount(BLOOM_FILTER_USEFUL);
    if (useful < 1000) {
      return Fail("filter excluded only " + std::to_string(useful) +
                  " of 2000 absent keys");
    }
    std::cout << "bloom useful " << useful << "/2000" << std::endl;
  }
  std::cout << "OK" << std::endl;
  return 0;
}

int main(int argc, char** argv) {
  if (argc != 5) return Fail("usage: sst_tool write|read FILE SPEC ENTRIES");
  const std::string cmd = argv[1], file = argv[2], spec = argv[3];
  int bloom_bits = 0;
  Options o = MakeOptions(spec, &bloom_bits);
  std::vector<Entry> entries = ReadEntries(argv[4]);
  if (cmd == "write") return Write(file, o, entries);
  if (cmd == "read") return Read(file, o, bloom_bits, entries);
  return Fail("unknown command " + cmd);
}
