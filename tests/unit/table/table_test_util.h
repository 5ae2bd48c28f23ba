// Helpers for table tests: build an SST from (internal key, value) pairs
// into a file and open it with TableReader.
#ifndef SKYROCKS_TESTS_UNIT_TABLE_TABLE_TEST_UTIL_H_
#define SKYROCKS_TESTS_UNIT_TABLE_TABLE_TEST_UTIL_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "rocksdb/file_system.h"
#include "support/test_util.h"
#include "table/format.h"
#include "table/table_builder.h"
#include "table/table_reader.h"
#include "util/coding.h"

namespace ROCKSDB_NAMESPACE {

struct TestRangeDel {
  std::string begin, end;
  SequenceNumber seq;
};

inline Status BuildTestTable(
    const std::string& fname, const TableBuilderOptions& opts,
    const std::vector<std::pair<std::string, std::string>>& sorted_entries,
    const std::vector<TestRangeDel>& range_dels = {},
    TableBuildResult* result = nullptr) {
  std::unique_ptr<FSWritableFile> f;
  IOStatus io = FileSystem::Default()->NewWritableFile(fname, FileOptions(),
                                                       &f, nullptr);
  if (!io.ok()) return std::move(io);
  TableBuilder b(opts, f.get(), fname);
  for (const auto& kv : sorted_entries) b.Add(kv.first, kv.second);
  for (const auto& rd : range_dels) b.AddRangeDeletion(rd.begin, rd.end, rd.seq);
  Status s = b.Finish();
  if (result) *result = b.result();
  if (s.ok()) s = f->Sync(IOOptions(), nullptr);
  if (s.ok()) s = f->Close(IOOptions(), nullptr);
  return s;
}

inline Status OpenTestTable(const std::string& fname,
                            const InternalKeyComparator* icmp,
                            std::unique_ptr<TableReader>* reader) {
  std::shared_ptr<FileSystem> fs = FileSystem::Default();
  uint64_t size = 0;
  IOStatus io = fs->GetFileSize(fname, IOOptions(), &size, nullptr);
  if (!io.ok()) return std::move(io);
  std::unique_ptr<FSRandomAccessFile> f;
  io = fs->NewRandomAccessFile(fname, FileOptions(), &f, nullptr);
  if (!io.ok()) return std::move(io);
  TableReaderOptions ro;
  ro.icmp = icmp;
  return TableReader::Open(ro, std::move(f), fname, size, reader);
}

// Where the first data block and the index block of the SST at fname are.
inline Status FindTestTableBlocks(const std::string& fname,
                                  const InternalKeyComparator* icmp,
                                  BlockHandle* first_data, BlockHandle* index,
                                  Footer* footer) {
  std::unique_ptr<TableReader> reader;
  Status s = OpenTestTable(fname, icmp, &reader);
  if (!s.ok()) return s;
  std::unique_ptr<InternalIterator> it(reader->NewIndexIterator());
  it->SeekToFirst();
  if (!it->Valid()) return Status::Corruption(fname, "no data block");
  Slice v = it->value();
  s = first_data->DecodeFrom(&v);
  if (!s.ok()) return s;
  std::unique_ptr<FSRandomAccessFile> f;
  IOStatus io = FileSystem::Default()->NewRandomAccessFile(fname, FileOptions(),
                                                           &f, nullptr);
  if (!io.ok()) return std::move(io);
  s = ReadFooterFromFile(f.get(), fname, reader->file_size(), footer);
  *index = footer->index_handle();
  return s;
}

// Makes a hostile SST whose checksums are all valid: entry `index` of the
// block at handle loses the 8-byte trailer of its key (which becomes the
// front of its value, so the block keeps its size) and the block's
// checksum is recomputed. REQUIRES: the block is uncompressed, its entries
// hold value lengths, the first `index`+1 entries share no key prefix and
// have one-byte header varints, and format_version < 6.
inline Status ShortenTestTableKey(const std::string& fname,
                                  const BlockHandle& handle,
                                  const Footer& footer, int index) {
  std::string file = skyrocks_test::ReadWholeFile(fname);
  if (file.size() < handle.offset() + handle.size() + kBlockTrailerSize) {
    return Status::InvalidArgument(fname, "block past the end");
  }
  char* block = &file[handle.offset()];
  const size_t n = handle.size();
  if (block[n] != kNoCompression) {
    return Status::InvalidArgument(fname, "compressed block");
  }
  size_t p = 0;
  for (int i = 0;; i++) {
    const uint8_t shared = static_cast<uint8_t>(block[p]);
    const uint8_t non_shared = static_cast<uint8_t>(block[p + 1]);
    const uint8_t value_len = static_cast<uint8_t>(block[p + 2]);
    if (shared != 0 || non_shared >= 128 || value_len + 8 >= 128 ||
        non_shared < kInternalKeyTrailerSize) {
      return Status::InvalidArgument(fname, "entry unlike the REQUIRES");
    }
    if (i == index) {
      block[p + 1] = static_cast<char>(non_shared - kInternalKeyTrailerSize);
      block[p + 2] = static_cast<char>(value_len + kInternalKeyTrailerSize);
      break;
    }
    p += 3 + non_shared + value_len;
  }
  const uint32_t sum =
      ComputeBlockChecksum(footer.checksum(), block, n, block[n]);
  EncodeFixed32(block + n + 1, sum);
  std::unique_ptr<FSWritableFile> f;
  IOStatus io = FileSystem::Default()->NewWritableFile(fname, FileOptions(),
                                                       &f, nullptr);
  if (io.ok()) io = f->Append(file, IOOptions(), nullptr);
  if (io.ok()) io = f->Close(IOOptions(), nullptr);
  return std::move(io);
}

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_TESTS_UNIT_TABLE_TABLE_TEST_UTIL_H_
