// Snappy raw blocks: our compressor and decompressor checked against
// libsnappy (the oracle) in both directions, on hand-made malformed blocks,
// and on seeded random mutations of valid blocks.
#include "util/snappy.h"

#include <doctest/doctest.h>
#include <snappy.h>

#include <algorithm>
#include <cstdint>
#include <dirent.h>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace ROCKSDB_NAMESPACE {
namespace {

std::string SnappyTestRandomBytes(std::mt19937_64* rng, size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; i++) s[i] = static_cast<char>((*rng)() & 0xff);
  return s;
}

// Like db_bench's values with compression ratio 0.5: each 100-byte value is
// 50 random printable bytes written twice.
std::string SnappyTestHalfCompressible(std::mt19937_64* rng, size_t n) {
  std::string s;
  while (s.size() < n) {
    std::string raw(50, ' ');
    for (char& ch : raw) ch = static_cast<char>(' ' + (*rng)() % 95);
    s += raw;
    s += raw;
  }
  s.resize(n);
  return s;
}

std::string SnappyTestLicenses() {
  std::string all;
  const char* dir = "/usr/share/common-licenses";
  DIR* d = opendir(dir);
  if (d == nullptr) return all;
  std::vector<std::string> names;
  while (struct dirent* e = readdir(d)) {
    if (e->d_name[0] != '.') names.push_back(e->d_name);
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    std::ifstream f(std::string(dir) + "/" + name, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    all += ss.str();
  }
  return all;
}

std::string OursCompress(const std::string& s) {
  std::string out;
  ROCKSDB_NAMESPACE::snappy::Compress(s.data(), s.size(), &out);
  return out;
}

std::string TheirsCompress(const std::string& s) {
  std::string out;
  ::snappy::Compress(s.data(), s.size(), &out);
  return out;
}

// Compresses with both, decompresses each with both; all must agree.
void SnappyTestCrossCheck(const std::string& input) {
  std::string ours = OursCompress(input);
  REQUIRE(ours.size() <=
          ROCKSDB_NAMESPACE::snappy::MaxCompressedLength(input.size()));
  std::string theirs = TheirsCompress(input);

  size_t len = 0;
  REQUIRE(ROCKSDB_NAMESPACE::snappy::GetUncompressedLength(
      ours.data(), ours.size(), &len));
  CHECK(len == input.size());

  std::string back;
  REQUIRE(::snappy::Uncompress(ours.data(), ours.size(), &back));
  CHECK(back == input);
  back.clear();
  REQUIRE(ROCKSDB_NAMESPACE::snappy::Uncompress(ours.data(), ours.size(),
                                                &back));
  CHECK(back == input);
  back.clear();
  REQUIRE(ROCKSDB_NAMESPACE::snappy::Uncompress(theirs.data(), theirs.size(),
                                                &back));
  CHECK(back == input);
  std::vector<char> raw(input.size() + 1);
  REQUIRE(ROCKSDB_NAMESPACE::snappy::RawUncompress(theirs.data(),
                                                   theirs.size(), raw.data()));
  CHECK(std::string(raw.data(), input.size()) == input);
  CHECK(ROCKSDB_NAMESPACE::snappy::IsValidCompressedBuffer(ours.data(),
                                                           ours.size()));
}

std::string SnappyTestDecode(const std::string& block, bool* ok) {
  std::string out;
  *ok = ROCKSDB_NAMESPACE::snappy::Uncompress(block.data(), block.size(), &out);
  return out;
}

}  // namespace

TEST_CASE("snappy: empty, one byte and every length up to 2000 cross-check") {
  SnappyTestCrossCheck("");
  CHECK(OursCompress("") == std::string("\x00", 1));
  SnappyTestCrossCheck("a");
  std::mt19937_64 rng(1);
  std::string text = SnappyTestLicenses();
  REQUIRE(text.size() > 2000);
  std::string random = SnappyTestRandomBytes(&rng, 2000);
  std::string half = SnappyTestHalfCompressible(&rng, 2000);
  for (size_t n = 0; n <= 2000; n++) {
    SnappyTestCrossCheck(text.substr(0, n));
    SnappyTestCrossCheck(random.substr(0, n));
    SnappyTestCrossCheck(half.substr(0, n));
    SnappyTestCrossCheck(std::string(n, 'x'));
  }
}

