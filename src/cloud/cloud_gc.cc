// Garbage collection of bucket paths; see cloud/cloud_gc.h.
#include "cloud/cloud_gc.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "cloud/bucket_wal.h"
#include "cloud/clone_refs.h"
#include "cloud/cloud_manifest.h"
#include "cloud/cloud_names.h"
#include "cloud/writer_fence.h"
#include "env/file_util.h"

namespace ROCKSDB_NAMESPACE {

const char kDroppedObject[] = "DROPPED";

namespace {

constexpr uint64_t kSealKeepMicros = 60ull * 1000 * 1000;

uint64_t WallNowMicros() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::system_clock::now().time_since_epoch())
          .count());
}

// A CLOUDMANIFEST of the path and what the MANIFEST it names keeps.
struct CmState {
  std::unique_ptr<CloudManifest> cm;
  std::set<uint64_t> live;
  uint64_t min_log = 0;
  uint64_t written = 0;  // the later upload of the two
};

// A clone's reference to the path's objects.
struct RefState {
  ObjectMeta meta;
  CloneRefOwner clone;
  std::set<std::string> names;
  bool protects = true;  // false: the clone is gone
  std::string why;       // why it is gone
};

// What a listing of a path shows about the DB there.
struct PathShape {
  bool has_cm = false, dropped = false, db_files = false, refs = false;
  bool empty = true;
  uint64_t dropped_at = 0;
};

class GcPass {
 public:
  GcPass(const CloudGcOptions& options, uint64_t min_age,
         const GcStoreOpener& open_store, CloudGcReport* report)
      : options_(options),
        min_age_(min_age),
        grace_(static_cast<uint64_t>(options.creation_grace.count()) *
               1000000),
        open_store_(open_store),
        report_(report),
        now_(WallNowMicros()) {}

  void Collect(const GcPath& p, int depth);
  Status first_error() const { return first_error_; }

 private:
  std::string Where(const GcPath& p) const {
    return "bucket " + p.bucket + " path " + p.path;
  }
  void Note(const std::string& what, const Status& s) {
    report_->notes.push_back(what + ": " + s.ToString());
    if (first_error_.ok()) first_error_ = s;
  }
  IOStatus Shape(const GcPath& p, PathShape* shape);
  IOStatus ReadCm(const GcPath& p, const std::string& name,
                  const std::map<std::string, ObjectMeta>& top, CmState* out);
  IOStatus ReadRefs(const GcPath& p, std::vector<RefState>* refs);
  void Garbage(const GcPath& p, const ObjectMeta& o, const std::string& reason,
               uint64_t eligible, std::vector<CloudGcObject>* out);
  // Deletes what is due of `garbage`; DeleteMany per path.
  void DeleteDue(const GcPath& p, std::vector<CloudGcObject>* garbage);

  const CloudGcOptions& options_;
  const uint64_t min_age_, grace_;
  const GcStoreOpener& open_store_;
  CloudGcReport* report_;
  const uint64_t now_;
  std::set<std::string> visited_;
  Status first_error_;
};

// Parses bytes read from a bucket with the file readers, through an
// in-memory file system.
Status ParseCloudManifestData(const std::string& where,
                              const std::string& data,
                              std::unique_ptr<CloudManifest>* cm) {
  std::shared_ptr<FileSystem> mem = NewMemFileSystem();
  IOStatus io = ReplaceFileAtomically(mem.get(), "/CLOUDMANIFEST",
                                      "/CLOUDMANIFEST.tmp", data, false);
  if (!io.ok()) return std::move(io);
  Status s = CloudManifest::LoadFromFile(mem.get(), "/CLOUDMANIFEST", cm);
  return s.ok() ? s : Status::Corruption(where, s.ToString());
}

Status ParseManifestData(const std::string& where, const std::string& data,
                         CmState* out) {
  std::shared_ptr<FileSystem> mem = NewMemFileSystem();
  IOStatus io = ReplaceFileAtomically(mem.get(), "/MANIFEST", "/MANIFEST.tmp",
                                      data, false);
  if (!io.ok()) return std::move(io);
  std::vector<uint64_t> live;
  uint64_t next = 0;
  Status s = ReadManifestLiveFiles(mem.get(), "/MANIFEST", &live, &next,
                                   &out->min_log);
  if (!s.ok()) return Status::Corruption(where, s.ToString());
  out->live.insert(live.begin(), live.end());
  return Status::OK();
}

