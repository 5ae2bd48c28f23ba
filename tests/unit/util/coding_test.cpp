#include "util/coding.h"

#include <doctest/doctest.h>

#include <vector>

namespace ROCKSDB_NAMESPACE {

TEST_CASE("coding: fixed-width values are little-endian and round-trip") {
  std::string s;
  PutFixed32(&s, 0x04030201u);
  PutFixed64(&s, 0x0807060504030201ull);
  PutFixed16(&s, 0x0201);
  REQUIRE(s.size() == 14);
  CHECK(s.substr(0, 4) == std::string("\x01\x02\x03\x04", 4));
  Slice in(s);
  uint32_t a = 0;
  uint64_t b = 0;
  uint16_t c = 0;
  CHECK(GetFixed32(&in, &a));
  CHECK(GetFixed64(&in, &b));
  CHECK(GetFixed16(&in, &c));
  CHECK(a == 0x04030201u);
  CHECK(b == 0x0807060504030201ull);
  CHECK(c == 0x0201);
  CHECK(in.empty());
  CHECK_FALSE(GetFixed16(&in, &c));
}

TEST_CASE("coding: varints round-trip at every boundary") {
  std::vector<uint64_t> values;
  for (int shift = 0; shift < 64; shift++) {
    const uint64_t p = 1ull << shift;
    values.push_back(p - 1);
    values.push_back(p);
    values.push_back(p + 1);
  }
  values.push_back(~0ull);
  std::string s;
  for (uint64_t v : values) PutVarint64(&s, v);
  Slice in(s);
  for (uint64_t v : values) {
    uint64_t got = 0;
    REQUIRE(GetVarint64(&in, &got));
    CHECK(got == v);
  }
  CHECK(in.empty());
  std::string s32;
  PutVarint32(&s32, 0xffffffffu);
  CHECK(s32.size() == 5);
  CHECK(VarintLength(0xffffffffu) == 5);
  CHECK(VarintLength(~0ull) == 10);
  Slice in32(s32);
  uint32_t v32 = 0;
  CHECK(GetVarint32(&in32, &v32));
  CHECK(v32 == 0xffffffffu);
}

TEST_CASE("coding: truncated and overlong varints are rejected") {
  std::string s;
  PutVarint64(&s, 1ull << 40);
  for (size_t n = 0; n < s.size(); n++) {
    Slice in(s.data(), n);
    uint64_t v = 0;
    CHECK_FALSE(GetVarint64(&in, &v));
  }
  const std::string overlong(11, '\x80');
  Slice in(overlong);
  uint64_t v = 0;
  CHECK_FALSE(GetVarint64(&in, &v));
  const std::string overlong32(6, '\x81');
  Slice in32(overlong32);
  uint32_t v32 = 0;
  CHECK_FALSE(GetVarint32(&in32, &v32));
}

TEST_CASE("coding: varsigned64 is zig-zag") {
  std::string s;
  PutVarsignedint64(&s, -1);
  CHECK(s == std::string("\x01", 1));
  s.clear();
  PutVarsignedint64(&s, 1);
  CHECK(s == std::string("\x02", 1));
  for (int64_t v : {int64_t{0}, int64_t{-64}, int64_t{63}, INT64_MIN,
                    INT64_MAX, int64_t{-4096}}) {
    s.clear();
    PutVarsignedint64(&s, v);
    Slice in(s);
    int64_t got = 1;
    REQUIRE(GetVarsignedint64(&in, &got));
    CHECK(got == v);
  }
}

TEST_CASE("coding: length-prefixed slices") {
  std::string s;
  PutLengthPrefixedSlice(&s, Slice(""));
  PutLengthPrefixedSlice(&s, Slice("foo"));
  PutLengthPrefixedSlice(&s, Slice(std::string(200, 'x')));
  Slice in(s), v;
  CHECK(GetLengthPrefixedSlice(&in, &v));
  CHECK(v.empty());
  CHECK(GetLengthPrefixedSlice(&in, &v));
  CHECK(v == Slice("foo"));
  CHECK(GetLengthPrefixedSlice(&in, &v));
  CHECK(v.size() == 200);
  CHECK(in.empty());
  std::string bad;
  PutVarint32(&bad, 10);
  bad += "short";
  Slice bin(bad);
  CHECK_FALSE(GetLengthPrefixedSlice(&bin, &v));
}

}  // namespace ROCKSDB_NAMESPACE
