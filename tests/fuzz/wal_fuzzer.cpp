// WAL and MANIFEST records as the log reader hands them to recovery: the
// input (after one byte choosing the recovery mode and whether checksums
// are verified) is a log file in an in-memory FileSystem; every record it
// yields is decoded as a WriteBatch (a WAL record: Iterate with a handler
// that accepts everything) and as a VersionEdit (a MANIFEST record).
// db_open drives the same bytes through DB::Open.
#include "db/log_reader.h"
#include "db/version_edit.h"
#include "db/write_batch_internal.h"
#include "fuzz/harnesses.h"
#include "rocksdb/write_batch.h"

namespace skyrocks_fuzz {

namespace {

class WalFuzzHandler : public rocksdb::WriteBatch::Handler {
 public:
  rocksdb::Status PutCF(uint32_t, const rocksdb::Slice& key,
                        const rocksdb::Slice& value) override {
    bytes += key.size() + value.size();
    return rocksdb::Status::OK();
  }
  rocksdb::Status DeleteCF(uint32_t, const rocksdb::Slice& key) override {
    bytes += key.size();
    return rocksdb::Status::OK();
  }
  rocksdb::Status SingleDeleteCF(uint32_t, const rocksdb::Slice& key) override {
    bytes += key.size();
    return rocksdb::Status::OK();
  }
  rocksdb::Status DeleteRangeCF(uint32_t, const rocksdb::Slice& begin,
                                const rocksdb::Slice& end) override {
    bytes += begin.size() + end.size();
    return rocksdb::Status::OK();
  }
  rocksdb::Status MergeCF(uint32_t, const rocksdb::Slice& key,
                          const rocksdb::Slice& value) override {
    bytes += key.size() + value.size();
    return rocksdb::Status::OK();
  }
  void LogData(const rocksdb::Slice& blob) override { bytes += blob.size(); }
  size_t bytes = 0;
};

class WalFuzzReporter : public rocksdb::log::Reader::Reporter {
 public:
  void Corruption(size_t dropped, const rocksdb::Status&) override {
    bytes += dropped;
  }
  size_t bytes = 0;
};

}  // namespace

int FuzzWal(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  const uint8_t flags = in.Byte();
  const auto mode = static_cast<rocksdb::log::RecoveryMode>(flags & 3);
  const bool checksum = (flags & 4) == 0;
  std::shared_ptr<rocksdb::FileSystem> fs = rocksdb::NewMemFileSystem();
  FuzzCheck(fs->CreateDirIfMissing("/db", rocksdb::IOOptions(), nullptr).ok(),
            "mkdir");
  FuzzWriteFile(fs.get(), "/db/000007.log", in.Rest());
  std::unique_ptr<rocksdb::FSSequentialFile> file;
  FuzzCheck(fs->NewSequentialFile("/db/000007.log", rocksdb::FileOptions(),
                                  &file, nullptr)
                .ok(),
            "open log");
  WalFuzzReporter reporter;
  rocksdb::log::Reader reader(std::move(file), "/db/000007.log", &reporter,
                              checksum, 7);
  rocksdb::Slice record;
  std::string scratch;
  while (reader.ReadRecord(&record, &scratch, mode)) {
    rocksdb::WriteBatch batch(record.ToString());
    WalFuzzHandler handler;
    (void)batch.Iterate(&handler);
    (void)rocksdb::WriteBatchInternal::Count(&batch);
    rocksdb::VersionEdit edit;
    (void)edit.DecodeFrom(record);
  }
  return 0;
}

}  // namespace skyrocks_fuzz

SKYROCKS_FUZZ_ENTRY(FuzzWal)
