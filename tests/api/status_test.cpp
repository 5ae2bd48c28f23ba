// Public Status/IOStatus behaviour; built against src/ and the amalgamation.
#include <doctest/doctest.h>

#include "rocksdb/io_status.h"
#include "rocksdb/status.h"

using ROCKSDB_NAMESPACE::IOStatus;
using ROCKSDB_NAMESPACE::Slice;
using ROCKSDB_NAMESPACE::Status;

TEST_CASE("Status: codes keep RocksDB's numbering") {
  CHECK(Status::kOk == 0);
  CHECK(Status::kNotFound == 1);
  CHECK(Status::kCorruption == 2);
  CHECK(Status::kIOError == 5);
  CHECK(Status::kColumnFamilyDropped == 15);
  CHECK(Status::kNoSpace == 4);
  CHECK(Status::kPathNotFound == 9);
  CHECK(Status::kIOFenced == 14);
}

TEST_CASE("Status: ToString matches RocksDB's wording") {
  CHECK(Status::OK().ToString() == "OK");
  CHECK(Status::NotFound("key k1").ToString() == "NotFound: key k1");
  CHECK(Status::Corruption("000012.sst", "bad block checksum").ToString() ==
        "Corruption: 000012.sst: bad block checksum");
  CHECK(Status::NotSupported().ToString() == "Not implemented: ");
  CHECK(Status::NoSpace("writing 000007.log").ToString() ==
        "IO error: No space left on device: writing 000007.log");
  CHECK(Status::PathNotFound().ToString() ==
        "IO error: No such file or directory");
  CHECK(Status::TryAgain().ToString() == "Operation failed. Try again.: ");
}

TEST_CASE("Status: copies and moves keep the message") {
  Status a = Status::IOError("open", "/x/y");
  Status b = a;
  CHECK(b.IsIOError());
  CHECK(b.ToString() == a.ToString());
  Status c = std::move(b);
  CHECK(c.ToString() == "IO error: open: /x/y");
  c = Status::OK();
  CHECK(c.ok());
  CHECK(c.getState() == nullptr);
  CHECK(a == Status::IOError());
  CHECK(a != Status::NotFound());
}

TEST_CASE("IOStatus: carries retryable, data loss and HTTP detail") {
  IOStatus s = IOStatus::IOError("PUT bucket/obj", "503 SlowDown");
  s.SetRetryable(true);
  s.SetHttpDetail(503, "SlowDown", "req-123");
  CHECK(s.IsIOError());
  CHECK(s.GetRetryable());
  CHECK(s.http_status() == 503);
  CHECK(s.provider_code() == "SlowDown");
  CHECK(s.request_id() == "req-123");
  IOStatus f = IOStatus::IOFenced("epoch e2 owns the DB");
  CHECK(f.IsIOFenced());
  CHECK(f.ToString() == "IO error: IO fenced off: epoch e2 owns the DB");
  Status plain = f;
  CHECK(plain.IsIOFenced());
}

// The background error handler decides on retryable after the IOStatus has
// been passed on as a Status (table builder, MANIFEST, cloud upload): the
// flags must survive that, as in RocksDB where they live in Status.
TEST_CASE("IOStatus: retryable, data loss and scope survive a Status copy") {
  IOStatus io = IOStatus::IOError("PUT bucket/000012.sst", "503");
  io.SetRetryable(true);
  io.SetDataLoss(true);
  io.SetScope(IOStatus::kIOErrorScopeFile);
  Status s = io;
  Status copy(s);
  Status assigned;
  assigned = copy;
  Status with_severity(assigned, Status::kHardError);
  for (const Status* x : {&s, &copy, &assigned, &with_severity}) {
    const IOStatus back(*x);
    CHECK(back.GetRetryable());
    CHECK(back.GetDataLoss());
    CHECK(back.GetScope() == IOStatus::kIOErrorScopeFile);
  }
  CHECK(with_severity.severity() == Status::kHardError);
  CHECK_FALSE(IOStatus(Status::IOError("x")).GetRetryable());
}
