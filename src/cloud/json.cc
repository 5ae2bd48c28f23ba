// The bounded JSON reader; contract in cloud/json.h.
#include "cloud/json.h"

namespace ROCKSDB_NAMESPACE {

// Recursive descent over the input with an explicit depth bound.
class JsonParser {
 public:
  explicit JsonParser(const std::string& in) : in_(in) {}

  bool ParseDocument(JsonValue* v) {
    SkipSpace();
    if (!ParseValue(v, 0)) return false;
    SkipSpace();
    if (pos_ != in_.size()) return Fail("trailing characters");
    return true;
  }

  std::string error() const {
    return error_ + " at offset " + std::to_string(pos_);
  }

 private:
  bool Fail(const char* what) {
    if (error_.empty()) error_ = what;
    return false;
  }

  void SkipSpace() {
    while (pos_ < in_.size() && (in_[pos_] == ' ' || in_[pos_] == '\t' ||
                                 in_[pos_] == '\n' || in_[pos_] == '\r')) {
      pos_++;
    }
  }

  bool Literal(const char* word) {
    size_t i = 0;
    for (; word[i] != '\0'; i++) {
      if (pos_ + i >= in_.size() || in_[pos_ + i] != word[i]) {
        return Fail("invalid literal");
      }
    }
    pos_ += i;
    return true;
  }

  bool ParseValue(JsonValue* v, int depth) {
    if (depth >= kJsonMaxDepth) return Fail("nesting too deep");
    if (pos_ >= in_.size()) return Fail("unexpected end");
    const char c = in_[pos_];
    if (c == '{') return ParseObject(v, depth);
    if (c == '[') return ParseArray(v, depth);
    if (c == '"') {
      v->type_ = JsonValue::Type::kString;
      return ParseString(&v->text_);
    }
    if (c == 't' || c == 'f') {
      v->type_ = JsonValue::Type::kBool;
      v->text_ = c == 't' ? "true" : "false";
      return Literal(c == 't' ? "true" : "false");
    }
    if (c == 'n') {
      v->type_ = JsonValue::Type::kNull;
      return Literal("null");
    }
    return ParseNumber(v);
  }

  bool Digits() {
    const size_t start = pos_;
    while (pos_ < in_.size() && in_[pos_] >= '0' && in_[pos_] <= '9') pos_++;
    return pos_ > start;
  }

  bool ParseNumber(JsonValue* v) {
    const size_t start = pos_;
    if (pos_ < in_.size() && in_[pos_] == '-') pos_++;
    if (pos_ < in_.size() && in_[pos_] == '0') {
      pos_++;
    } else if (!Digits()) {
      return Fail("invalid value");
    }
    if (pos_ < in_.size() && in_[pos_] == '.') {
      pos_++;
      if (!Digits()) return Fail("invalid number");
    }
    if (pos_ < in_.size() && (in_[pos_] == 'e' || in_[pos_] == 'E')) {
      pos_++;
      if (pos_ < in_.size() && (in_[pos_] == '+' || in_[pos_] == '-')) pos_++;
      if (!Digits()) return Fail("invalid number");
    }
    v->type_ = JsonValue::Type::kNumber;
    v->text_ = in_.substr(start, pos_ - start);
    return true;
  }

  bool Hex4(uint32_t* out) {
    if (pos_ + 4 > in_.size()) return Fail("short \\u escape");
    uint32_t u = 0;
    for (int i = 0; i < 4; i++) {
      const char h = in_[pos_++];
      u <<= 4;
      if (h >= '0' && h <= '9') {
        u |= static_cast<uint32_t>(h - '0');
      } else if (h >= 'a' && h <= 'f') {
        u |= static_cast<uint32_t>(h - 'a' + 10);
      } else if (h >= 'A' && h <= 'F') {
        u |= static_cast<uint32_t>(h - 'A' + 10);
      } else {
        return Fail("bad hex digit in \\u escape");
      }
    }
    *out = u;
    return true;
  }

