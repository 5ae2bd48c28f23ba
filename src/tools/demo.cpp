// make demo: the main job. Until the DB core lands this exercises the layer
// below it: Status and coding. It is replaced by the write / lose the local
// disk / reopen from the bucket / clone story as those issues land.
#include <cstdio>
#include <string>

#include "rocksdb/status.h"
#include "rocksdb/version.h"

int main() {
  std::printf("skyrocks %s (RocksDB %d.%d.%d formats)\n",
              SKYROCKS_VERSION_STRING, ROCKSDB_MAJOR, ROCKSDB_MINOR,
              ROCKSDB_PATCH);
  ROCKSDB_NAMESPACE::Status s = ROCKSDB_NAMESPACE::Status::OK();
  std::printf("demo: %s\n", s.ToString().c_str());
  return s.ok() ? 0 : 1;
}
