// Text helpers; contract in util/string_util.h.
#include "util/string_util.h"

#include <cstdlib>

namespace ROCKSDB_NAMESPACE {

std::string TrimWhitespace(const Slice& s) {
  const auto blank = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  };
  size_t b = 0, e = s.size();
  while (b < e && blank(s[b])) b++;
  while (e > b && blank(s[e - 1])) e--;
  return std::string(s.data() + b, e - b);
}

std::string ToLowerAscii(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::string GetEnvString(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? std::string(v) : std::string();
}

bool ConsumeDecimalNumber(Slice* input, uint64_t* value) {
  constexpr uint64_t kMax = ~uint64_t{0};
  uint64_t v = 0;
  size_t digits = 0;
  while (digits < input->size()) {
    const char c = (*input)[digits];
    if (c < '0' || c > '9') break;
    const uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > kMax / 10 || (v == kMax / 10 && d > kMax % 10)) return false;
    v = v * 10 + d;
    ++digits;
  }
  if (digits == 0) return false;
  input->remove_prefix(digits);
  *value = v;
  return true;
}

bool ParseDecimalUint64(const Slice& input, uint64_t* value) {
  Slice rest = input;
  uint64_t v;
  if (!ConsumeDecimalNumber(&rest, &v) || !rest.empty()) return false;
  *value = v;
  return true;
}

}  // namespace ROCKSDB_NAMESPACE
