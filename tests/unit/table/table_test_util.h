// Helpers for table tests: build an SST from (internal key, value) pairs
// into a file and open it with TableReader.
#ifndef SKYROCKS_TESTS_UNIT_TABLE_TABLE_TEST_UTIL_H_
#define SKYROCKS_TESTS_UNIT_TABLE_TABLE_TEST_UTIL_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "rocksdb/file_system.h"
#include "table/table_builder.h"
#include "table/table_reader.h"

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

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_TESTS_UNIT_TABLE_TABLE_TEST_UTIL_H_
