// HTTP dates (RFC 1123: Date, x-ms-date, Last-Modified) and RFC 3339
// timestamps (S3 listings, GCS metadata) from the input, as a server would
// send them. A parsed date must format back to a date that parses to the
// same time.
#include "cloud/http_time.h"
#include "fuzz/harnesses.h"

namespace skyrocks_fuzz {

int FuzzHttpTime(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  int64_t t = 0;
  if (rocksdb::ParseHttpDate(text, &t)) {
    int64_t again = 0;
    const std::string formatted = rocksdb::FormatHttpDate(t);
    FuzzCheck(rocksdb::ParseHttpDate(formatted, &again) && again == t,
              "FormatHttpDate(ParseHttpDate(x)) parses to the same time");
  }
  (void)rocksdb::ParseRfc3339Micros(text);
  return 0;
}

}  // namespace skyrocks_fuzz

SKYROCKS_FUZZ_ENTRY(FuzzHttpTime)