// The epoch of a physical SST name ("000012.sst-ab" -> "ab", no suffix:
// "").
std::string SstEpoch(const std::string& name) {
  const size_t dash = name.rfind('-');
  const size_t dot = name.rfind('.');
  return dash == std::string::npos || dash < dot ? std::string()
                                                 : name.substr(dash + 1);
}

// A full, checked read: the body must have the listed size.
IOStatus GetWhole(ObjectStore* store, const ObjectMeta& meta,
                  std::string* data) {
  IOStatus s = store->Get(meta.key, data);
  if (s.ok() && data->size() != meta.size) {
    s = IOStatus::IOError(meta.key, "short or changed read: got " +
                                        std::to_string(data->size()) +
                                        " bytes of " +
                                        std::to_string(meta.size));
  }
  return s;
}

IOStatus GcPass::Shape(const GcPath& p, PathShape* shape) {
  std::vector<ObjectMeta> objects;
  std::vector<std::string> dirs;
  const std::string prefix = ObjectPrefix(p.path);
  IOStatus s = p.store->ListDelimited(prefix, "/", &objects, &dirs);
  if (!s.ok()) return s;
  shape->empty = objects.empty() && dirs.empty();
  for (const ObjectMeta& o : objects) {
    const std::string n = o.key.substr(prefix.size());
    const CloudFileKind kind = ClassifyCloudFile(n);
    if (kind == CloudFileKind::kCloudManifest &&
        n.find(".tmp") == std::string::npos) {
      shape->has_cm = true;
    } else if (kind == CloudFileKind::kSst) {
      shape->db_files = true;
    } else if (n == kDroppedObject) {
      shape->dropped = true;
      shape->dropped_at = o.mtime_micros;
    }
  }
  for (const std::string& d : dirs) {
    if (d == prefix + "wal/") shape->db_files = true;
    if (d == prefix + "refs/") shape->refs = true;
  }
  return IOStatus::OK();
}

IOStatus GcPass::ReadCm(const GcPath& p, const std::string& name,
                        const std::map<std::string, ObjectMeta>& top,
                        CmState* out) {
  std::string data;
  const ObjectMeta& cm_meta = top.at(name);
  IOStatus s = GetWhole(p.store.get(), cm_meta, &data);
  if (!s.ok()) return s;
  Status ps = ParseCloudManifestData(Where(p) + " " + name, data, &out->cm);
  if (!ps.ok()) return IOStatus::Corruption(ps.ToString());
  const std::string manifest = ManifestWithEpoch(out->cm->current_epoch());
  auto it = top.find(manifest);
  if (it == top.end()) {
    return IOStatus::Corruption(Where(p), name + " names " + manifest +
                                              ", which is missing");
  }
  s = GetWhole(p.store.get(), it->second, &data);
  if (!s.ok()) return s;
  ps = ParseManifestData(Where(p) + " " + manifest, data, out);
  if (!ps.ok()) return IOStatus::Corruption(ps.ToString());
  out->written = std::max(cm_meta.mtime_micros, it->second.mtime_micros);
  return IOStatus::OK();
}

