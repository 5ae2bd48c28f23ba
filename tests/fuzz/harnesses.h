// The libFuzzer harnesses' bodies (tests/fuzz/NAME_fuzzer.cpp) as plain
// functions, so that both the fuzzer binaries (whose
// LLVMFuzzerTestOneInput calls one) and the unit tests
// (tests/unit/fuzz_regression_test.cpp replays tests/fuzz/regressions/NAME
// and tests/fuzz/corpus/NAME through every one) run the same code. Each
// body is deterministic, touches no disk (in-memory FileSystem), frees what
// it allocates, and returns 0; a defect shows as a sanitizer report or a
// FuzzCheck failure (abort).
//
// Also the small helpers the harnesses share: a cursor over the input, a
// scripted HttpTransport that plays answers cut from the input, and writing
// a file into a FileSystem.
#ifndef SKYROCKS_TESTS_FUZZ_HARNESSES_H_
#define SKYROCKS_TESTS_FUZZ_HARNESSES_H_

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "cloud/http.h"
#include "cloud/object_store.h"
#include "rocksdb/file_system.h"

namespace skyrocks_fuzz {

using FuzzFn = int (*)(const uint8_t* data, size_t size);

// One per tests/fuzz/NAME_fuzzer.cpp (NAME is the corpus directory).
int FuzzAzureAnswer(const uint8_t* data, size_t size);
int FuzzBlockDecompress(const uint8_t* data, size_t size);
int FuzzBucketObjects(const uint8_t* data, size_t size);
int FuzzCloneSources(const uint8_t* data, size_t size);
int FuzzCloudManifest(const uint8_t* data, size_t size);
int FuzzCredentials(const uint8_t* data, size_t size);
int FuzzDbOpen(const uint8_t* data, size_t size);
int FuzzGcsAnswer(const uint8_t* data, size_t size);
int FuzzHttpTime(const uint8_t* data, size_t size);
int FuzzS3Answer(const uint8_t* data, size_t size);
int FuzzSst(const uint8_t* data, size_t size);
int FuzzWal(const uint8_t* data, size_t size);

struct FuzzTarget {
  const char* name;
  FuzzFn fn;
};

// Every target, by corpus directory name.
inline std::vector<FuzzTarget> AllFuzzTargets() {
  return {{"azure_answer", FuzzAzureAnswer},
          {"block_decompress", FuzzBlockDecompress},
          {"bucket_objects", FuzzBucketObjects},
          {"clone_sources", FuzzCloneSources},
          {"cloud_manifest", FuzzCloudManifest},
          {"credentials", FuzzCredentials},
          {"db_open", FuzzDbOpen},
          {"gcs_answer", FuzzGcsAnswer},
          {"http_time", FuzzHttpTime},
          {"s3_answer", FuzzS3Answer},
          {"sst", FuzzSst},
          {"wal", FuzzWal}};
}

// A property the harness checks: failing it is a defect like a crash.
inline void FuzzCheck(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz check failed: %s\n", what);
    std::abort();
  }
}

// Reads the input front to back; past the end, reads give zeros / "".
class FuzzInput {
 public:
  FuzzInput(const uint8_t* data, size_t size)
      : p_(reinterpret_cast<const char*>(data)), n_(size) {}
  bool empty() const { return n_ == 0; }
  size_t remaining() const { return n_; }
  uint8_t Byte() {
    if (n_ == 0) return 0;
    n_--;
    return static_cast<uint8_t>(*p_++);
  }
  // Little-endian, `bytes` bytes.
  uint32_t Fixed(int bytes) {
    uint32_t v = 0;
    for (int i = 0; i < bytes; i++)
      v |= static_cast<uint32_t>(Byte()) << (8 * i);
    return v;
  }
  std::string Bytes(size_t n) {
    if (n > n_) n = n_;
    std::string s(p_, n);
    p_ += n;
    n_ -= n;
    return s;
  }
  // A chunk prefixed with its `len_bytes`-byte length.
  std::string Chunk(int len_bytes) { return Bytes(Fixed(len_bytes)); }
  std::string Rest() { return Bytes(n_); }

 private:
  const char* p_;
  size_t n_;
};

// Answers requests from a script cut from the input: each answer is
// {1 byte status selector, 2-byte header block length, header lines
// "name: value\n", 3-byte body length, body}. When the script runs out,
// Send fails (not retryable), so paging loops end.
class ScriptedTransport : public rocksdb::HttpTransport {
 public:
  explicit ScriptedTransport(FuzzInput* in) : in_(in) {}
  rocksdb::IOStatus Send(const rocksdb::HttpRequest& req,
                         rocksdb::HttpResponse* resp) override;
  int requests = 0;

 private:
  FuzzInput* in_;
};

