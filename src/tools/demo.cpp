// The main job, for now (the cloud demo replaces it when the object-store
// layer lands): open a DB with the public RocksDB API, write through the
// WAL, flush part of it to an SST, close, reopen (the WAL is replayed),
// read everything back, and show that librocksdb's file layout is there.
//
//   skyrocks_demo [DIR]     (default: a fresh directory under /tmp)
//
// Exits 0 and prints "demo: OK" when every key read back matches.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/options.h"
#include "rocksdb/write_batch.h"

namespace {

int Fail(const char* what, const rocksdb::Status& s) {
  std::fprintf(stderr, "demo: %s: %s\n", what, s.ToString().c_str());
  return 1;
}

std::string DemoKey(int i) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "user%06d", i);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  if (argc > 1) {
    dir = argv[1];
  } else {
    char tmpl[] = "/tmp/skyrocks-demo-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) return Fail("mkdtemp", rocksdb::Status::IOError("/tmp"));
    dir = std::string(tmpl) + "/db";
  }
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(options, dir, &raw);
  if (!s.ok()) return Fail("open", s);
  std::unique_ptr<rocksdb::DB> db(raw);
  std::printf("demo: opened %s\n", dir.c_str());

  rocksdb::WriteOptions sync;
  sync.sync = true;
  for (int i = 0; i < 5000; i += 100) {
    rocksdb::WriteBatch batch;
    for (int j = i; j < i + 100; j++) {
      s = batch.Put(DemoKey(j), "profile-of-" + DemoKey(j));
      if (!s.ok()) return Fail("batch", s);
    }
    s = db->Write(sync, &batch);
    if (!s.ok()) return Fail("write", s);
    if (i == 2500) {
      s = db->Flush(rocksdb::FlushOptions());
      if (!s.ok()) return Fail("flush", s);
      std::printf("demo: 2600 keys flushed to an SST, the rest only in the WAL\n");
    }
  }
  s = db->Delete(sync, DemoKey(42));
  if (!s.ok()) return Fail("delete", s);
  db.reset();
  std::printf("demo: wrote 5000 keys in 50 synced batches, deleted one, closed\n");

  s = rocksdb::DB::Open(options, dir, &raw);
  if (!s.ok()) return Fail("reopen", s);
  db.reset(raw);
  int found = 0;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions()));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->value().ToString() != "profile-of-" + it->key().ToString()) {
      std::fprintf(stderr, "demo: wrong value for %s\n", it->key().ToString().c_str());
      return 1;
    }
    found++;
  }
  if (!it->status().ok()) return Fail("iterate", it->status());
  it.reset();
  std::string v;
  s = db->Get(rocksdb::ReadOptions(), DemoKey(42), &v);
  if (!s.IsNotFound() || found != 4999) {
    std::fprintf(stderr, "demo: expected 4999 keys and user000042 deleted, got %d\n", found);
    return 1;
  }
  std::printf("demo: reopened (WAL replayed) and read back %d keys\n", found);
  std::vector<std::string> files;
  s = rocksdb::Env::Default()->GetChildren(dir, &files);
  if (!s.ok()) return Fail("list", s);
  std::printf("demo: files:");
  for (const auto& f : files) std::printf(" %s", f.c_str());
  std::printf("\ndemo: OK\n");
  return 0;
}