IOStatus GcPass::ReadRefs(const GcPath& p, std::vector<RefState>* refs) {
  std::vector<ObjectMeta> objects;
  IOStatus s = p.store->List(ObjectPrefix(p.path) + "refs/", &objects);
  if (!s.ok()) return s;
  for (const ObjectMeta& o : objects) {
    RefState r;
    r.meta = o;
    std::string body;
    s = p.store->Get(o.key, &body);
    if (s.IsNotFound()) continue;  // released meanwhile
    if (s.ok()) s = ParseCloneRef(o.key, body, &r.names, &r.clone);
    if (!s.ok()) return s;
    std::shared_ptr<ObjectStore> store;
    s = open_store_(r.clone.bucket, r.clone.region, &store);
    if (!s.ok()) return s;
    PathShape clone;
    s = Shape({store, r.clone.bucket, r.clone.path}, &clone);
    if (!s.ok()) return s;
    if (clone.has_cm) {
      r.protects = true;
    } else if (clone.dropped) {
      // A dropped clone with clones of its own still reads through here.
      r.protects = clone.refs;
      r.why = "its clone (bucket " + r.clone.bucket + " path " +
              r.clone.path + ") was dropped";
    } else {
      // Being created, or its creation died; a clone with DB files but no
      // CLOUDMANIFEST is damaged, and may be mended.
      r.protects = clone.db_files || o.mtime_micros + grace_ > now_;
      r.why = "its clone (bucket " + r.clone.bucket + " path " +
              r.clone.path + ") never got a CLOUDMANIFEST";
    }
    refs->push_back(std::move(r));
  }
  return IOStatus::OK();
}

void GcPass::Garbage(const GcPath& p, const ObjectMeta& o,
                     const std::string& reason, uint64_t eligible,
                     std::vector<CloudGcObject>* out) {
  CloudGcObject g;
  g.bucket = p.bucket;
  g.key = o.key;
  g.size = o.size;
  g.reason = reason;
  g.eligible_micros = eligible;
  out->push_back(std::move(g));
}

void GcPass::DeleteDue(const GcPath& p, std::vector<CloudGcObject>* garbage) {
  std::vector<std::string> keys;
  for (const CloudGcObject& g : *garbage) {
    if (g.eligible_micros <= now_) keys.push_back(g.key);
  }
  IOStatus s;
  if (!options_.dry_run && !keys.empty()) s = p.store->DeleteMany(keys);
  if (!s.ok()) Note(Where(p) + ": deleting", s);
  for (CloudGcObject& g : *garbage) {
    const bool due = g.eligible_micros <= now_;
    g.deleted = due && !options_.dry_run && s.ok();
    if (due && (options_.dry_run || s.ok())) {
      report_->bytes_reclaimed += g.size;
    } else {
      report_->bytes_waiting += g.size;
    }
    report_->garbage.push_back(g);
  }
  garbage->clear();
}