inline rocksdb::IOStatus ScriptedTransport::Send(
    const rocksdb::HttpRequest& req, rocksdb::HttpResponse* resp) {
  static const int kStatuses[] = {200, 200, 200, 201, 202, 204, 206,
                                  304, 400, 401, 403, 404, 409, 412,
                                  416, 429, 500, 503, 0};
  requests++;
  resp->request_sent = true;
  if (in_->empty() || requests > 64) {
    return rocksdb::IOStatus::IOError("fuzz transport: no more answers");
  }
  const int status =
      kStatuses[in_->Byte() % (sizeof(kStatuses) / sizeof(kStatuses[0]))];
  const std::string headers = in_->Chunk(2);
  std::string body = in_->Chunk(3);
  if (status == 0) {
    rocksdb::IOStatus s = rocksdb::IOStatus::IOError("fuzz: connection reset");
    s.SetRetryable(true);
    return s;
  }
  resp->status = status;
  size_t start = 0;
  while (start < headers.size()) {
    size_t end = headers.find('\n', start);
    if (end == std::string::npos) end = headers.size();
    const std::string line = headers.substr(start, end - start);
    const size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (char& c : name) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      size_t v = colon + 1;
      while (v < line.size() && line[v] == ' ') v++;
      resp->headers[name] = line.substr(v);
    }
    start = end + 1;
  }
  if (status >= 200 && status < 300 && req.body_sink) {
    if (!req.body_sink(body.data(), body.size())) {
      return rocksdb::IOStatus::IOError("fuzz transport: sink refused");
    }
  } else {
    resp->body = std::move(body);
  }
  return rocksdb::IOStatus::OK();
}

// Retries that neither sleep nor draw random numbers.
inline rocksdb::RetryOptions FuzzRetryOptions() {
  rocksdb::RetryOptions r;
  r.max_attempts = 3;
  r.sleep = [](uint64_t) {};
  r.random = [](uint64_t bound) { return bound / 2; };
  return r;
}

// Calls of store's methods chosen by the input (answered by a
// ScriptedTransport over the same input): the paths that parse an answer's
// body (listings, error bodies, metadata) and headers.
inline void FuzzStoreOps(rocksdb::ObjectStore* store, FuzzInput* in) {
  for (int op = 0; op < 8 && !in->empty(); op++) {
    const std::string key = "dir/obj" + std::to_string(in->Byte() % 4);
    std::string data;
    rocksdb::ObjectMeta meta;
    std::vector<rocksdb::ObjectMeta> objects;
    std::vector<std::string> prefixes;
    rocksdb::PutOptions put;
    switch (in->Byte() % 11) {
      case 0:
        (void)store->Get(key, &data);
        break;
      case 1:
        (void)store->GetRange(key, 10, 100, &data);
        break;
      case 2:
        put.if_none_match = true;
        (void)store->Put(key, "value", put, &meta);
        break;
      case 3:
        put.if_match_etag = "\"etag\"";
        (void)store->Put(key, "value", put, &meta);
        break;
      case 4:
        (void)store->Head(key, &meta);
        break;
      case 5:
        (void)store->List("dir/", &objects);
        break;
      case 6:
        (void)store->ListDelimited("dir/", "/", &objects, &prefixes);
        break;
      case 7:
        (void)store->Delete(key);
        break;
      case 8:
        (void)store->DeleteMany({key, "dir/a", "dir/b"});
        break;
      case 9:
        (void)store->Copy(key, "dir/copy");
        break;
      default:
        (void)store->CreateBucketIfMissing("");
        break;
    }
  }
}

// Writes data to path in fs (parents must exist).
inline void FuzzWriteFile(rocksdb::FileSystem* fs, const std::string& path,
                          const std::string& data) {
  std::unique_ptr<rocksdb::FSWritableFile> f;
  rocksdb::IOStatus s =
      fs->NewWritableFile(path, rocksdb::FileOptions(), &f, nullptr);
  FuzzCheck(s.ok(), "in-memory file system: create");
  s = f->Append(data, rocksdb::IOOptions(), nullptr);
  if (s.ok()) s = f->Close(rocksdb::IOOptions(), nullptr);
  FuzzCheck(s.ok(), "in-memory file system: write");
}

}  // namespace skyrocks_fuzz

// Defines LLVMFuzzerTestOneInput for the fuzzer binary; the unit tests
// define SKYROCKS_FUZZ_REPLAY and include every harness into one file.
#ifndef SKYROCKS_FUZZ_REPLAY
#define SKYROCKS_FUZZ_ENTRY(fn)                                             \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) { \
    return skyrocks_fuzz::fn(data, size);                                   \
  }
#else
#define SKYROCKS_FUZZ_ENTRY(fn)
#endif

#endif  // SKYROCKS_TESTS_FUZZ_HARNESSES_H_
