// CloudManifest: RocksDB-Cloud's CLOUDMANIFEST, which says which writer
// epoch owns each file number (doc/cloud_layout.md, "CLOUDMANIFEST"). Past
// epochs are (boundary, epoch) pairs, boundary the exclusive end of that epoch's
// file numbers; numbers at or above the last boundary belong to the
// current epoch. Stored in the log format (db/log_writer.h), one record per
// entry: header {varint32 version=1, varint32 count}, past epochs
// {varint32 1, length-prefixed epoch, varint64 boundary}, current epoch
// {varint32 2, length-prefixed epoch}.
//
// Thread-safe: lookups may run while an epoch is added.
#ifndef SKYROCKS_CLOUD_CLOUD_MANIFEST_H_
#define SKYROCKS_CLOUD_CLOUD_MANIFEST_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "port/mutex.h"
#include "rocksdb/file_system.h"
#include "rocksdb/status.h"

namespace ROCKSDB_NAMESPACE {

class CloudManifest {
 public:
  explicit CloudManifest(std::string current_epoch)
      : current_epoch_(std::move(current_epoch)) {}
  CloudManifest(const CloudManifest&) = delete;
  CloudManifest& operator=(const CloudManifest&) = delete;

  // Reads the CLOUDMANIFEST at fname from fs; Corruption (naming fname)
  // for a damaged, empty or inconsistent file.
  static Status LoadFromFile(FileSystem* fs, const std::string& fname,
                             std::unique_ptr<CloudManifest>* result);
  // Writes it to fname atomically (tmp file, sync, rename).
  Status WriteToFile(FileSystem* fs, const std::string& fname) const;

  // The epoch owning file number n.
  std::string GetEpoch(uint64_t n) const;
  std::string current_epoch() const;
  std::vector<std::pair<uint64_t, std::string>> past_epochs() const;
  // Files numbered >= start belong to epoch from now on. False (nothing
  // changes) when start is below the last boundary or the same transition
  // is already the last one (replaying a delta).
  bool AddEpoch(uint64_t start, const std::string& epoch);
  std::unique_ptr<CloudManifest> Clone() const;

 private:
  mutable port::Mutex mu_;
  // (boundary, epoch)
  std::vector<std::pair<uint64_t, std::string>> past_ SKYROCKS_GUARDED_BY(mu_);
  std::string current_epoch_ SKYROCKS_GUARDED_BY(mu_);
};

// Reads a RocksDB MANIFEST (the one a CLOUDMANIFEST names): the numbers of
// its live SSTs over all live column families (optional) and its last
// NextFileNumber, from which the next epoch starts; *min_log_number
// (optional): the oldest WAL the DB may still replay (the smallest log
// number of a live column family, or the previous log number when one is
// set and smaller). Corruption names the file.
Status ReadManifestLiveFiles(FileSystem* fs, const std::string& manifest,
                             std::vector<uint64_t>* live_numbers,
                             uint64_t* next_file_number,
                             uint64_t* min_log_number = nullptr);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_CLOUD_MANIFEST_H_
