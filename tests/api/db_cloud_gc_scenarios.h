// Garbage collection, dropped DBs and deletions that outlive a process,
// written once against the public API and run on every store (see
// tests/api/db_cloud_scenarios.h for CloudTestStore):
// * ScenarioDeletionAfterRestart: obsolete SSTs whose delayed deletion a
//   process did not live to run are deleted by the next open once the
//   delay has passed since they went obsolete, not since that open.
// * ScenarioGcWithClones: a source, a clone and a clone of the clone; the
//   source compacts away every SST of clone time; GC (dry run, then for
//   real) deletes the source's obsolete and invisible files but nothing a
//   clone reads; each clone reopened from its own path reads all it had.
//   Dropping the grandclone and the clone lets GC reclaim what only they
//   held; dropping the source of a live clone keeps what the clone needs.
// * ScenarioGcKeepsRunningWriter: the current epoch of a writer that has
//   not closed is left alone.
#ifndef SKYROCKS_TESTS_API_DB_CLOUD_GC_SCENARIOS_H_
#define SKYROCKS_TESTS_API_DB_CLOUD_GC_SCENARIOS_H_

#include "db_cloud_scenarios.h"

namespace skyrocks_test {

inline uint64_t GcWallMicros() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::system_clock::now().time_since_epoch())
          .count());
}

// A file system with `path` as its dest only (no DB opened on it).
inline std::unique_ptr<ROCKSDB_NAMESPACE::CloudFileSystem> PathFs(
    const CloudTestStore& store, const std::string& path) {
  ROCKSDB_NAMESPACE::CloudFileSystem* cfs = nullptr;
  ROCKSDB_NAMESPACE::Status s = store.make_fs(CloudOpts(store, "", path), &cfs);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  return std::unique_ptr<ROCKSDB_NAMESPACE::CloudFileSystem>(cfs);
}

inline ROCKSDB_NAMESPACE::CloudGcReport RunGc(const CloudTestStore& store,
                                              const std::string& path,
                                              bool dry_run,
                                              bool expect_ok = true) {
  ROCKSDB_NAMESPACE::CloudGcOptions o;
  o.dry_run = dry_run;
  o.min_age = std::chrono::seconds(0);
  o.creation_grace = std::chrono::seconds(0);
  ROCKSDB_NAMESPACE::CloudGcReport r;
  ROCKSDB_NAMESPACE::Status s = PathFs(store, path)->GarbageCollect(o, &r);
  if (expect_ok) REQUIRE_MESSAGE(s.ok(), s.ToString());
  return r;
}

inline std::set<std::string> SstsUnder(const CloudTestStore& store,
                                       const std::string& path) {
  std::set<std::string> out;
  for (const std::string& n : NamesUnder(store, path)) {
    if (n.find(".sst") != std::string::npos &&
        n.find('/') == std::string::npos) {
      out.insert(n);
    }
  }
  return out;
}

inline const ROCKSDB_NAMESPACE::CloudGcObject* FindGarbage(
    const ROCKSDB_NAMESPACE::CloudGcReport& r, const std::string& key) {
  for (const auto& g : r.garbage) {
    if (g.key == key) return &g;
  }
  return nullptr;
}

