// Implementation of tests/support/filter_oracle.h.
#include "support/filter_oracle.h"

#include <fstream>

#include "support/test_util.h"

namespace skyrocks_test {

std::string ToHex(const std::string& bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

std::string FromHex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

bool LibrocksdbFilter(const std::vector<std::string>& keys, int format_version,
                      std::string* filter, std::string* error) {
  TempDir dir;
  {
    std::ofstream f(dir.Sub("keys"));
    for (const std::string& k : keys) f << ToHex(k) << "\n";
  }
  std::string out;
  const int rc = RunCommand(BuildDir() + "/oracle/bloom_filter " +
                                dir.Sub("keys") + " " + dir.Sub("f.sst") + " " +
                                std::to_string(format_version),
                            &out);
  if (rc != 0) {
    *error = out;
    return false;
  }
  *filter = FromHex(out.substr(0, out.find('\n')));
  return true;
}

}  // namespace skyrocks_test
