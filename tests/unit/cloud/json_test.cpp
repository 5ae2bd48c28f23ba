// cloud/json against Python's json module as the oracle (it writes the
// documents, escapes included, and says what each string decodes to),
// RFC 8259 examples, malformed inputs that must be refused, and random
// mutations of a GCS answer that must never crash the reader.
#include "cloud/json.h"

#include <doctest/doctest.h>

#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_util.h"
#include "util/crypto.h"

namespace ROCKSDB_NAMESPACE {

TEST_CASE("json: strings decode as Python's json module decodes them") {
  // Python writes each string with ensure_ascii (so \uXXXX and surrogate
  // pairs) and the hex of its UTF-8; we parse the former and compare.
  const std::string py =
      "import json\n"
      "cases = ['plain', 'a\\\"b\\\\c/d', 'tab\\tnl\\ncr\\rbs\\bff\\f', "
      "'\\x00\\x01\\x1f',\n"
      "         'caf\\u00e9', '\\u20ac\\u4e2d', '\\U0001F600 emoji', "
      "'a%2Fb+c', '']\n"
      "for c in cases:\n"
      "    print(json.dumps({'s': c, 'n': [1, -2.5e3, True, None]}, "
      "ensure_ascii=True))\n"
      "    print(c.encode('utf-8').hex())\n";
  skyrocks_test::TempDir dir;
  const std::string script = dir.Sub("gen.py");
  {
    FILE* f = fopen(script.c_str(), "w");
    REQUIRE(f != nullptr);
    fputs(py.c_str(), f);
    fclose(f);
  }
  std::string out;
  REQUIRE(skyrocks_test::RunCommand("python3 " + script, &out) == 0);
  std::istringstream lines(out);
  std::string doc, hex;
  int n = 0;
  while (std::getline(lines, doc) && std::getline(lines, hex)) {
    CAPTURE(doc);
    JsonValue v;
    std::string error;
    REQUIRE(JsonParse(doc, &v, &error));
    REQUIRE(v.is_object());
    CHECK(HexLower(v.StringMember("s")) == hex);
    const JsonValue* arr = v.Find("n");
    REQUIRE(arr != nullptr);
    REQUIRE(arr->items().size() == 4);
    CHECK(arr->items()[1].text() == "-2500.0");
    CHECK(arr->items()[2].boolean());
    CHECK(arr->items()[3].type() == JsonValue::Type::kNull);
    // Our quoting reads back to the same bytes.
    JsonValue back;
    REQUIRE(JsonParse(JsonQuote(v.StringMember("s")), &back));
    CHECK(back.text() == v.StringMember("s"));
    n++;
  }
  CHECK(n == 9);
}

TEST_CASE("json: GCS-shaped documents, numbers and lookups") {
  JsonValue v;
  REQUIRE(
      JsonParse(" {\"kind\":\"storage#objects\",\"items\":[{\"name\":\"a/"
                "b\",\"size\":\"18446744073709551615\","
                "\"generation\":\"1795600702287\"}],\"prefixes\":[\"a/"
                "\"],\"n\":12,\"f\":0.5e-2,\"z\":-0} ",
                &v));
  const JsonValue* items = v.Find("items");
  REQUIRE(items != nullptr);
  REQUIRE(items->is_array());
  uint64_t size = 0, gen = 0;
  CHECK(items->items()[0].Find("size")->AsUint64(&size));
  CHECK(size == UINT64_MAX);
  CHECK(items->items()[0].Find("generation")->AsUint64(&gen));
  CHECK(gen == 1795600702287ull);
  CHECK(v.StringMember("n") == "12");
  CHECK(v.StringMember("f") == "0.5e-2");
  CHECK(v.StringMember("missing").empty());
  CHECK(v.StringMember("items").empty());  // not a string
  uint64_t x;
  CHECK_FALSE(v.Find("f")->AsUint64(&x));
  CHECK_FALSE(v.Find("z")->AsUint64(&x));
  JsonValue big;
  REQUIRE(JsonParse("\"18446744073709551616\"", &big));
  CHECK_FALSE(big.AsUint64(&x));  // one past UINT64_MAX
  REQUIRE(JsonParse("[]", &v));
  CHECK(v.is_array());
  CHECK(v.Find("x") == nullptr);
}

TEST_CASE("json: malformed input is refused with an offset, never a crash") {
  const std::vector<std::string> bad = {"",
                                        " ",
                                        "{",
                                        "}",
                                        "[1,]",
                                        "{\"a\":}",
                                        "{\"a\" 1}",
                                        "{a:1}",
                                        "[1 2]",
                                        "\"abc",
                                        "\"a\\x\"",
                                        "\"\\u12\"",
                                        "\"\\uD800\"",
                                        "\"\\uDC00\"",
                                        "\"\\uD800\\u0041\"",
                                        "\"tab\there\"",
                                        "01",
                                        "1.",
                                        "1e",
                                        "-",
                                        "+1",
                                        "tru",
                                        "nul",
                                        "{} {}",
                                        "[1]x",
                                        "NaN",
                                        "\"\xff"};
  for (const auto& b : bad) {
    CAPTURE(b);
    JsonValue v;
    std::string error;
    CHECK_FALSE(JsonParse(b, &v, &error));
    CHECK(error.find("offset") != std::string::npos);
  }
  // Deep nesting stops at the bound instead of exhausting the stack.
  std::string deep(100000, '[');
  JsonValue v;
  std::string error;
  CHECK_FALSE(JsonParse(deep, &v, &error));
  CHECK(error.find("deep") != std::string::npos);
  std::string ok_depth =
      std::string(kJsonMaxDepth - 1, '[') + std::string(kJsonMaxDepth - 1, ']');
  CHECK(JsonParse(ok_depth, &v));
  // Bytes >= 0x80 inside strings pass through (GCS names are UTF-8).
  REQUIRE(JsonParse("\"\xc3\xbc\"", &v));
  CHECK(v.text() == "\xc3\xbc");
}

TEST_CASE("json: random mutations of a GCS answer never crash the reader") {
  const std::string base =
      "{\"kind\":\"storage#object\",\"name\":\"dir/a "
      "b\\u00fc\",\"size\":\"11\",\"generation\":\"17\","
      "\"items\":[1,2.5,true,false,null,{\"x\":[\"y\"]}],\"md5Hash\":\"XrY7u+"
      "Ae7tCTyyK7j1rNww==\"}";
  JsonValue v;
  REQUIRE(JsonParse(base, &v));
  std::mt19937 rng(1234);
  const std::string alphabet =
      "{}[]\",:\\u0123456789abcdefDtrunl-+.eE \x80\xff";
  int parsed = 0;
  for (int i = 0; i < 20000; i++) {
    std::string m = base;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; e++) {
      const size_t at = rng() % (m.size() + 1);
      switch (rng() % 3) {
        case 0:
          if (at < m.size()) m.erase(at, 1);
          break;
        case 1:
          m.insert(at, 1, alphabet[rng() % alphabet.size()]);
          break;
        default:
          if (at < m.size()) m[at] = alphabet[rng() % alphabet.size()];
      }
    }
    if (rng() % 8 == 0) m.resize(rng() % (m.size() + 1));  // truncated
    JsonValue out;
    parsed += JsonParse(m, &out) ? 1 : 0;
  }
  CHECK(parsed > 0);  // some mutations stay valid JSON
  CHECK(parsed < 20000);
}

}  // namespace ROCKSDB_NAMESPACE
