// The C API's write batches (rocksdb/c.h, "Write batches"). The *v calls
// take each key (and value) in parts that are concatenated, as RocksDB's
// SliceParts are. As in RocksDB 7.8.3, the batch mutators report no error
// (a batch with max_bytes cannot be made from C), and
// rocksdb_writebatch_iterate reports the default column family's puts and
// deletes only, dropping its Status.
#include <string>

#include "c/c_types.h"

namespace ROCKSDB_NAMESPACE {
namespace {

std::string CApiJoinParts(int num, const char* const* parts,
                          const size_t* sizes) {
  std::string out;
  for (int i = 0; i < num; i++) out.append(parts[i], sizes[i]);
  return out;
}

ColumnFamilyHandle* CApiHandleOf(rocksdb_column_family_handle_t* cf) {
  return cf == nullptr ? nullptr : cf->rep;
}

class CApiBatchHandler : public WriteBatch::Handler {
 public:
  CApiBatchHandler(void* state,
                   void (*put)(void*, const char* k, size_t klen,
                               const char* v, size_t vlen),
                   void (*deleted)(void*, const char* k, size_t klen))
      : state_(state), put_(put), deleted_(deleted) {}

  void Put(const Slice& key, const Slice& value) override {
    (*put_)(state_, key.data(), key.size(), value.data(), value.size());
  }
  void Delete(const Slice& key) override {
    (*deleted_)(state_, key.data(), key.size());
  }

