// The two commands that read formats the public API does not expose, so
// this file (alone in the tool) includes internals (scripts/check_layers.py,
// TOOLS_USING_INTERNALS):
//   manifest_dump DB|FILE   every VersionEdit of the DB's current MANIFEST
//                           (doc/manifest_format.md), or of a MANIFEST file
//   CloudManifestEpochs     the epochs of a CLOUDMANIFEST, for `info`
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cloud/cloud_manifest.h"
#include "db/log_reader.h"
#include "db/version_edit.h"
#include "env/file_util.h"
#include "rocksdb/file_system.h"
#include "tools/cli/cli.h"

namespace skyrocks_cli {

namespace ROCKS = ROCKSDB_NAMESPACE;

namespace {

// Collects the first damage the log reader reports.
class ManifestDumpReporter : public ROCKS::log::Reader::Reporter {
 public:
  void Corruption(size_t bytes, const Status& s) override {
    if (status.ok()) {
      status = Status::Corruption(s.ToString(),
                                  std::to_string(bytes) + " bytes dropped");
    }
  }
  Status status;
};

// Each VersionEdit of the MANIFEST at path, as DebugString text.
Status ReadManifestEdits(const std::string& path,
                         std::vector<std::string>* edits) {
  auto fs = ROCKS::FileSystem::Default();
  std::unique_ptr<ROCKS::FSSequentialFile> file;
  ROCKS::IOStatus io =
      fs->NewSequentialFile(path, ROCKS::FileOptions(), &file, nullptr);
  if (io.IsPathNotFound() || io.IsNotFound()) {
    return Status::NotFound("no MANIFEST at " + path);
  }
  if (!io.ok()) return std::move(io);
  ManifestDumpReporter reporter;
  ROCKS::log::Reader reader(std::move(file), path, &reporter, true, 0);
  ROCKS::Slice record;
  std::string scratch;
  while (reader.ReadRecord(&record, &scratch,
                           ROCKS::log::RecoveryMode::kAbsoluteConsistency)) {
    ROCKS::VersionEdit edit;
    Status s = edit.DecodeFrom(record);
    if (!s.ok()) {
      return Status::Corruption(
          path + ": edit " + std::to_string(edits->size() + 1), s.ToString());
    }
    edits->push_back(edit.DebugString());
  }
  return reporter.status;
}

bool IsRegularFile(const std::string& path) {
  bool dir = false;
  return ROCKS::FileSystem::Default()
             ->FileExists(path, ROCKS::IOOptions(), nullptr)
             .ok() &&
         ROCKS::FileSystem::Default()
             ->IsDirectory(path, ROCKS::IOOptions(), &dir, nullptr)
             .ok() &&
         !dir;
}

}  // namespace

Status CloudManifestEpochs(
    const std::string& path, std::string* current,
    std::vector<std::pair<uint64_t, std::string>>* past) {
  std::unique_ptr<ROCKS::CloudManifest> cm;
  Status s = ROCKS::CloudManifest::LoadFromFile(
      ROCKS::FileSystem::Default().get(), path, &cm);
  if (!s.ok()) return s;
  *current = cm->current_epoch();
  *past = cm->past_epochs();
  return Status::OK();
}

int CmdManifestDump(const Args& args) {
  std::string spec = args.Get("db");
  if (spec.empty() && args.positional.size() == 1) spec = args.positional[0];
  if (spec.empty() || args.positional.size() > (args.Has("db") ? 0 : 1)) {
    return Fail(args, Status::InvalidArgument(
                          "usage: skyrocks manifest_dump DB|MANIFEST_FILE"));
  }
  std::string path, shown;  // the file read, and its name for the user
  OpenDb db;
  Location loc;
  Status s = ParseLocation(args, spec, false, "", &loc);
  if (s.ok() && loc.cloud()) {
    // The open fetches the current MANIFEST into the cache directory.
    s = OpenLocation(args, loc, nullptr, false, &db);
    std::vector<std::string> ssts;
    std::string manifest;
    if (s.ok())
      s = db.cfs()->FindAllLiveFiles(db.local_dir(), &ssts, &manifest);
    path = db.local_dir() + "/" + manifest;
    shown = loc.url + "/" + manifest;
  } else if (s.ok() && IsRegularFile(spec)) {
    path = spec;
  } else if (s.ok()) {
    std::string current;
    s = ROCKS::ReadFileToString(ROCKS::FileSystem::Default().get(),
                                spec + "/CURRENT", &current);
    if (!s.ok()) s = Status::NotFound(spec + ": not a DB (no CURRENT)");
    while (!current.empty() && current.back() == '\n') current.pop_back();
    path = spec + "/" + current;
  }
  std::vector<std::string> edits;
  if (s.ok()) s = ReadManifestEdits(path, &edits);
  if (!s.ok()) return Fail(args, s);
  if (shown.empty()) shown = path;
  if (args.json()) {
    std::string out;
    for (const auto& e : edits) out += (out.empty() ? "" : ",") + JsonStr(e);
    std::printf("{\"manifest\":%s,\"edits\":[%s]}\n", JsonStr(shown).c_str(),
                out.c_str());
  } else {
    std::printf("%s: %zu edits\n", shown.c_str(), edits.size());
    for (const auto& e : edits) std::printf("%s\n", e.c_str());
  }
  return kExitOk;
}

}  // namespace skyrocks_cli