TEST_CASE("snappy: repetitive, random, mixed and multi-MiB inputs") {
  std::mt19937_64 rng(2);
  for (size_t period = 1; period <= 40; period++) {
    std::string pattern = SnappyTestRandomBytes(&rng, period);
    std::string s;
    while (s.size() < 5000 + period) s += pattern;
    SnappyTestCrossCheck(s);
  }
  SnappyTestCrossCheck(SnappyTestRandomBytes(&rng, 200000));
  SnappyTestCrossCheck(SnappyTestHalfCompressible(&rng, 300000));
  SnappyTestCrossCheck(std::string(1 << 20, '\0'));
  // Fragment boundaries: 64 KiB +/- a few bytes.
  std::string text = SnappyTestLicenses();
  for (size_t n : {65535u, 65536u, 65537u, 131071u, 131072u, 131073u}) {
    std::string s;
    while (s.size() < n) s += text;
    s.resize(n);
    SnappyTestCrossCheck(s);
  }
  // A few MiB of mixed content.
  std::string big;
  while (big.size() < (size_t{3} << 20)) {
    switch (rng() % 3) {
      case 0: big += text.substr(rng() % (text.size() - 5000), 5000); break;
      case 1: big += SnappyTestRandomBytes(&rng, 3000); break;
      default: big += SnappyTestHalfCompressible(&rng, 4000); break;
    }
  }
  SnappyTestCrossCheck(big);
}

TEST_CASE("snappy: compression ratio within 10% of libsnappy") {
  std::mt19937_64 rng(3);
  std::string text = SnappyTestLicenses();
  std::string half = SnappyTestHalfCompressible(&rng, 1 << 20);
  std::string mixed = text + half + SnappyTestRandomBytes(&rng, 100000);
  for (const std::string* s : {&text, &half, &mixed}) {
    size_t ours = OursCompress(*s).size();
    size_t theirs = TheirsCompress(*s).size();
    INFO("input " << s->size() << " ours " << ours << " theirs " << theirs);
    CHECK(static_cast<double>(ours) <= 1.10 * static_cast<double>(theirs));
    CHECK(ours < s->size());
  }
  // 4 KiB blocks of 100-byte values, as a table builder would compress them.
  size_t ours = 0;
  size_t theirs = 0;
  for (size_t off = 0; off + 4096 <= half.size(); off += 4096) {
    ours += OursCompress(half.substr(off, 4096)).size();
    theirs += TheirsCompress(half.substr(off, 4096)).size();
  }
  INFO("4K blocks ours " << ours << " theirs " << theirs);
  CHECK(static_cast<double>(ours) <= 1.10 * static_cast<double>(theirs));
}

TEST_CASE("snappy: hand-made blocks, all tag kinds") {
  bool ok = false;
  // Literal "abcd" then copy-1 offset 4 len 4, copy-2 offset 8 len 2,
  // copy-4 offset 1 len 3.
  std::string b("\x0d\x0c" "abcd"
                "\x01\x04"
                "\x06\x08\x00"
                "\x0b\x01\x00\x00\x00",
                16);
  CHECK(SnappyTestDecode(b, &ok) == "abcdabcdabbbb");
  CHECK(ok);
  std::string check;
  REQUIRE(::snappy::Uncompress(b.data(), b.size(), &check));
  CHECK(check == "abcdabcdabbbb");
  // Literal lengths in 1..4 extra bytes (tags 60..63).
  for (int extra = 1; extra <= 4; extra++) {
    std::string lit(100, 'q');
    std::string blk("\x64", 1);  // varint 100
    blk += static_cast<char>((59 + extra) << 2);
    blk += static_cast<char>(99);
    for (int i = 1; i < extra; i++) blk += '\0';
    blk += lit;
    CHECK(SnappyTestDecode(blk, &ok) == lit);
    CHECK(ok);
  }
}

