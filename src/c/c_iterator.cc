// The C API's iterators and snapshots (rocksdb/c.h, "Iterators and
// snapshots"): thin forwards to Iterator and DB::GetSnapshot. Keys and
// values returned by rocksdb_iter_key/value stay valid until the iterator
// moves or is destroyed, as in RocksDB.
#include <string>
#include <vector>

#include "c/c_types.h"

namespace ROCKSDB_NAMESPACE {

extern "C" {

rocksdb_iterator_t* rocksdb_create_iterator(
    rocksdb_t* db, const rocksdb_readoptions_t* options) {
  return new rocksdb_iterator_t{db->rep->NewIterator(options->rep)};
}

rocksdb_iterator_t* rocksdb_create_iterator_cf(
    rocksdb_t* db, const rocksdb_readoptions_t* options,
    rocksdb_column_family_handle_t* column_family) {
  return new rocksdb_iterator_t{
      db->rep->NewIterator(options->rep, column_family->rep)};
}

void rocksdb_create_iterators(rocksdb_t* db, rocksdb_readoptions_t* opts,
                              rocksdb_column_family_handle_t** column_families,
                              rocksdb_iterator_t** iterators, size_t size,
                              char** errptr) {
  std::vector<ColumnFamilyHandle*> cfs;
  for (size_t i = 0; i < size; i++) cfs.push_back(column_families[i]->rep);
  std::vector<Iterator*> its;
  if (CApiSaveError(errptr, db->rep->NewIterators(opts->rep, cfs, &its))) {
    return;
  }
  for (size_t i = 0; i < size; i++) iterators[i] = new rocksdb_iterator_t{its[i]};
}

void rocksdb_iter_destroy(rocksdb_iterator_t* iter) {
  delete iter->rep;
  delete iter;
}

unsigned char rocksdb_iter_valid(const rocksdb_iterator_t* iter) {
  return iter->rep->Valid();
}

void rocksdb_iter_seek_to_first(rocksdb_iterator_t* iter) {
  iter->rep->SeekToFirst();
}

void rocksdb_iter_seek_to_last(rocksdb_iterator_t* iter) {
  iter->rep->SeekToLast();
}

void rocksdb_iter_seek(rocksdb_iterator_t* iter, const char* k, size_t klen) {
  iter->rep->Seek(Slice(k, klen));
}

void rocksdb_iter_seek_for_prev(rocksdb_iterator_t* iter, const char* k,
                                size_t klen) {
  iter->rep->SeekForPrev(Slice(k, klen));
}

void rocksdb_iter_next(rocksdb_iterator_t* iter) { iter->rep->Next(); }

void rocksdb_iter_prev(rocksdb_iterator_t* iter) { iter->rep->Prev(); }

const char* rocksdb_iter_key(const rocksdb_iterator_t* iter, size_t* klen) {
  Slice s = iter->rep->key();
  *klen = s.size();
  return s.data();
}

const char* rocksdb_iter_value(const rocksdb_iterator_t* iter, size_t* vlen) {
  Slice s = iter->rep->value();
  *vlen = s.size();
  return s.data();
}

void rocksdb_iter_get_error(const rocksdb_iterator_t* iter, char** errptr) {
  CApiSaveError(errptr, iter->rep->status());
}

const rocksdb_snapshot_t* rocksdb_create_snapshot(rocksdb_t* db) {
  return new rocksdb_snapshot_t{db->rep->GetSnapshot()};
}

void rocksdb_release_snapshot(rocksdb_t* db,
                              const rocksdb_snapshot_t* snapshot) {
  db->rep->ReleaseSnapshot(snapshot->rep);
  delete snapshot;
}

uint64_t rocksdb_get_latest_sequence_number(rocksdb_t* db) {
  return db->rep->GetLatestSequenceNumber();
}

}  // extern "C"

}  // namespace ROCKSDB_NAMESPACE
