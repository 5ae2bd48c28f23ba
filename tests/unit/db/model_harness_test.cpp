// Every sorted structure through tests/support/model_harness.h: the same
// random data and operation sequences, checked against a std::map, for a
// block (several restart intervals), a table (small and large blocks), a
// memtable, and a DB on a local FileSystem, on the fault-injection
// FileSystem (after a simulated power loss) and on the cloud file system
// over the local-directory store.
#include "support/model_harness.h"

#include <doctest/doctest.h>

namespace ROCKSDB_NAMESPACE {

using model_harness::BlockConstructor;
using model_harness::DbConstructor;
using model_harness::MemTableConstructor;
using model_harness::RunModelHarness;
using model_harness::TableConstructor;

TEST_CASE("model harness: blocks") {
  for (int restart_interval : {1, 2, 16}) {
    CAPTURE(restart_interval);
    BlockConstructor c(restart_interval);
    RunModelHarness(&c, 100 + restart_interval, 20, 300);
  }
}

TEST_CASE("model harness: tables") {
  for (size_t block_size : {64, 4096}) {
    CAPTURE(block_size);
    TableConstructor c(block_size);
    RunModelHarness(&c, 200 + static_cast<uint32_t>(block_size), 20, 300);
  }
}

TEST_CASE("model harness: memtables") {
  MemTableConstructor c;
  RunModelHarness(&c, 300, 20, 300);
}

TEST_CASE("model harness: a DB on a local FileSystem") {
  DbConstructor c(DbConstructor::kLocal);
  RunModelHarness(&c, 400, 6, 300);
}

TEST_CASE("model harness: a DB on the fault-injection FileSystem") {
  DbConstructor c(DbConstructor::kFaultInjection);
  RunModelHarness(&c, 500, 6, 300);
}

TEST_CASE("model harness: a DB on the cloud file system (local-directory store)") {
  DbConstructor c(DbConstructor::kCloudLocalDir);
  RunModelHarness(&c, 600, 4, 300);
}

}  // namespace ROCKSDB_NAMESPACE
