// Times in HTTP and object-store responses: RFC 1123 dates ("Tue, 25 Nov
// 2025 12:00:00 GMT": the Date, x-ms-date and Last-Modified headers) and
// RFC 3339 UTC timestamps ("2025-11-25T12:00:00.123Z": S3 listings, GCS
// metadata). Pure functions.
#ifndef SKYROCKS_CLOUD_HTTP_TIME_H_
#define SKYROCKS_CLOUD_HTTP_TIME_H_

#include <cstdint>
#include <string>

#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {

std::string FormatHttpDate(int64_t unix_seconds);
// False unless text is an RFC 1123 date in GMT.
bool ParseHttpDate(const std::string& text, int64_t* unix_seconds);
// Microseconds since the epoch; 0 if s is not an RFC 3339 UTC timestamp.
uint64_t ParseRfc3339Micros(const std::string& s);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_HTTP_TIME_H_
