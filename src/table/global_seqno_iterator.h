// The iterator over an ingested table (DB::IngestExternalFile) read at its
// global sequence number: SstFileWriter stores every key with sequence 0,
// and RocksDB 7.8.3 assigns the file one sequence number G at ingestion,
// kept in the MANIFEST (the file's largest_seqno) and, with
// write_global_seqno, in the rocksdb.external_sst_file.global_seqno
// property. Reads see every key of the file with sequence G, so the
// wrapper rewrites keys and translates seeks: a file holds each user key
// once, so the order of its entries does not change. Owns the wrapped
// iterator; not thread-safe.
#ifndef SKYROCKS_TABLE_GLOBAL_SEQNO_ITERATOR_H_
#define SKYROCKS_TABLE_GLOBAL_SEQNO_ITERATOR_H_

#include <string>

#include "rocksdb/table_properties.h"
#include "table/dbformat.h"
#include "table/internal_iterator.h"

namespace ROCKSDB_NAMESPACE {

// REQUIRES: seqno > 0; keys of `inner` are internal keys.
InternalIterator* NewGlobalSeqnoIterator(InternalIterator* inner,
                                         const Comparator* ucmp,
                                         SequenceNumber seqno);

// The table's global sequence number per RocksDB 7.8.3: 0 (none) unless
// user_props mark an external file of version 2; then the
// global_seqno property when non-zero, else largest_seqno.
// Corruption (naming fname) when both are non-zero and differ.
Status ExternalFileGlobalSeqno(const UserCollectedProperties& user_props,
                               SequenceNumber largest_seqno,
                               const std::string& fname, SequenceNumber* seqno);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_TABLE_GLOBAL_SEQNO_ITERATOR_H_
