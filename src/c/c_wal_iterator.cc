// The C API's WAL iterator (rocksdb/c.h, rocksdb_get_updates_since and
// rocksdb_wal_iter_*): forwards to DB::GetUpdatesSince and
// TransactionLogIterator, as RocksDB 7.8.3's c.cc does.
#include <memory>
#include <utility>

#include "c/c_types.h"

namespace ROCKSDB_NAMESPACE {

extern "C" {

rocksdb_wal_iterator_t* rocksdb_get_updates_since(
    rocksdb_t* db, uint64_t seq_number,
    const rocksdb_wal_readoptions_t* options, char** errptr) {
  std::unique_ptr<TransactionLogIterator> iter;
  TransactionLogIterator::ReadOptions ro;
  if (options != nullptr) ro = options->rep;
  if (CApiSaveError(errptr, db->rep->GetUpdatesSince(seq_number, &iter, ro))) {
    return nullptr;
  }
  return new rocksdb_wal_iterator_t{iter.release()};
}

void rocksdb_wal_iter_next(rocksdb_wal_iterator_t* iter) { iter->rep->Next(); }

unsigned char rocksdb_wal_iter_valid(const rocksdb_wal_iterator_t* iter) {
  return iter->rep->Valid();
}

void rocksdb_wal_iter_status(const rocksdb_wal_iterator_t* iter,
                             char** errptr) {
  CApiSaveError(errptr, iter->rep->status());
}

rocksdb_writebatch_t* rocksdb_wal_iter_get_batch(
    const rocksdb_wal_iterator_t* iter, uint64_t* seq) {
  rocksdb_writebatch_t* result = rocksdb_writebatch_create();
  BatchResult batch = iter->rep->GetBatch();
  if (batch.writeBatchPtr) result->rep = std::move(*batch.writeBatchPtr);
  if (seq != nullptr) *seq = batch.sequence;
  return result;
}

void rocksdb_wal_iter_destroy(const rocksdb_wal_iterator_t* iter) {
  delete iter->rep;
  delete iter;
}

}  // extern "C"

}  // namespace ROCKSDB_NAMESPACE
