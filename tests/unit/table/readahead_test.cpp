// How many reads a table costs (table/readahead.h): TableReader::Open
// reads the tail once (twice when it is larger than the guess), a scan
// with readahead reads size / max + a few growth steps, a compaction
// readahead reads max bytes per request, random seeks read one block
// each, and readahead never changes what an iterator returns.
#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "support/test_util.h"
#include "table/dbformat.h"
#include "table_test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// A file that counts its reads and their bytes.
class ReadCountingFile : public FSRandomAccessFile {
 public:
  explicit ReadCountingFile(std::unique_ptr<FSRandomAccessFile> f)
      : f_(std::move(f)) {}
  IOStatus Read(uint64_t offset, size_t n, const IOOptions& o, Slice* result,
                char* scratch, IODebugContext* dbg) const override {
    reads_++;
    bytes_ += n;
    return f_->Read(offset, n, o, result, scratch, dbg);
  }
  mutable std::atomic<uint64_t> reads_{0}, bytes_{0};

 private:
  std::unique_ptr<FSRandomAccessFile> f_;
};

struct CountedTable {
  std::unique_ptr<TableReader> reader;
  ReadCountingFile* file = nullptr;  // owned by reader
  uint64_t size = 0;
};

void OpenCounted(const std::string& fname, const InternalKeyComparator* icmp,
                 CountedTable* t) {
  std::shared_ptr<FileSystem> fs = FileSystem::Default();
  REQUIRE(fs->GetFileSize(fname, IOOptions(), &t->size, nullptr).ok());
  std::unique_ptr<FSRandomAccessFile> f;
  REQUIRE(fs->NewRandomAccessFile(fname, FileOptions(), &f, nullptr).ok());
  auto counting = std::make_unique<ReadCountingFile>(std::move(f));
  t->file = counting.get();
  TableReaderOptions ro;
  ro.icmp = icmp;
  Status s =
      TableReader::Open(ro, std::move(counting), fname, t->size, &t->reader);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
}

std::vector<std::pair<std::string, std::string>> Entries(int n,
                                                         size_t value_size) {
  std::vector<std::pair<std::string, std::string>> out;
  std::mt19937 rng(7);
  for (int i = 0; i < n; i++) {
    char k[16];
    snprintf(k, sizeof(k), "k%08d", i);
    std::string ikey;
    AppendInternalKey(&ikey, k, 1, kTypeValue);
    std::string v(value_size, 'x');
    for (char& c : v) c = static_cast<char>('a' + rng() % 26);
    out.emplace_back(ikey, v);
  }
  return out;
}

uint64_t ScanAll(TableReader* t, ReadaheadOptions ra,
                 std::vector<std::string>* keys) {
  std::unique_ptr<InternalIterator> it(t->NewIterator(true, nullptr, ra));
  uint64_t n = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (keys != nullptr) keys->push_back(it->key().ToString());
    n++;
  }
  REQUIRE_MESSAGE(it->status().ok(), it->status().ToString());
  return n;
}

}  // namespace

TEST_CASE("table readahead: the tail in one read, scans in few") {
  skyrocks_test::TempDir dir;
  const std::string fname = dir.Sub("t.sst");
  InternalKeyComparator icmp(BytewiseComparator());
  TableBuilderOptions bo;
  bo.icmp = &icmp;
  bo.compression = kNoCompression;
  bo.filter_bits_per_key = 10;
  const auto entries = Entries(40000, 100);
  REQUIRE(BuildTestTable(fname, bo, entries).ok());
  CountedTable t;
  OpenCounted(fname, &icmp, &t);
  CHECK(t.reader->tail_reads() == 1);
  CHECK(t.file->reads_ == 1);  // footer, metaindex, properties, index, filter
  const uint64_t data = t.reader->data_end();
  REQUIRE(data > (4u << 20));

  std::vector<std::string> plain_keys, ra_keys;
  t.file->reads_ = 0;
  CHECK(ScanAll(t.reader.get(), ReadaheadOptions(), &plain_keys) ==
        entries.size());
  const uint64_t blocks = t.file->reads_;
  CHECK(blocks == t.reader->GetTableProperties().num_data_blocks);

  t.file->reads_ = 0;
  CHECK(ScanAll(t.reader.get(), kScanReadahead, &ra_keys) == entries.size());
  CHECK(ra_keys == plain_keys);
  // One block, then 64 KiB, 128 KiB, ... 2 MiB, then 2 MiB at a time.
  MESSAGE("scan of " << data << " bytes of data: " << t.file->reads_.load()
                     << " reads with readahead, " << blocks << " without");
  CHECK(t.file->reads_ <= data / kScanReadahead.max + 7);

  t.file->reads_ = 0;
  t.file->bytes_ = 0;
  CHECK(ScanAll(t.reader.get(), kCompactionReadahead, nullptr) ==
        entries.size());
  CHECK(t.file->reads_ == (data + kCompactionReadahead.max - 1) /
                              kCompactionReadahead.max);
  CHECK(t.file->bytes_ <= data + 4096);

  // Random seeks: one block each, no readahead.
  t.file->reads_ = 0;
  t.file->bytes_ = 0;
  std::unique_ptr<InternalIterator> it(
      t.reader->NewIterator(true, nullptr, kScanReadahead));
  std::mt19937 rng(3);
  for (int i = 0; i < 50; i++) {
    const auto& kv = entries[rng() % entries.size()];
    it->Seek(kv.first);
    REQUIRE(it->Valid());
    CHECK(it->key() == Slice(kv.first));
  }
  CHECK(t.file->reads_ <= 50);
  CHECK(t.file->bytes_ <= 50 * 8192);
}

TEST_CASE("table readahead: a tail larger than the guess costs two reads") {
  skyrocks_test::TempDir dir;
  const std::string fname = dir.Sub("t.sst");
  InternalKeyComparator icmp(BytewiseComparator());
  TableBuilderOptions bo;
  bo.icmp = &icmp;
  bo.compression = kNoCompression;
  bo.filter_bits_per_key = 40;  // a filter of ~10% of the file
  const auto entries = Entries(80000, 1);
  REQUIRE(BuildTestTable(fname, bo, entries).ok());
  CountedTable t;
  OpenCounted(fname, &icmp, &t);
  CHECK(t.reader->tail_reads() == 2);
  CHECK(t.file->reads_ == 2);
  std::vector<std::string> keys;
  CHECK(ScanAll(t.reader.get(), kScanReadahead, &keys) == entries.size());
  // The filter works: a missing key is refused without a read.
  t.file->reads_ = 0;
  std::string lookup;
  AppendInternalKey(&lookup, "missing", kMaxSequenceNumber, kValueTypeForSeek);
  bool any = false;
  REQUIRE(t.reader
              ->Get(lookup,
                    [](void* arg, const Slice&, const Slice&) {
                      *static_cast<bool*>(arg) = true;
                      return false;
                    },
                    &any)
              .ok());
  CHECK(t.file->reads_ == 0);
}

}  // namespace ROCKSDB_NAMESPACE