inline void ScenarioDeletionAfterRestart(const CloudTestStore& store) {
  TempDir tmp;
  auto o = CloudOpts(store, "dbs/late", "dbs/late");
  o.cloud_file_deletion_delay = std::chrono::seconds(4);
  CloudDb c;
  OpenCloudDb(store, o, tmp.Sub("a"), &c);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  // Overlapping flushes, so the compaction rewrites them (no trivial move).
  PutKeys(c.db.get(), 0, 600, "a-");
  REQUIRE(c.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  PutKeys(c.db.get(), 0, 600, "a-");
  REQUIRE(c.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  const std::set<std::string> flushed = SstsUnder(store, "dbs/late");
  REQUIRE(flushed.size() >= 2);
  REQUIRE(c.db->CompactRange(ROCKSDB_NAMESPACE::CompactRangeOptions(), nullptr,
                             nullptr)
              .ok());
  const uint64_t obsolete_at = GcWallMicros();
  c.Close();  // the pending deletions die with the process's scheduler
  auto present = [&] {
    const auto now = SstsUnder(store, "dbs/late");
    int n = 0;
    for (const std::string& f : flushed) n += static_cast<int>(now.count(f));
    return n;
  };
  // Within the delay: a reopen keeps them (delay counted, not skipped).
  OpenCloudDb(store, o, tmp.Sub("b"), &c, false);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  if (GcWallMicros() < obsolete_at + 2500000) {
    CHECK(present() == static_cast<int>(flushed.size()));
  }
  c.Close();
  // Past the delay since they went obsolete: the next open deletes them
  // at once (before, it waited another full delay from the open).
  while (GcWallMicros() < obsolete_at + 5500000) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  OpenCloudDb(store, o, tmp.Sub("c"), &c, false);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  CHECK(present() == 0);
  CheckKeys(c.db.get(), 0, 600, "a-");
}

inline void ScenarioGcKeepsRunningWriter(const CloudTestStore& store) {
  TempDir tmp;
  auto o = CloudOpts(store, "dbs/run", "dbs/run");
  o.cloud_file_deletion_delay = std::chrono::hours(1);
  CloudDb c;
  OpenCloudDb(store, o, tmp.Sub("a"), &c);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  PutKeys(c.db.get(), 0, 600, "r-");
  REQUIRE(c.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  PutKeys(c.db.get(), 0, 600, "r-");
  REQUIRE(c.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  REQUIRE(c.db->CompactRange(ROCKSDB_NAMESPACE::CompactRangeOptions(), nullptr,
                             nullptr)
              .ok());
  const auto before = SstsUnder(store, "dbs/run");
  REQUIRE(before.size() >= 3);  // 2 obsolete (delayed) + the output
  // The writer runs: its epoch's files are its own business.
  auto r = RunGc(store, "dbs/run", false);
  CHECK(SstsUnder(store, "dbs/run") == before);
  c.Close();
  // Closed cleanly: the obsolete ones go, the live one stays.
  r = RunGc(store, "dbs/run", false);
  const auto after = SstsUnder(store, "dbs/run");
  CHECK(after.size() == 1);
  CHECK(r.bytes_reclaimed > 0);
  OpenCloudDb(store, o, tmp.Sub("b"), &c, false);
  REQUIRE_MESSAGE(c.status.ok(), c.status.ToString());
  CheckKeys(c.db.get(), 0, 600, "r-");
}

inline void ScenarioGcWithClones(const CloudTestStore& store) {
  TempDir tmp;
  CloudDb src;
  OpenCloudDb(store, CloudOpts(store, "dbs/gsrc", "dbs/gsrc"), tmp.Sub("src"),
              &src);
  REQUIRE_MESSAGE(src.status.ok(), src.status.ToString());
  PutKeys(src.db.get(), 0, 1000, "p-");
  REQUIRE(src.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  PutKeys(src.db.get(), 1000, 2000, "p-");
  REQUIRE(src.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  const std::set<std::string> at_clone = SstsUnder(store, "dbs/gsrc");
  {
    CloudDb clone;
    OpenCloudDb(store, CloudOpts(store, "dbs/gsrc", "dbs/gclone"),
                tmp.Sub("clone"), &clone);
    REQUIRE_MESSAGE(clone.status.ok(), clone.status.ToString());
    PutKeys(clone.db.get(), 5000, 5100, "c-");
    REQUIRE(clone.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
    CloudDb grand;
    OpenCloudDb(store, CloudOpts(store, "dbs/gclone", "dbs/ggrand"),
                tmp.Sub("grand"), &grand);
    REQUIRE_MESSAGE(grand.status.ok(), grand.status.ToString());
    PutKeys(grand.db.get(), 7000, 7100, "g-");
    REQUIRE(grand.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
    // The clone moves on too: its first SSTs are only the grandclone's.
    PutKeys(clone.db.get(), 0, 2000, "c2-");
    REQUIRE(clone.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
    REQUIRE(clone.db
                ->CompactRange(ROCKSDB_NAMESPACE::CompactRangeOptions(),
                               nullptr, nullptr)
                .ok());
  }
  // The source compacts away every SST of clone time (kept for the clone).
  PutKeys(src.db.get(), 0, 2000, "q-");
  REQUIRE(src.db->Flush(ROCKSDB_NAMESPACE::FlushOptions()).ok());
  REQUIRE(src.db
              ->CompactRange(ROCKSDB_NAMESPACE::CompactRangeOptions(), nullptr,
                             nullptr)
              .ok());
  src.Close();
  for (const std::string& n : at_clone) {
    CHECK_MESSAGE(SstsUnder(store, "dbs/gsrc").count(n) == 1, n);
  }
  // Garbage a failed writer left: an SST of an epoch no CLOUDMANIFEST
  // knows, and a MANIFEST of that epoch.
  std::string body;
  REQUIRE(store.get("dbs/gsrc/" + *at_clone.begin(), &body));
  REQUIRE(store.put("dbs/gsrc/000777.sst-deadbeef", body));
  REQUIRE(store.put("dbs/gsrc/MANIFEST-deadbeef", "x"));

  // A dry run reports, deletes nothing.
  const auto objects = NamesUnder(store, "dbs/gsrc");
  auto r = RunGc(store, "dbs/gsrc", true);
  CHECK(NamesUnder(store, "dbs/gsrc") == objects);
  const auto* invisible = FindGarbage(r, "dbs/gsrc/000777.sst-deadbeef");
  REQUIRE(invisible != nullptr);
  CHECK(invisible->reason.find("invisible") != std::string::npos);
  CHECK_FALSE(invisible->deleted);
  REQUIRE(FindGarbage(r, "dbs/gsrc/MANIFEST-deadbeef") != nullptr);
  CHECK(r.bytes_reclaimed >= body.size());
  CHECK(r.paths.size() == 3);  // the source and both clones
  for (const std::string& n : at_clone) {
    CHECK_MESSAGE(FindGarbage(r, "dbs/gsrc/" + n) == nullptr, n);
  }

  // For real: nothing a clone needs goes.
  r = RunGc(store, "dbs/gsrc", false);
  CHECK(FindGarbage(r, "dbs/gsrc/000777.sst-deadbeef")->deleted);
  CHECK(SstsUnder(store, "dbs/gsrc").count("000777.sst-deadbeef") == 0);
  for (const std::string& n : at_clone) {
    CHECK_MESSAGE(SstsUnder(store, "dbs/gsrc").count(n) == 1, n);
  }
  for (const char* path : {"dbs/gclone", "dbs/ggrand"}) {
    CAPTURE(path);
    CloudDb own;
    std::string dir = std::string("own-") + path;
    std::replace(dir.begin(), dir.end(), '/', '-');
    OpenCloudDb(store, CloudOpts(store, path, path), tmp.Sub(dir), &own, false);
    REQUIRE_MESSAGE(own.status.ok(), own.status.ToString());
    CheckKeys(own.db.get(), 0, 2000,
              std::string(path) == "dbs/gclone" ? "c2-" : "p-");
    CheckKeys(own.db.get(), 5000, 5100, "c-");
  }
  {
    CloudDb grand;
    OpenCloudDb(store, CloudOpts(store, "dbs/ggrand", "dbs/ggrand"),
                tmp.Sub("grand2"), &grand, false);
    REQUIRE_MESSAGE(grand.status.ok(), grand.status.ToString());
    CheckKeys(grand.db.get(), 7000, 7100, "g-");
  }

  // Dropping the source of a live clone keeps what the clone needs.
  ROCKSDB_NAMESPACE::Status dropped = PathFs(store, "dbs/gsrc")->DropDatabase();
  REQUIRE_MESSAGE(dropped.ok(), dropped.ToString());
  CloudDb gone;
  OpenCloudDb(store, CloudOpts(store, "dbs/gsrc", "dbs/gsrc"), tmp.Sub("gone"),
              &gone, false);
  CHECK_MESSAGE(gone.status.IsNotFound(), gone.status.ToString());
  gone.Close();
  r = RunGc(store, "dbs/gsrc", false);
  for (const std::string& n : at_clone) {
    CHECK_MESSAGE(SstsUnder(store, "dbs/gsrc").count(n) == 1, n);
  }
  {
    CloudDb grand;
    OpenCloudDb(store, CloudOpts(store, "dbs/ggrand", "dbs/ggrand"),
                tmp.Sub("grand3"), &grand, false);
    REQUIRE_MESSAGE(grand.status.ok(), grand.status.ToString());
    CheckKeys(grand.db.get(), 0, 2000, "p-");
  }
  // Dropping the grandclone, then the clone: GC of each path reclaims
  // all of it, and the source's what only they held.
  for (const char* path : {"dbs/ggrand", "dbs/gclone"}) {
    dropped = PathFs(store, path)->DropDatabase();
    REQUIRE_MESSAGE(dropped.ok(), path << ": " << dropped.ToString());
  }
  for (const char* path : {"dbs/gsrc", "dbs/gclone", "dbs/ggrand"}) {
    CAPTURE(path);
    r = RunGc(store, path, false);
    INFO("notes: " << (r.notes.empty() ? std::string() : r.notes[0]));
    CHECK(r.notes.empty());
    CHECK(NamesUnder(store, path).empty());
  }
}

}  // namespace skyrocks_test

#endif  // SKYROCKS_TESTS_API_DB_CLOUD_GC_SCENARIOS_H_
