// EventLogLine: one "EVENT_LOG_v1 {...}" line of the info LOG, the JSON
// object RocksDB 7.8.3's EventLogger writes for flushes, compactions and
// table files: {"time_micros": 1, "job": 2, "event": "flush_started", ...},
// with ", " between members and [a, b] arrays. Strings are written as
// RocksDB does, unescaped. Build it, then Log it; one thread.
#ifndef SKYROCKS_DB_EVENT_LOG_H_
#define SKYROCKS_DB_EVENT_LOG_H_

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "rocksdb/env.h"

namespace ROCKSDB_NAMESPACE {

class EventLogLine {
 public:
  EventLogLine(uint64_t time_micros, int job, const char* event) {
    Add("time_micros", time_micros);
    Add("job", static_cast<int64_t>(job));
    Add("event", event);
  }
  // A line whose members after "time_micros" the caller adds.
  explicit EventLogLine(uint64_t time_micros) {
    Add("time_micros", time_micros);
  }

  EventLogLine& Add(const char* key, const std::string& v) {
    Key(key);
    json_ += '"' + v + '"';
    return *this;
  }
  EventLogLine& Add(const char* key, const char* v) {
    return Add(key, std::string(v));
  }
  EventLogLine& Add(const char* key, uint64_t v) {
    Key(key);
    json_ += std::to_string(v);
    return *this;
  }
  EventLogLine& Add(const char* key, int64_t v) {
    Key(key);
    json_ += std::to_string(v);
    return *this;
  }
  EventLogLine& Add(const char* key, double v) {
    Key(key);
    std::ostringstream o;
    o << v;
    json_ += o.str();
    return *this;
  }
  EventLogLine& Add(const char* key, int v) {
    return Add(key, static_cast<int64_t>(v));
  }
  EventLogLine& Add(const char* key, const std::vector<uint64_t>& v) {
    Key(key);
    json_ += '[';
    for (size_t i = 0; i < v.size(); i++) {
      if (i > 0) json_ += ", ";
      json_ += std::to_string(v[i]);
    }
    json_ += ']';
    return *this;
  }
  // A nested object: members added until EndObject go inside it.
  EventLogLine& BeginObject(const char* key) {
    Key(key);
    json_ += '{';
    first_ = true;
    return *this;
  }
  EventLogLine& EndObject() {
    json_ += '}';
    first_ = false;
    return *this;
  }

  // Writes the line at INFO level (a null logger drops it).
  void Log(Logger* log) const {
    if (log == nullptr) return;
    ROCKSDB_NAMESPACE::Log(InfoLogLevel::INFO_LEVEL, log, "EVENT_LOG_v1 %s}",
                           json_.c_str());
  }

 private:
  void Key(const char* key) {
    if (!first_) json_ += ", ";
    first_ = false;
    json_ += '"';
    json_ += key;
    json_ += "\": ";
  }

  std::string json_ = "{";
  bool first_ = true;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_EVENT_LOG_H_
