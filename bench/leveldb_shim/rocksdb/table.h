// Forwards to the LevelDB shim (see leveldb_as_rocksdb.h).
#include "leveldb_as_rocksdb.h"
