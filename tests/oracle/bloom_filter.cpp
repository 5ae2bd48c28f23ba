// Oracle (links librocksdb 7.8.3): the full Bloom filter librocksdb builds
// for a set of keys, so tests can check skyrocks' XXPH3 key hashing and
// FastLocalBloom layout bit for bit.
//
//   bloom_filter KEYFILE SSTPATH [FORMAT_VERSION]
//
// KEYFILE holds one key per line in hex (an empty line is the empty key).
// Writes SSTPATH with SstFileWriter (format_version 5 unless given: 2..4
// give the legacy Bloom filter; 10 bits per key,
// whole-key filtering, no compression), then reads the file's footer and
// metaindex itself and prints the filter block (data and 5-byte metadata
// trailer, without the block trailer) as one hex line. Prints "FAIL ..." and
// exits 1 on any error.
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/sst_file_writer.h>
#include <rocksdb/table.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace {

[[noreturn]] void Fail(const std::string& what) {
  std::printf("FAIL %s\n", what.c_str());
  std::exit(1);
}

std::string FromHex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
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

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::fprintf(stderr, "usage: bloom_filter KEYFILE SSTPATH [FORMAT_VERSION]\n");
    return 2;
  }
  std::set<std::string> keys;
  std::ifstream in(argv[1]);
  std::string line;
  while (std::getline(in, line)) keys.insert(FromHex(line));

  rocksdb::BlockBasedTableOptions topts;
  topts.format_version = argc == 4 ? std::atoi(argv[3]) : 5;
  topts.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  topts.whole_key_filtering = true;
  rocksdb::Options options;
  options.compression = rocksdb::kNoCompression;
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(topts));
  rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), options);
  rocksdb::Status s = writer.Open(argv[2]);
  if (!s.ok()) Fail("open: " + s.ToString());
  for (const std::string& k : keys) {
    s = writer.Put(k, "v");
    if (!s.ok()) Fail("put: " + s.ToString());
  }
  s = writer.Finish();
  if (!s.ok()) Fail("finish: " + s.ToString());

  std::ifstream f(argv[2], std::ios::binary);
  std::stringstream buf;
  buf << f.rdbuf();
  const std::string file = buf.str();
  // Footer (format_version 1..5): checksum type, metaindex handle, index
  // handle, padding, version, magic; 53 bytes.
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
      const std::string filter = file.substr(off, size);
      for (unsigned char c : filter) std::printf("%02x", c);
      std::printf("\n");
      return 0;
    }
  }
  Fail("no full filter in metaindex");
}
