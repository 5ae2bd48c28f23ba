// Small text helpers shared across src/, one of each: trimming, ASCII
// lowercasing, environment variables as strings, and non-throwing parsing
// of unsigned decimal text (file names, property and option values, HTTP
// headers), which never raises an exception through the API as
// std::stoull and friends can. Pure (GetEnvString reads the process
// environment) and thread-safe.
#ifndef SKYROCKS_UTIL_STRING_UTIL_H_
#define SKYROCKS_UTIL_STRING_UTIL_H_

#include <cstdint>
#include <string>

#include "rocksdb/slice.h"

namespace ROCKSDB_NAMESPACE {

// s without the spaces, tabs, CRs and LFs at either end.
std::string TrimWhitespace(const Slice& s);

// s with the ASCII letters A-Z lowered; every other byte unchanged (HTTP
// header names, option words).
std::string ToLowerAscii(std::string s);

// The value of environment variable `name`; empty when it is unset.
std::string GetEnvString(const char* name);

// ConsumeDecimalNumber takes the ASCII digits at the front of *input (at
// least one; no sign, no spaces); false, *input unchanged, if there is none
// or the value overflows uint64_t (leveldb's ConsumeDecimalNumber).
// ParseDecimalUint64 wants the whole of input to be such a number.
bool ConsumeDecimalNumber(Slice* input, uint64_t* value);
bool ParseDecimalUint64(const Slice& input, uint64_t* value);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_UTIL_STRING_UTIL_H_
