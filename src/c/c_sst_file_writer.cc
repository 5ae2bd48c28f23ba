// The C API's SstFileWriter (rocksdb/c.h, "SST file writer"): writes an SST
// outside any DB with the options' comparator, table and compression
// settings. Keys must be added in comparator order, as from C++.
#include <string>

#include "c/c_types.h"

namespace ROCKSDB_NAMESPACE {

extern "C" {

rocksdb_envoptions_t* rocksdb_envoptions_create(void) {
  return new rocksdb_envoptions_t;
}

void rocksdb_envoptions_destroy(rocksdb_envoptions_t* opt) { delete opt; }

rocksdb_sstfilewriter_t* rocksdb_sstfilewriter_create(
    const rocksdb_envoptions_t* env, const rocksdb_options_t* io_options) {
  auto* writer = new rocksdb_sstfilewriter_t;
  writer->rep.reset(new SstFileWriter(env->rep, io_options->rep));
  return writer;
}

void rocksdb_sstfilewriter_open(rocksdb_sstfilewriter_t* writer,
                                const char* name, char** errptr) {
  CApiSaveError(errptr, writer->rep->Open(std::string(name)));
}

void rocksdb_sstfilewriter_put(rocksdb_sstfilewriter_t* writer,
                               const char* key, size_t keylen, const char* val,
                               size_t vallen, char** errptr) {
  CApiSaveError(errptr,
                writer->rep->Put(Slice(key, keylen), Slice(val, vallen)));
}

void rocksdb_sstfilewriter_merge(rocksdb_sstfilewriter_t* writer,
                                 const char* key, size_t keylen,
                                 const char* val, size_t vallen,
                                 char** errptr) {
  CApiSaveError(errptr,
                writer->rep->Merge(Slice(key, keylen), Slice(val, vallen)));
}

void rocksdb_sstfilewriter_delete(rocksdb_sstfilewriter_t* writer,
                                  const char* key, size_t keylen,
                                  char** errptr) {
  CApiSaveError(errptr, writer->rep->Delete(Slice(key, keylen)));
}

void rocksdb_sstfilewriter_delete_range(rocksdb_sstfilewriter_t* writer,
                                        const char* begin_key,
                                        size_t begin_keylen,
                                        const char* end_key, size_t end_keylen,
                                        char** errptr) {
  CApiSaveError(errptr, writer->rep->DeleteRange(Slice(begin_key, begin_keylen),
                                                 Slice(end_key, end_keylen)));
}

void rocksdb_sstfilewriter_finish(rocksdb_sstfilewriter_t* writer,
                                  char** errptr) {
  CApiSaveError(errptr, writer->rep->Finish());
}

void rocksdb_sstfilewriter_file_size(rocksdb_sstfilewriter_t* writer,
                                     uint64_t* file_size) {
  *file_size = writer->rep->FileSize();
}

void rocksdb_sstfilewriter_destroy(rocksdb_sstfilewriter_t* writer) {
  delete writer;
}

}  // extern "C"

}  // namespace ROCKSDB_NAMESPACE
