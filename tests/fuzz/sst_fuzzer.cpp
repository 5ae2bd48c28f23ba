// An SST from outside (a bucket, another tool): the input's first byte
// chooses whether checksums are verified and the comparator, the rest is
// the file. Opened as TableReader (what a DB uses, over an in-memory
// FileSystem) and as the public SstFileReader (over a file in /dev/shm, as
// it reads through the default FileSystem): both iterated forward and
// backward, sought to the keys found and beyond, Get, key anchors, range
// tombstones, offsets and VerifyChecksum. Steps per walk are bounded so
// that a large table stays fast.
#include <unistd.h>

#include "fuzz/harnesses.h"
#include "rocksdb/options.h"
#include "rocksdb/sst_file_reader.h"
#include "table/table_reader.h"

namespace skyrocks_fuzz {

namespace {

constexpr int kSstFuzzMaxSteps = 2000;

bool SstFuzzGetCallback(void* arg, const rocksdb::Slice& ikey,
                        const rocksdb::Slice& value) {
  *static_cast<size_t*>(arg) += ikey.size() + value.size();
  return false;
}

// User keys worth seeking to: some found in the file, and the extremes.
std::vector<std::string> SstFuzzTargets(const std::vector<std::string>& seen) {
  std::vector<std::string> t = {std::string(), std::string("\xff\xff\xff", 3),
                                std::string("m")};
  if (!seen.empty()) {
    t.push_back(seen.front());
    t.push_back(seen[seen.size() / 2]);
    t.push_back(seen.back());
    t.push_back(seen.front() + std::string(1, '\0'));
  }
  return t;
}

void SstFuzzInternal(rocksdb::FileSystem* fs, const std::string& fname,
                     const rocksdb::InternalKeyComparator* icmp, bool verify) {
  uint64_t size = 0;
  FuzzCheck(fs->GetFileSize(fname, rocksdb::IOOptions(), &size, nullptr).ok(),
            "file size");
  std::unique_ptr<rocksdb::FSRandomAccessFile> file;
  FuzzCheck(
      fs->NewRandomAccessFile(fname, rocksdb::FileOptions(), &file, nullptr)
          .ok(),
      "open file");
  rocksdb::TableReaderOptions ro;
  ro.icmp = icmp;
  ro.verify_checksums = verify;
  std::unique_ptr<rocksdb::TableReader> table;
  if (!rocksdb::TableReader::Open(ro, std::move(file), fname, size, &table)
           .ok()) {
    return;
  }
  (void)table->VerifyChecksum();
  (void)table->ApproximateKeyAnchors();
  std::vector<std::string> seen;
  {
    std::unique_ptr<rocksdb::InternalIterator> it(table->NewIterator(verify));
    int steps = 0;
    for (it->SeekToFirst(); it->Valid() && steps < kSstFuzzMaxSteps;
         it->Next(), steps++) {
      const rocksdb::Slice k = it->key();
      if (k.size() >= 8 && seen.size() < 64) {
        seen.push_back(rocksdb::ExtractUserKey(k).ToString());
      }
      (void)it->value();
    }
    (void)it->status();
    steps = 0;
    for (it->SeekToLast(); it->Valid() && steps < kSstFuzzMaxSteps;
         it->Prev(), steps++) {
      (void)it->key();
      (void)it->value();
    }
    (void)it->status();
    for (const std::string& u : SstFuzzTargets(seen)) {
      std::string ikey;
      rocksdb::AppendInternalKey(&ikey, u, rocksdb::kMaxSequenceNumber,
                                 rocksdb::kValueTypeForSeek);
      it->Seek(ikey);
      for (int i = 0; i < 3 && it->Valid(); i++) it->Next();
      it->SeekForPrev(ikey);
      for (int i = 0; i < 3 && it->Valid(); i++) it->Prev();
      (void)it->status();
      size_t got = 0;
      (void)table->Get(ikey, SstFuzzGetCallback, &got, verify);
      (void)table->ApproximateOffsetOf(ikey);
    }
  }
  std::unique_ptr<rocksdb::InternalIterator> del(
      table->NewRangeTombstoneIterator());
  if (del) {
    int steps = 0;
    for (del->SeekToFirst(); del->Valid() && steps < kSstFuzzMaxSteps;
         del->Next(), steps++) {
      (void)del->key();
      (void)del->value();
    }
  }
}

void SstFuzzPublic(const std::string& path, const std::string& bytes,
                   const rocksdb::Comparator* ucmp, bool verify) {
  FILE* f = std::fopen(path.c_str(), "wb");
  FuzzCheck(f != nullptr, "create the SST in /dev/shm");
  FuzzCheck(std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size(),
            "write the SST");
  std::fclose(f);
  rocksdb::Options options;
  options.comparator = ucmp;
  {
    rocksdb::SstFileReader reader(options);
    if (reader.Open(path).ok()) {
      (void)reader.VerifyChecksum();
      (void)reader.GetTableProperties();
      rocksdb::ReadOptions ro;
      ro.verify_checksums = verify;
      std::unique_ptr<rocksdb::Iterator> it(reader.NewIterator(ro));
      std::vector<std::string> seen;
      int steps = 0;
      for (it->SeekToFirst(); it->Valid() && steps < kSstFuzzMaxSteps;
           it->Next(), steps++) {
        if (seen.size() < 64) seen.push_back(it->key().ToString());
        (void)it->value();
      }
      steps = 0;
      for (it->SeekToLast(); it->Valid() && steps < kSstFuzzMaxSteps;
           it->Prev(), steps++) {
        (void)it->key();
      }
      for (const std::string& u : SstFuzzTargets(seen)) {
        it->Seek(u);
        for (int i = 0; i < 3 && it->Valid(); i++) it->Next();
        it->SeekForPrev(u);
        for (int i = 0; i < 3 && it->Valid(); i++) it->Prev();
      }
      (void)it->status();
    }
  }
  unlink(path.c_str());
}

}  // namespace

int FuzzSst(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  const uint8_t flags = in.Byte();
  const bool verify = (flags & 1) == 0;
  const rocksdb::Comparator* ucmp = (flags & 2) == 0
                                        ? rocksdb::BytewiseComparator()
                                        : rocksdb::ReverseBytewiseComparator();
  const std::string bytes = in.Rest();
  std::shared_ptr<rocksdb::FileSystem> fs = rocksdb::NewMemFileSystem();
  FuzzCheck(fs->CreateDirIfMissing("/db", rocksdb::IOOptions(), nullptr).ok(),
            "mkdir");
  FuzzWriteFile(fs.get(), "/db/000009.sst", bytes);
  const rocksdb::InternalKeyComparator icmp(ucmp);
  SstFuzzInternal(fs.get(), "/db/000009.sst", &icmp, verify);
  const char* dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
  SstFuzzPublic(std::string(dir) + "/skyrocks-fuzz-sst-" +
                    std::to_string(getpid()) + ".sst",
                bytes, ucmp, verify);
  return 0;
}

}  // namespace skyrocks_fuzz

SKYROCKS_FUZZ_ENTRY(FuzzSst)
