// Garbage collection of bucket paths (CloudFileSystem::GarbageCollect and
// DropDatabase; doc/cloud_layout.md, "Garbage collection").
//
// A pass reads a path in this order, which is what makes it safe beside
// running writers and clones: WRITER (did the last writer close?), the
// listing, every CLOUDMANIFEST and the MANIFEST it names, then the clone
// references. A file the MANIFEST read does not name can never become
// live again (writers only add files of their own epoch), and a clone's
// reference written before that MANIFEST version was uploaded is seen by
// the later listing of references.
//
// What is garbage, and from when (wall clock; plus min_age):
//   SST    not named by any CLOUDMANIFEST + MANIFEST of the path, not
//          referenced by a clone, and not of an epoch whose writer may
//          still run (the current epoch, unless WRITER says it closed):
//          from the later of its upload and the MANIFEST's.
//   WAL    chunks of a log the MANIFEST's log number covers, or of a
//          fenced writer's log: as SSTs.
//   MANIFEST-<e> of an epoch no CLOUDMANIFEST names: as SSTs, and not
//          before creation_grace after its upload (an open rolling to e
//          uploads it before the CLOUDMANIFEST).
//   A dropped DB (DROPPED, no CLOUDMANIFEST): everything but what clones
//          reference, from the drop; its references in its sources, then
//          DROPPED, go last, once nothing else is left.
//   A path without CLOUDMANIFEST, DROPPED, SST or WAL (an open that died
//          before its CLOUDMANIFEST went up): everything, creation_grace
//          after its last write.
//   A clone reference whose clone was dropped (and has no clones), or
//          never got a CLOUDMANIFEST (creation_grace after the reference):
//          deleted once the clone's path is empty.
// A path with DB files but no CLOUDMANIFEST or DROPPED is damaged: left
// alone and named in the report's notes.
#ifndef SKYROCKS_CLOUD_CLOUD_GC_H_
#define SKYROCKS_CLOUD_CLOUD_GC_H_

#include <functional>
#include <memory>
#include <string>

#include "cloud/object_store.h"
#include "rocksdb/cloud/cloud_file_system.h"

namespace ROCKSDB_NAMESPACE {

// The marker DropDatabase leaves in a dropped DB's path.
extern const char kDroppedObject[];

// Opens the store of a bucket (a clone's, or a source's).
using GcStoreOpener =
    std::function<IOStatus(const std::string& bucket, const std::string& region,
                           std::shared_ptr<ObjectStore>* store)>;

struct GcPath {
  std::shared_ptr<ObjectStore> store;
  std::string bucket;
  std::string path;
};

// One pass from root (and, with include_clones, its clones); min_age in
// microseconds, already resolved. The first error met (a damaged path
// included) is returned after everything else was done.
Status RunCloudGc(const GcPath& root, const CloudGcOptions& options,
                  uint64_t min_age_micros, const GcStoreOpener& open_store,
                  CloudGcReport* report);

// Deletes the references db holds in the sources its CLONE_SOURCES names
// (missing ones are fine).
IOStatus ReleaseCloneSources(const GcPath& db, const GcStoreOpener& open_store);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_CLOUD_GC_H_