void GcPass::Collect(const GcPath& p, int depth) {
  const std::string prefix = ObjectPrefix(p.path);
  if (depth > 64 || !visited_.insert(p.bucket + "/" + prefix).second) return;
  report_->paths.push_back(p.bucket + "/" + prefix.substr(0, prefix.size() - 1));
  const std::string where = Where(p);
  // 1. Did the last writer close? (Before anything else is read.)
  std::string closed_writer;
  {
    std::string body;
    IOStatus s = p.store->Get(prefix + "WRITER", &body);
    if (s.ok()) {
      WriterClosed(body, &closed_writer);
    } else if (!s.IsNotFound()) {
      return Note(where + ": reading WRITER", s);
    }
  }
  // 2. The listing, 3. the CLOUDMANIFESTs and their MANIFESTs.
  std::vector<ObjectMeta> objects;
  std::vector<std::string> dirs;
  IOStatus s = p.store->ListDelimited(prefix, "/", &objects, &dirs);
  if (!s.ok()) return Note(where + ": listing", s);
  std::map<std::string, ObjectMeta> top;
  for (const ObjectMeta& o : objects) top[o.key.substr(prefix.size())] = o;
  std::vector<CmState> cms;
  const ObjectMeta* dropped = nullptr;
  bool has_ssts = false;
  for (const auto& e : top) {
    const CloudFileKind kind = ClassifyCloudFile(e.first);
    if (kind == CloudFileKind::kCloudManifest &&
        e.first.find(".tmp") == std::string::npos) {
      cms.emplace_back();
      s = ReadCm(p, e.first, top, &cms.back());
      if (!s.ok()) return Note(where + ": left alone", s);
    }
    if (kind == CloudFileKind::kSst) has_ssts = true;
    if (e.first == kDroppedObject) dropped = &e.second;
  }
  std::vector<BucketWalLog> logs;
  s = ListBucketWals(p.store.get(), p.path, where, &logs);
  if (!s.ok()) return Note(where + ": left alone", s);
  // 4. The references, after the MANIFESTs.
  std::vector<RefState> refs;
  s = ReadRefs(p, &refs);
  if (!s.ok()) return Note(where + ": left alone", s);
  std::set<std::string> referenced;
  bool live_refs = false;
  for (const RefState& r : refs) {
    if (!r.protects) continue;
    live_refs = true;
    referenced.insert(r.names.begin(), r.names.end());
  }

  std::vector<CloudGcObject> garbage;
  auto keep = [&](const ObjectMeta& o) {
    report_->objects_kept++;
    report_->bytes_kept += o.size;
  };
  if (cms.empty() && dropped == nullptr && (has_ssts || !logs.empty())) {
    Note(where, Status::Corruption(where, "DB files but no CLOUDMANIFEST "
                                          "(damaged?): left alone"));
  } else if (cms.empty()) {
    // Dropped, or an open that died before its CLOUDMANIFEST went up.
    const bool is_dropped = dropped != nullptr;
    const std::string reason =
        is_dropped ? "the DB was dropped"
                   : "left by an open that died before its CLOUDMANIFEST "
                     "was written";
    std::vector<ObjectMeta> all;
    for (const auto& e : top) {
      // A dropped DB's markers go last (step 6).
      if (is_dropped &&
          (e.first == kDroppedObject || e.first == "CLONE_SOURCES")) {
        continue;
      }
      all.push_back(e.second);
    }
    for (const BucketWalLog& log : logs) {
      all.insert(all.end(), log.chunks.begin(), log.chunks.end());
      all.insert(all.end(), log.beyond.begin(), log.beyond.end());
    }
    for (const ObjectMeta& o : all) {
      const std::string n = o.key.substr(prefix.size());
      if (referenced.count(n) != 0) {
        keep(o);
        continue;
      }
      const uint64_t eligible =
          is_dropped ? std::max(o.mtime_micros, dropped->mtime_micros) + min_age_
                     : o.mtime_micros + std::max(grace_, min_age_);
      Garbage(p, o, reason, eligible, &garbage);
    }
  } else {
    // A DB: what its CLOUDMANIFESTs and MANIFESTs name is live.
    uint64_t written = 0;
    std::set<std::string> current, running;
    for (const CmState& c : cms) {
      written = std::max(written, c.written);
      current.insert(c.cm->current_epoch());
      if (closed_writer != c.cm->current_epoch()) {
        running.insert(c.cm->current_epoch());
      }
    }
    for (const auto& e : top) {
      const std::string& n = e.first;
      const ObjectMeta& o = e.second;
      const CloudFileKind kind = ClassifyCloudFile(n);
      uint64_t number = 0;
      if (kind == CloudFileKind::kManifest && n.find(".tmp") == std::string::npos) {
        const std::string epoch = n.substr(n.find('-') + 1);
        if (n.find('-') == std::string::npos || current.count(epoch) != 0) {
          keep(o);
          continue;
        }
        Garbage(p, o, "MANIFEST of epoch " + epoch + ", which no "
                      "CLOUDMANIFEST names",
                std::max(o.mtime_micros + grace_,
                         std::max(o.mtime_micros, written) + min_age_),
                &garbage);
      } else if (kind == CloudFileKind::kSst && SstNumber(n, &number)) {
        const std::string epoch = SstEpoch(n);
        bool live = false, mapped = false;
        for (const CmState& c : cms) {
          if (c.cm->GetEpoch(number) != epoch) continue;
          mapped = true;
          live = live || c.live.count(number) != 0;
        }
        if (live || referenced.count(n) != 0 || running.count(epoch) != 0) {
          keep(o);
          continue;
        }
        Garbage(p, o,
                mapped ? "obsolete: no MANIFEST names it"
                       : "invisible: written by a writer that was fenced or "
                         "failed (file " + std::to_string(number) +
                             " belongs to another epoch)",
                std::max(o.mtime_micros, written) + min_age_, &garbage);
      } else {
        keep(o);
      }
    }
    for (const BucketWalLog& log : logs) {
      bool needed = false, mapped = false;
      uint64_t min_log = 0;
      for (const CmState& c : cms) {
        if (c.cm->GetEpoch(log.number) != log.epoch) continue;
        mapped = true;
        min_log = std::max(min_log, c.min_log);
        needed = needed || log.number >= c.min_log;
      }
      std::vector<ObjectMeta> log_objects = log.chunks;
      log_objects.insert(log_objects.end(), log.beyond.begin(),
                         log.beyond.end());
      for (const ObjectMeta& o : log_objects) {
        if (needed || referenced.count(o.key.substr(prefix.size())) != 0) {
          keep(o);
          continue;
        }
        // A seal (an empty chunk) outlives the fenced writer's last
        // unconfirmed round (cloud/bucket_wal.h, "Fencing").
        const uint64_t floor =
            o.size == 0 ? o.mtime_micros + kSealKeepMicros : 0;
        Garbage(p, o,
                mapped ? "WAL " + std::to_string(log.number) +
                             " is older than the MANIFEST's log number " +
                             std::to_string(min_log)
                       : "WAL of a writer that was fenced",
                std::max(floor, std::max(o.mtime_micros, written) + min_age_),
                &garbage);
      }
    }
  }
  DeleteDue(p, &garbage);

  // 5. The clones, then the references of the clones that are gone.
  for (const RefState& r : refs) {
    std::shared_ptr<ObjectStore> store;
    if (!open_store_(r.clone.bucket, r.clone.region, &store).ok()) continue;
    const GcPath clone{store, r.clone.bucket, r.clone.path};
    if (options_.include_clones || !r.protects) Collect(clone, depth + 1);
    if (r.protects) {
      keep(r.meta);
      continue;
    }
    PathShape now;
    s = Shape(clone, &now);
    if (!s.ok()) {
      Note(where + ": listing a clone", s);
      continue;
    }
    // In a dry run the clone's objects are still there: report the
    // reference as what goes after them.
    if (now.empty || options_.dry_run) {
      Garbage(p, r.meta, "reference of a clone that is gone: " + r.why,
              now_, &garbage);
    } else {
      keep(r.meta);
    }
  }
  DeleteDue(p, &garbage);

  // 6. A dropped DB's last objects: its references in its sources, then
  // CLONE_SOURCES and DROPPED, once only they are left.
  if (cms.empty() && dropped != nullptr && !live_refs && !options_.dry_run) {
    std::vector<ObjectMeta> rest;
    s = p.store->List(prefix, &rest);
    if (!s.ok()) return Note(where + ": listing", s);
    for (const ObjectMeta& o : rest) {
      const std::string n = o.key.substr(prefix.size());
      if (n != kDroppedObject && n != "CLONE_SOURCES") return;  // not yet
    }
    s = ReleaseCloneSources(p, open_store_);
    if (!s.ok()) return Note(where + ": releasing its sources", s);
    for (const ObjectMeta& o : rest) {
      Garbage(p, o, "the last of a dropped DB", now_, &garbage);
    }
    DeleteDue(p, &garbage);
  }
}

}  // namespace

IOStatus ReleaseCloneSources(const GcPath& db,
                             const GcStoreOpener& open_store) {
  std::string chain;
  IOStatus s = db.store->Get(ObjectKey(db.path, "CLONE_SOURCES"), &chain);
  if (s.IsNotFound()) return IOStatus::OK();
  if (!s.ok()) return s;
  std::istringstream in(chain);
  std::string line;
  while (std::getline(in, line)) {
    CloneRefOwner source;
    if (line.empty() || !ParseCloneSourceLine(line, &source)) continue;
    std::shared_ptr<ObjectStore> store;
    s = open_store(source.bucket, source.region, &store);
    if (s.ok()) s = store->Delete(CloneRefKey(source.path, db.bucket, db.path));
    if (!s.ok()) return s;
  }
  return IOStatus::OK();
}

Status RunCloudGc(const GcPath& root, const CloudGcOptions& options,
                  uint64_t min_age_micros, const GcStoreOpener& open_store,
                  CloudGcReport* report) {
  *report = CloudGcReport();
  GcPass pass(options, min_age_micros, open_store, report);
  pass.Collect(root, 0);
  return pass.first_error();
}

}  // namespace ROCKSDB_NAMESPACE