 private:
  void* state_;
  void (*put_)(void*, const char* k, size_t klen, const char* v, size_t vlen);
  void (*deleted_)(void*, const char* k, size_t klen);
};

}  // namespace

extern "C" {

rocksdb_writebatch_t* rocksdb_writebatch_create(void) {
  return new rocksdb_writebatch_t;
}

rocksdb_writebatch_t* rocksdb_writebatch_create_from(const char* rep,
                                                     size_t size) {
  auto* b = new rocksdb_writebatch_t;
  b->rep = WriteBatch(std::string(rep, size));
  return b;
}

void rocksdb_writebatch_destroy(rocksdb_writebatch_t* b) { delete b; }

void rocksdb_writebatch_clear(rocksdb_writebatch_t* b) { b->rep.Clear(); }

int rocksdb_writebatch_count(rocksdb_writebatch_t* b) {
  return static_cast<int>(b->rep.Count());
}

void rocksdb_writebatch_put(rocksdb_writebatch_t* b, const char* key,
                            size_t klen, const char* val, size_t vlen) {
  b->rep.Put(Slice(key, klen), Slice(val, vlen)).PermitUncheckedError();
}

void rocksdb_writebatch_put_cf(rocksdb_writebatch_t* b,
                               rocksdb_column_family_handle_t* column_family,
                               const char* key, size_t klen, const char* val,
                               size_t vlen) {
  b->rep.Put(CApiHandleOf(column_family), Slice(key, klen), Slice(val, vlen))
      .PermitUncheckedError();
}

void rocksdb_writebatch_putv(rocksdb_writebatch_t* b, int num_keys,
                             const char* const* keys_list,
                             const size_t* keys_list_sizes, int num_values,
                             const char* const* values_list,
                             const size_t* values_list_sizes) {
  rocksdb_writebatch_putv_cf(b, nullptr, num_keys, keys_list, keys_list_sizes,
                             num_values, values_list, values_list_sizes);
}

void rocksdb_writebatch_putv_cf(rocksdb_writebatch_t* b,
                                rocksdb_column_family_handle_t* column_family,
                                int num_keys, const char* const* keys_list,
                                const size_t* keys_list_sizes, int num_values,
                                const char* const* values_list,
                                const size_t* values_list_sizes) {
  b->rep
      .Put(CApiHandleOf(column_family),
           CApiJoinParts(num_keys, keys_list, keys_list_sizes),
           CApiJoinParts(num_values, values_list, values_list_sizes))
      .PermitUncheckedError();
}

void rocksdb_writebatch_merge(rocksdb_writebatch_t* b, const char* key,
                              size_t klen, const char* val, size_t vlen) {
  b->rep.Merge(Slice(key, klen), Slice(val, vlen)).PermitUncheckedError();
}

void rocksdb_writebatch_merge_cf(rocksdb_writebatch_t* b,
                                 rocksdb_column_family_handle_t* column_family,
                                 const char* key, size_t klen, const char* val,
                                 size_t vlen) {
  b->rep.Merge(CApiHandleOf(column_family), Slice(key, klen), Slice(val, vlen))
      .PermitUncheckedError();
}

void rocksdb_writebatch_mergev(rocksdb_writebatch_t* b, int num_keys,
                               const char* const* keys_list,
                               const size_t* keys_list_sizes, int num_values,
                               const char* const* values_list,
                               const size_t* values_list_sizes) {
  rocksdb_writebatch_mergev_cf(b, nullptr, num_keys, keys_list,
                               keys_list_sizes, num_values, values_list,
                               values_list_sizes);
}

void rocksdb_writebatch_mergev_cf(rocksdb_writebatch_t* b,
                                  rocksdb_column_family_handle_t* column_family,
                                  int num_keys, const char* const* keys_list,
                                  const size_t* keys_list_sizes,
                                  int num_values,
                                  const char* const* values_list,
                                  const size_t* values_list_sizes) {
  b->rep
      .Merge(CApiHandleOf(column_family),
             CApiJoinParts(num_keys, keys_list, keys_list_sizes),
             CApiJoinParts(num_values, values_list, values_list_sizes))
      .PermitUncheckedError();
}

void rocksdb_writebatch_delete(rocksdb_writebatch_t* b, const char* key,
                               size_t klen) {
  b->rep.Delete(Slice(key, klen)).PermitUncheckedError();
}

void rocksdb_writebatch_singledelete(rocksdb_writebatch_t* b, const char* key,
                                     size_t klen) {
  b->rep.SingleDelete(Slice(key, klen)).PermitUncheckedError();
}

void rocksdb_writebatch_delete_cf(rocksdb_writebatch_t* b,
                                  rocksdb_column_family_handle_t* column_family,
                                  const char* key, size_t klen) {
  b->rep.Delete(CApiHandleOf(column_family), Slice(key, klen))
      .PermitUncheckedError();
}

void rocksdb_writebatch_singledelete_cf(
    rocksdb_writebatch_t* b, rocksdb_column_family_handle_t* column_family,
    const char* key, size_t klen) {
  b->rep.SingleDelete(CApiHandleOf(column_family), Slice(key, klen))
      .PermitUncheckedError();
}

void rocksdb_writebatch_deletev(rocksdb_writebatch_t* b, int num_keys,
                                const char* const* keys_list,
                                const size_t* keys_list_sizes) {
  rocksdb_writebatch_deletev_cf(b, nullptr, num_keys, keys_list,
                                keys_list_sizes);
}

void rocksdb_writebatch_deletev_cf(
    rocksdb_writebatch_t* b, rocksdb_column_family_handle_t* column_family,
    int num_keys, const char* const* keys_list, const size_t* keys_list_sizes) {
  b->rep
      .Delete(CApiHandleOf(column_family),
              CApiJoinParts(num_keys, keys_list, keys_list_sizes))
      .PermitUncheckedError();
}

void rocksdb_writebatch_delete_range(rocksdb_writebatch_t* b,
                                     const char* start_key,
                                     size_t start_key_len, const char* end_key,
                                     size_t end_key_len) {
  b->rep
      .DeleteRange(Slice(start_key, start_key_len), Slice(end_key, end_key_len))
      .PermitUncheckedError();
}

void rocksdb_writebatch_delete_range_cf(
    rocksdb_writebatch_t* b, rocksdb_column_family_handle_t* column_family,
    const char* start_key, size_t start_key_len, const char* end_key,
    size_t end_key_len) {
  b->rep
      .DeleteRange(CApiHandleOf(column_family), Slice(start_key, start_key_len),
                   Slice(end_key, end_key_len))
      .PermitUncheckedError();
}

void rocksdb_writebatch_delete_rangev(rocksdb_writebatch_t* b, int num_keys,
                                      const char* const* start_keys_list,
                                      const size_t* start_keys_list_sizes,
                                      const char* const* end_keys_list,
                                      const size_t* end_keys_list_sizes) {
  rocksdb_writebatch_delete_rangev_cf(b, nullptr, num_keys, start_keys_list,
                                      start_keys_list_sizes, end_keys_list,
                                      end_keys_list_sizes);
}

void rocksdb_writebatch_delete_rangev_cf(
    rocksdb_writebatch_t* b, rocksdb_column_family_handle_t* column_family,
    int num_keys, const char* const* start_keys_list,
    const size_t* start_keys_list_sizes, const char* const* end_keys_list,
    const size_t* end_keys_list_sizes) {
  b->rep
      .DeleteRange(
          CApiHandleOf(column_family),
          CApiJoinParts(num_keys, start_keys_list, start_keys_list_sizes),
          CApiJoinParts(num_keys, end_keys_list, end_keys_list_sizes))
      .PermitUncheckedError();
}

void rocksdb_writebatch_put_log_data(rocksdb_writebatch_t* b, const char* blob,
                                     size_t len) {
  b->rep.PutLogData(Slice(blob, len)).PermitUncheckedError();
}

void rocksdb_writebatch_iterate(rocksdb_writebatch_t* b, void* state,
                                void (*put)(void*, const char* k, size_t klen,
                                            const char* v, size_t vlen),
                                void (*deleted)(void*, const char* k,
                                                size_t klen)) {
  CApiBatchHandler handler(state, put, deleted);
  b->rep.Iterate(&handler).PermitUncheckedError();
}

const char* rocksdb_writebatch_data(rocksdb_writebatch_t* b, size_t* size) {
  *size = b->rep.GetDataSize();
  return b->rep.Data().data();
}

void rocksdb_writebatch_set_save_point(rocksdb_writebatch_t* b) {
  b->rep.SetSavePoint();
}

void rocksdb_writebatch_rollback_to_save_point(rocksdb_writebatch_t* b,
                                               char** errptr) {
  CApiSaveError(errptr, b->rep.RollbackToSavePoint());
}

void rocksdb_writebatch_pop_save_point(rocksdb_writebatch_t* b,
                                       char** errptr) {
  CApiSaveError(errptr, b->rep.PopSavePoint());
}

}  // extern "C"

}  // namespace ROCKSDB_NAMESPACE
