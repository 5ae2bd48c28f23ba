// TableCache: the open TableReaders of one DB's SST files, by file number,
// shared by reads, iterators and flushes. A reader is opened on first use
// (footer, index and filter read then) and kept until Evict (when the file
// is deleted) or the cache is destroyed. Data blocks go through the block
// cache of the column family's table factory (BlockBasedTableOptions::
// block_cache; none with no_block_cache), as in RocksDB. Thread-safe.
#ifndef SKYROCKS_DB_TABLE_CACHE_H_
#define SKYROCKS_DB_TABLE_CACHE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include "port/mutex.h"
#include "rocksdb/cache.h"
#include "rocksdb/file_system.h"
#include "rocksdb/table.h"
#include "table/dbformat.h"
#include "table/table_reader.h"

namespace ROCKSDB_NAMESPACE {

class TableCache {
 public:
  // fs (and stats, which may be null: the readers' tickers) must outlive
  // the cache.
  TableCache(std::string dbname, FileSystem* fs, Statistics* stats = nullptr);
  TableCache(const TableCache&) = delete;
  TableCache& operator=(const TableCache&) = delete;

  // The reader of file `number` (file_size bytes), opening it if needed.
  // largest_seqno: the MANIFEST's, the global sequence number of an
  // ingested file (TableReaderOptions).
  // icmp must be the comparator of the file's column family and outlive
  // the cache; table_factory is that column family's (its block cache
  // serves the reader; it is read only when the file is opened).
  Status Get(uint64_t number, uint64_t file_size, SequenceNumber largest_seqno,
             const InternalKeyComparator* icmp,
             const TableFactory* table_factory,
             std::shared_ptr<TableReader>* reader);
  // As above without taking a reference (no atomic reference-count
  // traffic per point lookup): *reader stays valid until Evict(number),
  // so the caller must hold a Version that lists the file.
  Status Get(uint64_t number, uint64_t file_size, SequenceNumber largest_seqno,
             const InternalKeyComparator* icmp,
             const TableFactory* table_factory, TableReader** reader);
  // The reader of file `number` if it is already open, else null; never
  // opens a file (no I/O). A reference: Evict from another thread may
  // run while the caller reads it.
  std::shared_ptr<TableReader> Lookup(uint64_t number);
  void Evict(uint64_t number);

 private:
  // Opens the reader and adds it (or the one a racing thread added).
  Status Open(uint64_t number, uint64_t file_size, SequenceNumber largest_seqno,
              const InternalKeyComparator* icmp,
              const TableFactory* table_factory,
              std::shared_ptr<TableReader>* reader);

  const std::string dbname_;
  FileSystem* const fs_;
  Statistics* const stats_;
  port::Mutex mu_;
  std::unordered_map<uint64_t, std::shared_ptr<TableReader>> readers_
      SKYROCKS_GUARDED_BY(mu_);
};

// The table's iterator, keeping the table open (even after Evict) while the
// iterator lives; readahead as TableReader::NewIterator's (user scans pass
// ScanReadahead, compactions kCompactionReadahead: table/readahead.h).
InternalIterator* NewTableIterator(
    std::shared_ptr<TableReader> table, bool verify_checksums,
    ReadaheadOptions readahead = ReadaheadOptions());

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_TABLE_CACHE_H_