  static void AppendUtf8(uint32_t cp, std::string* out) {
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  // REQUIRES: in_[pos_] == '"'
  bool ParseString(std::string* out) {
    pos_++;
    out->clear();
    while (true) {
      if (pos_ >= in_.size()) return Fail("unterminated string");
      const unsigned char c = static_cast<unsigned char>(in_[pos_++]);
      if (c == '"') return true;
      if (c < 0x20) return Fail("control character in string");
      if (c != '\\') {
        out->push_back(static_cast<char>(c));
        continue;
      }
      if (pos_ >= in_.size()) return Fail("unterminated escape");
      const char e = in_[pos_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out->push_back(e);
          break;
        case 'b':
          out->push_back('\b');
          break;
        case 'f':
          out->push_back('\f');
          break;
        case 'n':
          out->push_back('\n');
          break;
        case 'r':
          out->push_back('\r');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'u': {
          // Hex4 sets it; initialized for g++'s -Wmaybe-uninitialized at
          // -O1 -fsanitize=thread (make tsan).
          uint32_t cp = 0;
          if (!Hex4(&cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return Fail("lone low surrogate");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t low = 0;
            if (pos_ + 2 > in_.size() || in_[pos_] != '\\' ||
                in_[pos_ + 1] != 'u') {
              return Fail("lone high surrogate");
            }
            pos_ += 2;
            if (!Hex4(&low)) return false;
            if (low < 0xDC00 || low > 0xDFFF) {
              return Fail("high surrogate without low surrogate");
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          AppendUtf8(cp, out);
          break;
        }
        default:
          return Fail("invalid escape");
      }
    }
  }

  bool ParseArray(JsonValue* v, int depth) {
    v->type_ = JsonValue::Type::kArray;
    pos_++;  // '['
    SkipSpace();
    if (pos_ < in_.size() && in_[pos_] == ']') {
      pos_++;
      return true;
    }
    while (true) {
      v->items_.emplace_back();
      SkipSpace();
      if (!ParseValue(&v->items_.back(), depth + 1)) return false;
      SkipSpace();
      if (pos_ >= in_.size()) return Fail("unterminated array");
      const char c = in_[pos_++];
      if (c == ']') return true;
      if (c != ',') return Fail("expected ',' or ']'");
    }
  }

  bool ParseObject(JsonValue* v, int depth) {
    v->type_ = JsonValue::Type::kObject;
    pos_++;  // '{'
    SkipSpace();
    if (pos_ < in_.size() && in_[pos_] == '}') {
      pos_++;
      return true;
    }
    while (true) {
      SkipSpace();
      if (pos_ >= in_.size() || in_[pos_] != '"') {
        return Fail("expected a member name");
      }
      v->keys_.emplace_back();
      if (!ParseString(&v->keys_.back())) return false;
      SkipSpace();
      if (pos_ >= in_.size() || in_[pos_] != ':') return Fail("expected ':'");
      pos_++;
      SkipSpace();
      v->items_.emplace_back();
      if (!ParseValue(&v->items_.back(), depth + 1)) return false;
      SkipSpace();
      if (pos_ >= in_.size()) return Fail("unterminated object");
      const char c = in_[pos_++];
      if (c == '}') return true;
      if (c != ',') return Fail("expected ',' or '}'");
    }
  }

  const std::string& in_;
  size_t pos_ = 0;
  std::string error_;
};

bool JsonValue::AsUint64(uint64_t* value) const {
  if (type_ != Type::kNumber && type_ != Type::kString) return false;
  if (text_.empty() || text_.size() > 20) return false;
  uint64_t v = 0;
  for (char c : text_) {
    if (c < '0' || c > '9') return false;
    const uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10) return false;
    v = v * 10 + d;
  }
  *value = v;
  return true;
}

const JsonValue* JsonValue::Find(const std::string& name) const {
  if (type_ != Type::kObject) return nullptr;
  for (size_t i = 0; i < keys_.size() && i < items_.size(); i++) {
    if (keys_[i] == name) return &items_[i];
  }
  return nullptr;
}

std::string JsonValue::StringMember(const std::string& name) const {
  const JsonValue* v = Find(name);
  if (v == nullptr ||
      (v->type_ != Type::kString && v->type_ != Type::kNumber)) {
    return "";
  }
  return v->text_;
}

bool JsonParse(const std::string& text, JsonValue* value, std::string* error) {
  JsonParser parser(text);
  JsonValue v;
  if (!parser.ParseDocument(&v)) {
    if (error != nullptr) *error = parser.error();
    return false;
  }
  *value = std::move(v);
  return true;
}

std::string JsonQuote(const std::string& s) {
  std::string out = "\"";
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(ch);
    } else if (c < 0x20) {
      static const char* kJsonHexDigits = "0123456789abcdef";
      out += "\\u00";
      out.push_back(kJsonHexDigits[c >> 4]);
      out.push_back(kJsonHexDigits[c & 15]);
    } else {
      out.push_back(ch);
    }
  }
  out.push_back('"');
  return out;
}

}  // namespace ROCKSDB_NAMESPACE
