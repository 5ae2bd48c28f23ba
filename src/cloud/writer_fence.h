// WriterFence: one writer per bucket path (doc/cloud_layout.md, "WRITER
// and fencing"). The WRITER object under a DB's object path names the
// writer that owns the path. A read-write open claims it with a
// conditional PUT (the newest writer wins); from then on the owner asks
// Check() after each upload the DB relies on (a WAL chunk, the MANIFEST)
// and before it deletes anything, so a writer fenced by a newer one
// acknowledges nothing and deletes nothing the new one may need.
//
// Why this order is safe: the new writer claims first and reads the
// path's state (CLOUDMANIFEST, MANIFEST, WAL chunks) after. An upload the
// old writer saw confirmed by Check() happened before the claim, so the
// new writer reads it; anything later fails Check() and is never
// acknowledged.
//
// Claim() also probes that the store honours conditional writes (a
// create-if-absent of an existing object and a replace-if-match with a
// wrong etag must both fail); a store that ignores them is refused unless
// allow_unfenced. A clean close marks WRITER closed (MarkClosed), which a
// later claim replaces like any other version. Thread-safe; a fenced
// state is sticky.
#ifndef SKYROCKS_CLOUD_WRITER_FENCE_H_
#define SKYROCKS_CLOUD_WRITER_FENCE_H_

#include <memory>
#include <string>

#include "cloud/object_store.h"
#include "port/mutex.h"

namespace ROCKSDB_NAMESPACE {

// Whether WRITER's body says its writer closed cleanly; *writer_id: who.
bool WriterClosed(const std::string& body, std::string* writer_id);

class WriterFence {
 public:
  // key: the WRITER object's key; where: "bucket B object K" for errors.
  WriterFence(std::shared_ptr<ObjectStore> store, std::string key,
              std::string where);

  // Claims the path for writer_id (this writer's epoch). IOFenced only
  // when other writers kept winning the race (bounded attempts); a store
  // without conditional writes is NotSupported naming
  // allow_unfenced_writes unless allow_unfenced.
  IOStatus Claim(const std::string& writer_id, bool allow_unfenced);

  // OK while this writer owns the path; once another writer claimed it,
  // IOFenced naming that writer (and every later call returns it). An
  // error reading WRITER is returned as is (not sticky).
  IOStatus Check();

  // Deletes WRITER if this claim created it (an open that found no DB and
  // may not create one leaves the path as it was).
  void Release();

  // The writer closed cleanly: WRITER says "closed <id>" (replacing only
  // this claim's version), so garbage collection knows no process writes
  // the path under this epoch. Nothing happens once fenced.
  IOStatus MarkClosed();

  const std::string& writer_id() const { return writer_id_; }

 private:
  IOStatus ProbeConditionalWrites(const std::string& body);
  IOStatus Fenced(const std::string& owner_body);

  std::shared_ptr<ObjectStore> store_;
  const std::string key_;
  const std::string where_;
  std::string writer_id_;
  port::Mutex mu_;
  std::string etag_ SKYROCKS_GUARDED_BY(mu_);      // of our claim
  bool created_ SKYROCKS_GUARDED_BY(mu_) = false;  // the claim created WRITER
  IOStatus fenced_ SKYROCKS_GUARDED_BY(mu_);       // sticky once fenced
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_WRITER_FENCE_H_
