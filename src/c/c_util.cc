// The C API's error and memory conventions (rocksdb/c.h): messages and
// values handed to the caller are malloc()ed, and rocksdb_free releases
// them.
#include <cstdlib>
#include <cstring>

#include "c/c_types.h"

namespace ROCKSDB_NAMESPACE {

bool CApiSaveError(char** errptr, const Status& s) {
  if (s.ok()) return false;
  std::free(*errptr);
  *errptr = CApiCopyString(s.ToString());
  return true;
}

char* CApiCopyBytes(const Slice& bytes) {
  // malloc(0) may return NULL; callers check for NULL to mean "absent".
  char* out = static_cast<char*>(std::malloc(bytes.size() > 0 ? bytes.size() : 1));
  if (bytes.size() > 0) std::memcpy(out, bytes.data(), bytes.size());
  return out;
}

char* CApiCopyString(const std::string& str) {
  char* out = static_cast<char*>(std::malloc(str.size() + 1));
  std::memcpy(out, str.data(), str.size());
  out[str.size()] = '\0';
  return out;
}

extern "C" {

void rocksdb_free(void* ptr) { std::free(ptr); }

}  // extern "C"

char* CApiGetResult(const Status& s, const std::string& value, size_t* vallen,
                    char** errptr) {
  if (s.ok()) {
    *vallen = value.size();
    return CApiCopyBytes(value);
  }
  *vallen = 0;
  if (!s.IsNotFound()) CApiSaveError(errptr, s);
  return nullptr;
}

}  // namespace ROCKSDB_NAMESPACE
