// The C API's SstFileWriter (rocksdb/c.h, "SST file writer"): writes an SST
// outside any DB with the options' comparator, table and compression
// settings. Keys must be added in comparator order, as from C++. Also
// ingesting such files ("Ingesting external SST files").
#include <string>
#include <vector>

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

rocksdb_ingestexternalfileoptions_t* rocksdb_ingestexternalfileoptions_create(
    void) {
  return new rocksdb_ingestexternalfileoptions_t;
}

void rocksdb_ingestexternalfileoptions_set_move_files(
    rocksdb_ingestexternalfileoptions_t* opt, unsigned char move_files) {
  opt->rep.move_files = move_files != 0;
}

void rocksdb_ingestexternalfileoptions_set_snapshot_consistency(
    rocksdb_ingestexternalfileoptions_t* opt,
    unsigned char snapshot_consistency) {
  opt->rep.snapshot_consistency = snapshot_consistency != 0;
}

void rocksdb_ingestexternalfileoptions_set_allow_global_seqno(
    rocksdb_ingestexternalfileoptions_t* opt,
    unsigned char allow_global_seqno) {
  opt->rep.allow_global_seqno = allow_global_seqno != 0;
}

void rocksdb_ingestexternalfileoptions_set_allow_blocking_flush(
    rocksdb_ingestexternalfileoptions_t* opt,
    unsigned char allow_blocking_flush) {
  opt->rep.allow_blocking_flush = allow_blocking_flush != 0;
}

void rocksdb_ingestexternalfileoptions_set_ingest_behind(
    rocksdb_ingestexternalfileoptions_t* opt, unsigned char ingest_behind) {
  opt->rep.ingest_behind = ingest_behind != 0;
}

void rocksdb_ingestexternalfileoptions_destroy(
    rocksdb_ingestexternalfileoptions_t* opt) {
  delete opt;
}

void rocksdb_ingest_external_file(
    rocksdb_t* db, const char* const* file_list, const size_t list_len,
    const rocksdb_ingestexternalfileoptions_t* opt, char** errptr) {
  std::vector<std::string> files(file_list, file_list + list_len);
  CApiSaveError(errptr, db->rep->IngestExternalFile(files, opt->rep));
}

void rocksdb_ingest_external_file_cf(
    rocksdb_t* db, rocksdb_column_family_handle_t* handle,
    const char* const* file_list, const size_t list_len,
    const rocksdb_ingestexternalfileoptions_t* opt, char** errptr) {
  std::vector<std::string> files(file_list, file_list + list_len);
  CApiSaveError(errptr,
                db->rep->IngestExternalFile(handle->rep, files, opt->rep));
}

}  // extern "C"

}  // namespace ROCKSDB_NAMESPACE