TEST_CASE("snappy: malformed blocks are rejected") {
  bool ok = true;
  auto bad = [&](const std::string& blk) {
    SnappyTestDecode(blk, &ok);
    CHECK_FALSE(ok);
    CHECK_FALSE(ROCKSDB_NAMESPACE::snappy::IsValidCompressedBuffer(
        blk.data(), blk.size()));
    CHECK_FALSE(::snappy::IsValidCompressedBuffer(blk.data(), blk.size()));
  };
  bad("");                                     // no header
  bad(std::string("\x80", 1));                 // truncated header
  bad(std::string("\xff\xff\xff\xff\x10", 5)); // header above 32 bits
  bad(std::string("\x04\x0c" "abc", 5));       // literal past input end
  bad(std::string("\x02\x0c" "abcd", 6));      // literal past output end
  bad(std::string("\x04\x00" "a\x01\x00", 5)); // copy offset 0
  bad(std::string("\x06\x04" "ab\x01\x03", 6));// offset before output start
  bad(std::string("\x05\x04" "ab\x05\x01", 6));// copy overruns output
  bad(std::string("\x06\x04" "ab\x02\x01", 6));// copy-2 truncated offset
  bad(std::string("\x06\x04" "ab\x03\x01\x00", 7)); // copy-4 truncated
  bad(std::string("\x03\x04" "ab", 4));        // output shorter than header
  bad(std::string("\x02\x04" "ab\x00" "c", 6));// data past declared length
  bad(std::string("\x05\xf0\x01", 3));         // 2-byte literal length cut
  // Header claiming 4 GiB with a tiny body: rejected before allocating.
  size_t len = 0;
  std::string huge("\xff\xff\xff\xff\x0f\x00\x61", 7);
  CHECK_FALSE(ROCKSDB_NAMESPACE::snappy::GetUncompressedLength(
      huge.data(), huge.size(), &len));
  bad(huge);
}

TEST_CASE("snappy: seeded mutations never crash and match libsnappy") {
  std::mt19937_64 rng(4);
  std::string text = SnappyTestLicenses();
  std::vector<std::string> blocks;
  blocks.push_back(OursCompress(text.substr(0, 4096)));
  blocks.push_back(OursCompress(SnappyTestHalfCompressible(&rng, 4096)));
  blocks.push_back(OursCompress(SnappyTestRandomBytes(&rng, 300)));
  blocks.push_back(OursCompress(std::string(3000, 'z')));
  int accepted = 0;
  for (int iter = 0; iter < 4000; iter++) {
    std::string b = blocks[iter % blocks.size()];
    int ops = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < ops && !b.empty(); k++) {
      switch (rng() % 4) {
        case 0:  // flip bits of a byte
          b[rng() % b.size()] ^= static_cast<char>(1 + rng() % 255);
          break;
        case 1:  // truncate
          b.resize(rng() % b.size());
          break;
        case 2: {  // splice a chunk of another block in
          const std::string& o = blocks[rng() % blocks.size()];
          size_t from = rng() % o.size();
          size_t n = rng() % (o.size() - from + 1);
          size_t at = rng() % (b.size() + 1);
          b.insert(at, o.substr(from, n));
          break;
        }
        default: {  // delete a chunk
          size_t at = rng() % b.size();
          b.erase(at, rng() % 16);
          break;
        }
      }
    }
    bool ok = false;
    std::string ours = SnappyTestDecode(b, &ok);
    std::string theirs;
    bool theirs_ok = ::snappy::Uncompress(b.data(), b.size(), &theirs);
    CHECK(ok == theirs_ok);
    if (ok && theirs_ok) {
      CHECK(ours == theirs);
      accepted++;
    }
    // RawUncompress into a buffer of exactly the declared length.
    size_t len = 0;
    if (ROCKSDB_NAMESPACE::snappy::GetUncompressedLength(b.data(), b.size(),
                                                         &len)) {
      std::vector<char> raw(len);
      CHECK(ROCKSDB_NAMESPACE::snappy::RawUncompress(b.data(), b.size(),
                                                     raw.data()) == ok);
    }
  }
  MESSAGE("mutated blocks still valid: " << accepted);
}

}  // namespace ROCKSDB_NAMESPACE
