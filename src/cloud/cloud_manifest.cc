// CloudManifest; see cloud/cloud_manifest.h for the format.
#include "cloud/cloud_manifest.h"

#include <algorithm>
#include <map>
#include <set>

#include "db/log_reader.h"
#include "db/log_writer.h"
#include "db/version_edit.h"
#include "util/coding.h"

namespace ROCKSDB_NAMESPACE {

namespace {

enum CloudManifestTag : uint32_t { kCmPastEpoch = 1, kCmCurrentEpoch = 2 };
const uint32_t kCloudManifestVersion = 1;

class CloudManifestReporter : public log::Reader::Reporter {
 public:
  void Corruption(size_t /*bytes*/, const Status& s) override {
    if (status.ok()) status = s;
  }
  Status status;
};

}  // namespace

Status CloudManifest::LoadFromFile(FileSystem* fs, const std::string& fname,
                                   std::unique_ptr<CloudManifest>* result) {
  std::unique_ptr<FSSequentialFile> file;
  IOStatus io = fs->NewSequentialFile(fname, FileOptions(), &file, nullptr);
  if (!io.ok()) return std::move(io);
  CloudManifestReporter reporter;
  log::Reader reader(std::move(file), fname, &reporter, true, 0);
  Slice record;
  std::string scratch;
  auto bad = [&](const std::string& why) {
    return Status::Corruption(fname, "CLOUDMANIFEST: " + why);
  };
  if (!reader.ReadRecord(&record, &scratch,
                         log::RecoveryMode::kAbsoluteConsistency)) {
    if (!reporter.status.ok()) return bad(reporter.status.ToString());
    return bad("empty file");
  }
  uint32_t version = 0, count = 0;
  if (!GetVarint32(&record, &version) || !GetVarint32(&record, &count)) {
    return bad("bad header");
  }
  if (version != kCloudManifestVersion) {
    return bad("unknown format version " + std::to_string(version));
  }
  std::vector<std::pair<uint64_t, std::string>> past;
  std::string current;
  bool have_current = false;
  uint32_t seen = 0;
  while (reader.ReadRecord(&record, &scratch,
                           log::RecoveryMode::kAbsoluteConsistency)) {
    seen++;
    uint32_t tag = 0;
    Slice epoch;
    if (!GetVarint32(&record, &tag) ||
        !GetLengthPrefixedSlice(&record, &epoch)) {
      return bad("bad record " + std::to_string(seen));
    }
    if (tag == kCmPastEpoch) {
      uint64_t boundary = 0;
      if (!GetVarint64(&record, &boundary)) return bad("bad past epoch");
      if (!past.empty() && boundary < past.back().first) {
        return bad("past epochs out of order");
      }
      past.emplace_back(boundary, epoch.ToString());
    } else if (tag == kCmCurrentEpoch) {
      if (have_current) return bad("two current epochs");
      have_current = true;
      current = epoch.ToString();
    } else {
      return bad("unknown tag " + std::to_string(tag));
    }
  }
  if (!reporter.status.ok()) return bad(reporter.status.ToString());
  if (seen != count) {
    return bad("header announces " + std::to_string(count) +
               " records, file has " + std::to_string(seen));
  }
  if (!have_current) return bad("no current epoch");
  auto cm = std::make_unique<CloudManifest>(current);
  {
    port::MutexLock l(&cm->mu_);
    cm->past_ = std::move(past);
  }
  *result = std::move(cm);
  return Status::OK();
}

Status CloudManifest::WriteToFile(FileSystem* fs,
                                  const std::string& fname) const {
  std::vector<std::string> records;
  {
    port::MutexLock l(&mu_);
    std::string header;
    PutVarint32(&header, kCloudManifestVersion);
    PutVarint32(&header, static_cast<uint32_t>(past_.size() + 1));
    records.push_back(header);
    for (const auto& p : past_) {
      std::string r;
      PutVarint32(&r, kCmPastEpoch);
      PutLengthPrefixedSlice(&r, p.second);
      PutVarint64(&r, p.first);
      records.push_back(r);
    }
    std::string r;
    PutVarint32(&r, kCmCurrentEpoch);
    PutLengthPrefixedSlice(&r, current_epoch_);
    records.push_back(r);
  }
  const std::string tmp = fname + ".tmp";
  std::unique_ptr<FSWritableFile> file;
  IOStatus io = fs->NewWritableFile(tmp, FileOptions(), &file, nullptr);
  if (!io.ok()) return std::move(io);
  {
    log::Writer writer(std::move(file), 0, false);
    for (const std::string& r : records) {
      if (io.ok()) io = writer.AddRecord(r);
    }
    if (io.ok()) io = writer.Sync();
    IOStatus c = writer.Close();
    if (io.ok()) io = c;
  }
  if (io.ok()) io = fs->RenameFile(tmp, fname, IOOptions(), nullptr);
  if (!io.ok()) {
    fs->DeleteFile(tmp, IOOptions(), nullptr).PermitUncheckedError();
  }
  return std::move(io);
}

Status ReadManifestLiveFiles(FileSystem* fs, const std::string& local_manifest,
                             std::vector<uint64_t>* live_numbers,
                             uint64_t* next_file_number,
                             uint64_t* min_log_number) {
  std::unique_ptr<FSSequentialFile> file;
  IOStatus io =
      fs->NewSequentialFile(local_manifest, FileOptions(), &file, nullptr);
  if (!io.ok()) return std::move(io);
  CloudManifestReporter reporter;
  log::Reader reader(std::move(file), local_manifest, &reporter, true, 0);
  std::map<uint32_t, std::set<uint64_t>> live;  // column family -> files
  live[0];
  std::map<uint32_t, uint64_t> log_numbers;  // column family -> log number
  uint64_t next = 0, prev_log = 0;
  Slice record;
  std::string scratch;
  while (reader.ReadRecord(&record, &scratch,
                           log::RecoveryMode::kAbsoluteConsistency)) {
    VersionEdit edit;
    Status s = edit.DecodeFrom(record);
    if (!s.ok()) return Status::Corruption(local_manifest, s.ToString());
    const uint32_t cf = edit.GetColumnFamily();
    if (edit.IsColumnFamilyDrop()) {
      live.erase(cf);
      log_numbers.erase(cf);
      continue;
    }
    if (edit.HasLogNumber()) log_numbers[cf] = edit.GetLogNumber();
    if (edit.HasPrevLogNumber()) prev_log = edit.GetPrevLogNumber();
    for (const auto& d : edit.GetDeletedFiles()) live[cf].erase(d.second);
    for (const auto& f : edit.GetNewFiles()) live[cf].insert(f.second.number);
    if (edit.HasNextFile()) next = edit.GetNextFile();
  }
  if (!reporter.status.ok()) {
    return Status::Corruption(local_manifest, reporter.status.ToString());
  }
  if (next == 0) {
    return Status::Corruption(local_manifest,
                              "MANIFEST records no next file number");
  }
  if (live_numbers != nullptr) {
    for (const auto& c : live) {
      live_numbers->insert(live_numbers->end(), c.second.begin(),
                           c.second.end());
    }
  }
  *next_file_number = next;
  if (min_log_number != nullptr) {
    uint64_t min_log = UINT64_MAX;
    for (const auto& c : live) {
      auto it = log_numbers.find(c.first);
      min_log = std::min(min_log, it == log_numbers.end() ? 0 : it->second);
    }
    if (prev_log != 0) min_log = std::min(min_log, prev_log);
    *min_log_number = min_log == UINT64_MAX ? 0 : min_log;
  }
  return Status::OK();
}

std::string CloudManifest::GetEpoch(uint64_t n) const {
  port::MutexLock l(&mu_);
  for (const auto& p : past_) {
    if (p.first > n) return p.second;
  }
  return current_epoch_;
}

std::string CloudManifest::current_epoch() const {
  port::MutexLock l(&mu_);
  return current_epoch_;
}

std::vector<std::pair<uint64_t, std::string>> CloudManifest::past_epochs()
    const {
  port::MutexLock l(&mu_);
  return past_;
}

bool CloudManifest::AddEpoch(uint64_t start, const std::string& epoch) {
  port::MutexLock l(&mu_);
  if (!past_.empty()) {
    if (start < past_.back().first) return false;
    if (start == past_.back().first && epoch == current_epoch_) return false;
  }
  past_.emplace_back(start, current_epoch_);
  current_epoch_ = epoch;
  return true;
}

std::unique_ptr<CloudManifest> CloudManifest::Clone() const {
  port::MutexLock l(&mu_);
  auto c = std::make_unique<CloudManifest>(current_epoch_);
  port::MutexLock cl(&c->mu_);  // not shared yet: for the analysis
  c->past_ = past_;
  return c;
}

}  // namespace ROCKSDB_NAMESPACE
