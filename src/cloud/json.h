// The little JSON the cloud stores need (GCS object metadata, listings,
// rewrite progress, error bodies; OAuth token answers; service-account
// files): a bounded reader into a small value tree, and string quoting for
// request bodies. Objects, arrays, strings with every escape (\uXXXX
// surrogate pairs become UTF-8), numbers (kept as their text, so 64-bit
// values lose nothing), true/false/null.
//
// Malformed input (bad syntax, lone surrogates, control characters in
// strings, nesting deeper than kJsonMaxDepth, trailing garbage) makes
// JsonParse return false with a message naming the offset; it never
// crashes, and the tree it builds is bounded by a constant factor of the
// input's size. Values are plain data: thread-compatible.
#ifndef SKYROCKS_CLOUD_JSON_H_
#define SKYROCKS_CLOUD_JSON_H_

#include <cstdint>
#include <string>
#include <vector>

#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {

constexpr int kJsonMaxDepth = 64;

class JsonValue {
 public:
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };

  Type type() const { return type_; }
  bool is_object() const { return type_ == Type::kObject; }
  bool is_array() const { return type_ == Type::kArray; }
  bool is_string() const { return type_ == Type::kString; }

  // The string, or a number's text ("" for other types).
  const std::string& text() const { return text_; }
  bool boolean() const { return type_ == Type::kBool && text_ == "true"; }
  // A number, or a string holding one (GCS sends 64-bit integers as
  // strings), as an unsigned integer; false if it is neither or does not
  // fit.
  bool AsUint64(uint64_t* value) const;

  // Array elements, or object member values (in document order).
  const std::vector<JsonValue>& items() const { return items_; }
  // Object member names, parallel to items().
  const std::vector<std::string>& keys() const { return keys_; }

  // The first member called name of an object (nullptr if absent or this
  // is not an object).
  const JsonValue* Find(const std::string& name) const;
  // Find(name)'s string or number text, or "" when absent or another type.
  std::string StringMember(const std::string& name) const;

 private:
  friend class JsonParser;
  Type type_ = Type::kNull;
  std::string text_;
  std::vector<std::string> keys_;
  std::vector<JsonValue> items_;
};

// Parses all of text into *value. On malformed input returns false and
// sets *error (optional) to what is wrong and where.
bool JsonParse(const std::string& text, JsonValue* value,
               std::string* error = nullptr);

// s as a JSON string literal, quotes included (control characters, quote
// and backslash escaped; other bytes as they are).
std::string JsonQuote(const std::string& s);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_JSON_H_
