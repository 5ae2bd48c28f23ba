// The full filter librocksdb 7.8.3 builds for a set of keys, obtained by
// running the oracle program build/oracle/bloom_filter (tests/oracle/
// bloom_filter.cpp) as a separate process; plus hex helpers.
#ifndef SKYROCKS_TESTS_SUPPORT_FILTER_ORACLE_H_
#define SKYROCKS_TESTS_SUPPORT_FILTER_ORACLE_H_

#include <string>
#include <vector>

namespace skyrocks_test {

std::string ToHex(const std::string& bytes);
std::string FromHex(const std::string& hex);

// Sets *filter to the filter block contents (bits and metadata trailer)
// librocksdb writes for keys at format_version (5: FastLocalBloom, 2..4:
// legacy Bloom), 10 bits per key. Returns false with the oracle's output in
// *error when it fails.
bool LibrocksdbFilter(const std::vector<std::string>& keys, int format_version,
                      std::string* filter, std::string* error);

}  // namespace skyrocks_test

#endif  // SKYROCKS_TESTS_SUPPORT_FILTER_ORACLE_H_
