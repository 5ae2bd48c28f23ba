/* The C API's WAL iterator: rocksdb_get_updates_since over live and
   archived WALs (WAL_ttl_seconds), rocksdb_wal_iter_* and the batches it
   returns (sequence, count, contents), the error past the last sequence,
   and the same after a reopen. Leaves the final DB in DIR/db. */
#include "c_test.h"

static void OnPut(void* state, const char* k, size_t klen, const char* v,
                  size_t vlen) {
  (void)state;
  PrintBytes("    put key", k, klen);
  PrintBytes("    put value", v, vlen);
}

static void OnDelete(void* state, const char* k, size_t klen) {
  (void)state;
  PrintBytes("    delete key", k, klen);
}

static void Put(rocksdb_t* db, rocksdb_writeoptions_t* wo, const char* k,
                const char* v) {
  char* err = NULL;
  rocksdb_put(db, wo, k, strlen(k), v, strlen(v), &err);
  CHECK_NO_ERR(err);
}

/* Every batch from seq on, then the iterator's final status. */
static void PrintUpdates(rocksdb_t* db, uint64_t seq) {
  char* err = NULL;
  rocksdb_wal_iterator_t* it = rocksdb_get_updates_since(db, seq, NULL, &err);
  printf("updates since %llu\n", (unsigned long long)seq);
  if (err != NULL) {
    printf("  error: %s\n", err);
    rocksdb_free(err);
    CHECK(it == NULL);
    return;
  }
  for (; rocksdb_wal_iter_valid(it); rocksdb_wal_iter_next(it)) {
    uint64_t batch_seq = 0;
    rocksdb_writebatch_t* b = rocksdb_wal_iter_get_batch(it, &batch_seq);
    printf("  batch %llu count %d\n", (unsigned long long)batch_seq,
           rocksdb_writebatch_count(b));
    rocksdb_writebatch_iterate(b, NULL, OnPut, OnDelete);
    rocksdb_writebatch_destroy(b);
  }
  rocksdb_wal_iter_status(it, &err);
  printf("  status %s\n", err == NULL ? "ok" : err);
  if (err != NULL) rocksdb_free(err);
  rocksdb_wal_iter_destroy(it);
}

int main(int argc, char** argv) {
  char dbpath[4096];
  char* err = NULL;
  rocksdb_options_t* options;
  rocksdb_writeoptions_t* wo;
  rocksdb_flushoptions_t* fo;
  rocksdb_writebatch_t* batch;
  rocksdb_t* db;
  uint64_t last;

  CHECK(argc == 2);
  snprintf(dbpath, sizeof(dbpath), "%s/db", argv[1]);
  options = rocksdb_options_create();
  rocksdb_options_set_create_if_missing(options, 1);
  rocksdb_options_set_WAL_ttl_seconds(options, 3600);
  wo = rocksdb_writeoptions_create();
  fo = rocksdb_flushoptions_create();
  rocksdb_flushoptions_set_wait(fo, 1);

  db = rocksdb_open(options, dbpath, &err);
  CHECK_NO_ERR(err);
  Put(db, wo, "a", "1");
  Put(db, wo, "b", "2");
  batch = rocksdb_writebatch_create();
  rocksdb_writebatch_put(batch, "c", 1, "3", 1);
  rocksdb_writebatch_delete(batch, "a", 1);
  rocksdb_writebatch_put(batch, "d", 1, "4", 1);
  rocksdb_write(db, wo, batch, &err);
  CHECK_NO_ERR(err);
  rocksdb_writebatch_destroy(batch);
  last = rocksdb_get_latest_sequence_number(db);
  printf("last %llu\n", (unsigned long long)last);
  PrintUpdates(db, 1);
  PrintUpdates(db, 4);
  PrintUpdates(db, last + 1);
  /* The flush archives the WAL; the iterator reads it from archive/. */
  rocksdb_flush(db, fo, &err);
  CHECK_NO_ERR(err);
  Put(db, wo, "e", "5");
  PrintUpdates(db, 2);
  rocksdb_close(db);

  db = rocksdb_open(options, dbpath, &err);
  CHECK_NO_ERR(err);
  printf("reopened, last %llu\n",
         (unsigned long long)rocksdb_get_latest_sequence_number(db));
  PrintUpdates(db, 1);
  rocksdb_close(db);

  rocksdb_flushoptions_destroy(fo);
  rocksdb_writeoptions_destroy(wo);
  rocksdb_options_destroy(options);
  printf("done\n");
  return 0;
}
