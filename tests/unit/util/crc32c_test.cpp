// util/crc32c against published vectors (RFC 3720 B.4, the leveldb/RocksDB
// test values), the hardware path against the portable one on every length
// and alignment that selects a different loop, and the mask round trip.
#include "util/crc32c.h"

#include <doctest/doctest.h>

#include <random>
#include <string>

namespace ROCKSDB_NAMESPACE {

TEST_CASE("crc32c: published vectors") {
  std::string buf(32, '\0');
  CHECK(crc32c::Value(buf.data(), buf.size()) == 0x8a9136aau);
  CHECK(crc32c::ExtendPortable(0, buf.data(), buf.size()) == 0x8a9136aau);
  buf.assign(32, '\xff');
  CHECK(crc32c::Value(buf.data(), buf.size()) == 0x62a8ab43u);
  for (int i = 0; i < 32; i++) buf[i] = static_cast<char>(i);
  CHECK(crc32c::Value(buf.data(), buf.size()) == 0x46dd794eu);
  for (int i = 0; i < 32; i++) buf[i] = static_cast<char>(31 - i);
  CHECK(crc32c::Value(buf.data(), buf.size()) == 0x113fdb5cu);
  // iSCSI read command PDU (RFC 3720 B.4).
  const unsigned char pdu[48] = {
      0x01, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00,
      0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x18, 0x28, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
  CHECK(crc32c::Value(reinterpret_cast<const char*>(pdu), 48) == 0xd9963a56u);
  CHECK(crc32c::Value("123456789", 9) == 0xe3069283u);
  CHECK(crc32c::Value("", 0) == 0u);
}

TEST_CASE("crc32c: Extend is Value of the concatenation") {
  CHECK(crc32c::Value("hello world", 11) ==
        crc32c::Extend(crc32c::Value("hello ", 6), "world", 5));
}

TEST_CASE("crc32c: hardware and portable paths agree") {
  // The development and CI machines are x86-64 with SSE4.2 and PCLMUL, so
  // the comparison below really exercises the hardware path there.
  CHECK(crc32c::IsFastCrc32Supported() ==
        (__builtin_cpu_supports("sse4.2") && __builtin_cpu_supports("pclmul")));
  std::mt19937_64 rng(3720);
  std::string data(3 * 2048 * 3 + 3 * 128 * 2 + 200, '\0');
  for (auto& c : data) c = static_cast<char>(rng() & 0xff);
  for (size_t off = 0; off < 9; off++) {
    for (size_t n = 0; n + off <= data.size();
         n += (n < 1200 ? 1 : 97)) {
      const uint32_t init = static_cast<uint32_t>(rng());
      REQUIRE_MESSAGE(crc32c::Extend(init, data.data() + off, n) ==
                          crc32c::ExtendPortable(init, data.data() + off, n),
                      "off=" << off << " n=" << n);
    }
  }
}

TEST_CASE("crc32c: Mask and Unmask") {
  const uint32_t crc = crc32c::Value("foo", 3);
  CHECK(crc != crc32c::Mask(crc));
  CHECK(crc != crc32c::Mask(crc32c::Mask(crc)));
  CHECK(crc == crc32c::Unmask(crc32c::Mask(crc)));
  CHECK(crc == crc32c::Unmask(crc32c::Unmask(crc32c::Mask(crc32c::Mask(crc)))));
  // Known value: the masked CRC RocksDB stores for an empty log payload.
  CHECK(crc32c::Mask(0) == 0xa282ead8u);
}

}  // namespace ROCKSDB_NAMESPACE
