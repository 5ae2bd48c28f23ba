// TableCache; contract in db/table_cache.h. Opening happens outside the
// lock; two threads racing to open one file both open it and the first to
// finish wins (the other reader is dropped).
#include "db/table_cache.h"

#include "db/filename.h"

namespace ROCKSDB_NAMESPACE {

TableCache::TableCache(std::string dbname, FileSystem* fs, Statistics* stats)
    : dbname_(std::move(dbname)), fs_(fs), stats_(stats) {}

Status TableCache::Get(uint64_t number, uint64_t file_size,
                       SequenceNumber largest_seqno,
                       const InternalKeyComparator* icmp,
                       const TableFactory* table_factory,
                       std::shared_ptr<TableReader>* reader) {
  {
    port::MutexLock l(&mu_);
    auto it = readers_.find(number);
    if (it != readers_.end()) {
      *reader = it->second;
      return Status::OK();
    }
  }
  return Open(number, file_size, largest_seqno, icmp, table_factory, reader);
}

Status TableCache::Get(uint64_t number, uint64_t file_size,
                       SequenceNumber largest_seqno,
                       const InternalKeyComparator* icmp,
                       const TableFactory* table_factory,
                       TableReader** reader) {
  *reader = Lookup(number).get();  // the cache keeps it
  if (*reader != nullptr) return Status::OK();
  std::shared_ptr<TableReader> opened;
  Status s =
      Open(number, file_size, largest_seqno, icmp, table_factory, &opened);
  if (s.ok()) *reader = opened.get();  // the cache keeps it
  return s;
}

std::shared_ptr<TableReader> TableCache::Lookup(uint64_t number) {
  port::MutexLock l(&mu_);
  auto it = readers_.find(number);
  return it == readers_.end() ? nullptr : it->second;
}

Status TableCache::Open(uint64_t number, uint64_t file_size,
                        SequenceNumber largest_seqno,
                        const InternalKeyComparator* icmp,
                        const TableFactory* table_factory,
                        std::shared_ptr<TableReader>* reader) {
  const std::string fname = MakeTableFileName(dbname_, number);
  std::unique_ptr<FSRandomAccessFile> file;
  IOStatus io = fs_->NewRandomAccessFile(fname, FileOptions(), &file, nullptr);
  if (!io.ok()) return std::move(io);
  TableReaderOptions ro;
  ro.icmp = icmp;
  ro.statistics = stats_;
  ro.largest_seqno = largest_seqno;
  if (table_factory != nullptr) {
    ro.block_cache = table_factory->table_options().block_cache;
  }
  std::unique_ptr<TableReader> opened;
  Status s = TableReader::Open(ro, std::move(file), fname, file_size, &opened);
  if (!s.ok()) return s;
  port::MutexLock l(&mu_);
  auto inserted =
      readers_.emplace(number, std::shared_ptr<TableReader>(std::move(opened)));
  *reader = inserted.first->second;
  return Status::OK();
}

void TableCache::Evict(uint64_t number) {
  port::MutexLock l(&mu_);
  readers_.erase(number);
}

InternalIterator* NewTableIterator(std::shared_ptr<TableReader> table,
                                   bool verify_checksums,
                                   ReadaheadOptions readahead) {
  const TableReader* t = table.get();
  return t->NewIterator(verify_checksums, std::move(table), readahead);
}

}  // namespace ROCKSDB_NAMESPACE
