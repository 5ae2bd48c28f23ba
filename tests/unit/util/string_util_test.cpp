// util/string_util.h: trimming, ASCII lowercasing, environment variables
// and non-throwing decimal parsing, the helpers src/ shares instead of
// keeping a prefixed copy per file.
#include "util/string_util.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <string>

namespace ROCKSDB_NAMESPACE {

TEST_CASE("string_util: TrimWhitespace drops spaces, tabs, CRs and LFs") {
  CHECK(TrimWhitespace("") == "");
  CHECK(TrimWhitespace(" \t\r\n") == "");
  CHECK(TrimWhitespace("a") == "a");
  CHECK(TrimWhitespace("  key = value \r\n") == "key = value");
  CHECK(TrimWhitespace("\tx\t") == "x");
  // Only the ends; other bytes (and other control characters) stay.
  CHECK(TrimWhitespace(" a \t b ") == "a \t b");
  CHECK(TrimWhitespace("\va\f") == "\va\f");
  CHECK(TrimWhitespace(Slice("\0 x \0", 5)) == std::string("\0 x \0", 5));
}

TEST_CASE("string_util: ToLowerAscii lowers A-Z only") {
  CHECK(ToLowerAscii("") == "");
  CHECK(ToLowerAscii("Content-MD5") == "content-md5");
  CHECK(ToLowerAscii("X-Amz-Date: 2024") == "x-amz-date: 2024");
  CHECK(ToLowerAscii("already lower_09") == "already lower_09");
  // Bytes outside ASCII are not letters here (no locale).
  CHECK(ToLowerAscii("\xC3\x89T\xC3\x89") == "\xC3\x89t\xC3\x89");
  CHECK(ToLowerAscii("@[`{") == "@[`{");  // the neighbours of A-Z and a-z
}

TEST_CASE("string_util: GetEnvString is empty for an unset variable") {
  const char* name = "SKYROCKS_STRING_UTIL_TEST_VAR";
  REQUIRE(unsetenv(name) == 0);
  CHECK(GetEnvString(name) == "");
  REQUIRE(setenv(name, "some value", 1) == 0);
  CHECK(GetEnvString(name) == "some value");
  REQUIRE(setenv(name, "", 1) == 0);
  CHECK(GetEnvString(name) == "");
  REQUIRE(unsetenv(name) == 0);
}

TEST_CASE("string_util: decimal numbers parse without throwing") {
  uint64_t v = 7;
  CHECK(ParseDecimalUint64("0", &v));
  CHECK(v == 0);
  CHECK(ParseDecimalUint64("00042", &v));
  CHECK(v == 42);
  CHECK(ParseDecimalUint64("18446744073709551615", &v));
  CHECK(v == UINT64_MAX);
  v = 7;
  for (const char* bad : {"", "18446744073709551616", "99999999999999999999",
                          "-1", "+1", " 1", "1 ", "0x10", "1e3", "12a"}) {
    CAPTURE(bad);
    CHECK_FALSE(ParseDecimalUint64(bad, &v));
    CHECK(v == 7);
  }
  // Consume takes the digits in front and leaves the rest.
  Slice in("123.sst");
  REQUIRE(ConsumeDecimalNumber(&in, &v));
  CHECK(v == 123);
  CHECK(in == Slice(".sst"));
  Slice none(".sst");
  CHECK_FALSE(ConsumeDecimalNumber(&none, &v));
  Slice overflow("18446744073709551616x");
  CHECK_FALSE(ConsumeDecimalNumber(&overflow, &v));
  CHECK(overflow == Slice("18446744073709551616x"));  // unchanged
}

}  // namespace ROCKSDB_NAMESPACE
