// Run by scripts/check_variants.sh against the amalgamation compiled with
// or without SKYROCKS_NO_CLOUD, SKYROCKS_NO_ZSTD and SKYROCKS_NO_LZ4, each
// linked with only the libraries its variant needs (doc/packaging.md).
//   variant_check write DIR          (a full build) writes DIR/zstd and
//                                     DIR/lz4: DBs whose SSTs use that codec
//   variant_check check DIR SCRATCH  checks this build's variant: a local
//                                     DB opens, writes, reads and reopens;
//                                     a left-out cloud layer or codec gives
//                                     NotSupported naming it (and the file)
// Prints one line per check and "N passed, N failed"; exits 1 on a failure.
#include <cstdio>
#include <filesystem>
#include <system_error>
#include <string>

#include "rocksdb/cloud/db_cloud.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "rocksdb/sst_file_writer.h"

namespace {

using ROCKSDB_NAMESPACE::CompressionType;
using ROCKSDB_NAMESPACE::DB;
using ROCKSDB_NAMESPACE::Options;
using ROCKSDB_NAMESPACE::Status;

int passed = 0;
int failed = 0;

void Expect(bool ok, const std::string& what, const std::string& detail) {
  std::printf("%s: %s%s%s\n", ok ? "ok" : "FAILED", what.c_str(),
              detail.empty() ? "" : ": ", detail.c_str());
  (ok ? passed : failed)++;
}

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

std::string Key(int i) { return "key" + std::to_string(100000 + i); }
std::string Value(int i) {
  return "value " + std::to_string(i) + std::string(200, 'a' + i % 26);
}

// Writes kKeys keys with `compression` into dir and flushes them to SSTs.
constexpr int kKeys = 2000;
Status WriteDb(const std::string& dir, CompressionType compression) {
  Options options;
  options.create_if_missing = true;
  options.compression = compression;
  DB* db = nullptr;
  Status s = DB::Open(options, dir, &db);
  for (int i = 0; s.ok() && i < kKeys; i++) {
    s = db->Put(ROCKSDB_NAMESPACE::WriteOptions(), Key(i), Value(i));
  }
  if (s.ok()) s = db->Flush(ROCKSDB_NAMESPACE::FlushOptions());
  if (db != nullptr) {
    Status c = db->Close();
    if (s.ok()) s = c;
    delete db;
  }
  return s;
}

// Opens dir with default options and reads every key back.
Status ReadDb(const std::string& dir) {
  Options options;
  DB* db = nullptr;
  Status s = DB::Open(options, dir, &db);
  for (int i = 0; s.ok() && i < kKeys; i++) {
    std::string v;
    s = db->Get(ROCKSDB_NAMESPACE::ReadOptions(), Key(i), &v);
    if (s.ok() && v != Value(i)) s = Status::Corruption(Key(i), "wrong value");
  }
  delete db;
  return s;
}

void CheckLocalDb(const std::string& scratch) {
  const std::string dir = scratch + "/local";
  Status s = WriteDb(dir, ROCKSDB_NAMESPACE::kSnappyCompression);
  Expect(s.ok(), "open, put, flush, close a local DB (Snappy)", s.ToString());
  s = ReadDb(dir);
  Expect(s.ok(), "reopen it and get every key", s.ToString());
}

void CheckCloud(const std::string& scratch) {
  ROCKSDB_NAMESPACE::CloudFileSystemOptions cloud;
  Status s = cloud.Configure(
      "sst_file_cache_bytes=1000;dest.bucket=b;dest.object=db");
  Expect(s.ok() && cloud.sst_file_cache_bytes == 1000,
         "CloudFileSystemOptions::Configure", s.ToString());
  ROCKSDB_NAMESPACE::CloudFileSystem* cfs = nullptr;
  s = ROCKSDB_NAMESPACE::CloudFileSystemEnv::NewLocalDirFileSystem(
      ROCKSDB_NAMESPACE::FileSystem::Default(), scratch + "/buckets", cloud,
      nullptr, &cfs);
#if defined(SKYROCKS_NO_CLOUD)
  Expect(s.IsNotSupported() && Contains(s.ToString(), "SKYROCKS_NO_CLOUD") &&
             Contains(s.ToString(), "NewLocalDirFileSystem") && cfs == nullptr,
         "NewLocalDirFileSystem without the cloud layer is NotSupported",
         s.ToString());
  ROCKSDB_NAMESPACE::DBCloud* db = nullptr;
  s = ROCKSDB_NAMESPACE::DBCloud::Open(Options(), scratch + "/cloud", "", 0,
                                       &db);
  Expect(s.IsNotSupported() && Contains(s.ToString(), "SKYROCKS_NO_CLOUD") &&
             db == nullptr,
         "DBCloud::Open without the cloud layer is NotSupported",
         s.ToString());
#else
  Expect(s.ok() && cfs != nullptr, "NewLocalDirFileSystem", s.ToString());
  delete cfs;
#endif
}

// `name` is "ZSTD" or "LZ4", `macro` the one that leaves it out.
void CheckCodec(const std::string& written, const std::string& scratch,
                const std::string& name, const char* macro,
                CompressionType type, bool compiled_in) {
  const std::string copy = scratch + "/" + name;
  std::error_code ec;
  std::filesystem::copy(written, copy,
                        std::filesystem::copy_options::recursive, ec);
  if (ec) {
    Expect(false, "copy " + written, ec.message());
    return;
  }
  Status s = ReadDb(copy);
  if (compiled_in) {
    Expect(s.ok(), "read a DB of " + name + " SSTs", s.ToString());
    s = WriteDb(scratch + "/new_" + name, type);
    Expect(s.ok(), "write a DB with " + name, s.ToString());
    return;
  }
  const std::string msg = s.ToString();
  Expect(s.IsNotSupported() && Contains(msg, name) && Contains(msg, macro) &&
             Contains(msg, ".sst"),
         "reading " + name + " SSTs without " + name +
             " is NotSupported naming the codec and the file",
         msg);
  s = WriteDb(scratch + "/new_" + name, type);
  Expect(s.IsNotSupported() && Contains(s.ToString(), name) &&
             Contains(s.ToString(), macro),
         "opening a DB with compression " + name + " is NotSupported",
         s.ToString());
  Options options;
  options.compression = type;
  ROCKSDB_NAMESPACE::SstFileWriter writer(ROCKSDB_NAMESPACE::EnvOptions(),
                                          options);
  const std::string sst = scratch + "/" + name + "_ingest.sst";
  s = writer.Open(sst);
  Expect(s.IsNotSupported() && Contains(s.ToString(), name) &&
             Contains(s.ToString(), sst),
         "SstFileWriter with " + name + " is NotSupported naming the file",
         s.ToString());
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "write" && argc == 3) {
    const std::string dir = argv[2];
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    Status s = WriteDb(dir + "/zstd", ROCKSDB_NAMESPACE::kZSTD);
    Expect(s.ok(), "write a DB of ZSTD SSTs", s.ToString());
    s = WriteDb(dir + "/lz4", ROCKSDB_NAMESPACE::kLZ4Compression);
    Expect(s.ok(), "write a DB of LZ4 SSTs", s.ToString());
  } else if (mode == "check" && argc == 4) {
    const std::string dir = argv[2];
    const std::string scratch = argv[3];
    CheckLocalDb(scratch);
    CheckCloud(scratch);
#if defined(SKYROCKS_NO_ZSTD)
    const bool zstd = false;
#else
    const bool zstd = true;
#endif
#if defined(SKYROCKS_NO_LZ4)
    const bool lz4 = false;
#else
    const bool lz4 = true;
#endif
    CheckCodec(dir + "/zstd", scratch, "ZSTD", "SKYROCKS_NO_ZSTD",
               ROCKSDB_NAMESPACE::kZSTD, zstd);
    CheckCodec(dir + "/lz4", scratch, "LZ4", "SKYROCKS_NO_LZ4",
               ROCKSDB_NAMESPACE::kLZ4Compression, lz4);
  } else {
    std::fprintf(stderr,
                 "usage: variant_check write DIR | check DIR SCRATCH\n");
    return 2;
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
