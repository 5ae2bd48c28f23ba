// Names of the files in a DB directory, as RocksDB 7.8.3 names them
// (doc/manifest_format.md, "Files of a DB directory"): NNNNNN.log (WAL),
// NNNNNN.sst (table; .ldb accepted), NNNNNN.blob, MANIFEST-NNNNNN,
// CURRENT, IDENTITY, LOCK, OPTIONS-NNNNNN, NNNNNN.dbtmp / OPTIONS-N.dbtmp,
// LOG and LOG.old.<micros> (info log), METADB-N. Numbers are at least six
// digits, zero-padded. All functions are pure and thread-safe.
#ifndef SKYROCKS_DB_FILENAME_H_
#define SKYROCKS_DB_FILENAME_H_

#include <cstdint>
#include <string>

#include "rocksdb/rocksdb_namespace.h"
#include "rocksdb/slice.h"
#include "rocksdb/transaction_log.h"
#include "rocksdb/types.h"

namespace ROCKSDB_NAMESPACE {

// "<dbname>/000012.log"
std::string LogFileName(const std::string& dbname, uint64_t number);
// "000012.log"
std::string LogFileName(uint64_t number);
// The directory of the DB's WALs, as RocksDB 7.8.3 resolves
// DBOptions::wal_dir: dbname when wal_dir is empty or names dbname (after
// trailing slashes are dropped), else wal_dir without trailing slashes.
std::string WalDirFor(const std::string& dbname, const std::string& wal_dir);
// "<dbname>/archive"
std::string ArchivalDirectory(const std::string& dbname);
// "<dbname>/archive/000012.log"
std::string ArchivedLogFileName(const std::string& dbname, uint64_t number);
// "<name>/000012.sst"
std::string MakeTableFileName(const std::string& name, uint64_t number);
// "000012.sst"
std::string MakeTableFileName(uint64_t number);
// "<dbname>/000012.blob"
std::string BlobFileName(const std::string& dbname, uint64_t number);
// "<dbname>/MANIFEST-000012"
std::string DescriptorFileName(const std::string& dbname, uint64_t number);
// "MANIFEST-000012"
std::string DescriptorFileName(uint64_t number);
// "<dbname>/CURRENT"
std::string CurrentFileName(const std::string& dbname);
// "<dbname>/LOCK"
std::string LockFileName(const std::string& dbname);
// "<dbname>/000012.dbtmp"
std::string TempFileName(const std::string& dbname, uint64_t number);
// "<dbname>/LOG"
std::string InfoLogFileName(const std::string& dbname);
// "<dbname>/LOG.old.<ts>"
std::string OldInfoLogFileName(const std::string& dbname, uint64_t ts);
// "<dbname>/OPTIONS-000012"
std::string OptionsFileName(const std::string& dbname, uint64_t file_num);
// "<dbname>/OPTIONS-000012.dbtmp"
std::string TempOptionsFileName(const std::string& dbname, uint64_t file_num);
// "<dbname>/IDENTITY"
std::string IdentityFileName(const std::string& dbname);
// "<dbname>/METADB-12"
std::string MetaDatabaseName(const std::string& dbname, uint64_t number);

// Parses a file name (no directory, except "archive/" before a WAL name).
// On success sets *number (0 for CURRENT, IDENTITY, LOCK, LOG; the
// timestamp for LOG.old.<ts>), *type, and *log_type for WALs (if not null).
// False for names that are not DB files, including numbers that overflow.
bool ParseFileName(const std::string& filename, uint64_t* number,
                   FileType* type, WalFileType* log_type = nullptr);

// The CURRENT file's content for MANIFEST number: "MANIFEST-000012\n".
std::string CurrentFileContents(uint64_t manifest_number);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_DB_FILENAME_H_
