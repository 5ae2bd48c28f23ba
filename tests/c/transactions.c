/* The C API's pessimistic transactions: TransactionDB options, open,
   writes through the DB and through transactions, a lock conflict (lock
   timeout 0), reads for update, save points, commit and rollback, an
   iterator over a transaction's writes and the DB, a named transaction
   prepared and left when the DB closes, then recovered at the next open
   (rocksdb_transactiondb_get_prepared_transactions) and committed. Leaves
   the final DB in DIR/db. */
#include "c_test.h"

static void TxnPrintGet(const char* what, char* v, size_t vlen, char** err) {
  if (*err != NULL) {
    PrintErrKind(what, err);
    return;
  }
  PrintBytes(what, v, vlen);
  rocksdb_free(v);
}

int main(int argc, char** argv) {
  char* err = NULL;
  size_t vlen = 0;
  CHECK(argc == 2);
  const char* path = PathIn(argv[1], "db");
  char db_path[4096];
  snprintf(db_path, sizeof(db_path), "%s", path);
  rocksdb_options_t* options = rocksdb_options_create();
  rocksdb_options_set_create_if_missing(options, 1);
  rocksdb_transactiondb_options_t* tdb_options =
      rocksdb_transactiondb_options_create();
  rocksdb_transactiondb_options_set_transaction_lock_timeout(tdb_options, 0);
  rocksdb_transactiondb_options_set_default_lock_timeout(tdb_options, 0);
  rocksdb_transactiondb_options_set_num_stripes(tdb_options, 4);
  rocksdb_transactiondb_options_set_max_num_locks(tdb_options, 100);
  rocksdb_transaction_options_t* txn_options =
      rocksdb_transaction_options_create();
  rocksdb_transaction_options_set_deadlock_detect(txn_options, 1);
  rocksdb_transaction_options_set_deadlock_detect_depth(txn_options, 10);
  rocksdb_transaction_options_set_max_write_batch_size(txn_options, 0);
  rocksdb_transaction_options_set_skip_prepare(txn_options, 1);
  rocksdb_transaction_options_set_expiration(txn_options, -1);
  rocksdb_writeoptions_t* wo = rocksdb_writeoptions_create();
  rocksdb_readoptions_t* ro = rocksdb_readoptions_create();

  rocksdb_transactiondb_t* db =
      rocksdb_transactiondb_open(options, tdb_options, db_path, &err);
  CHECK_NO_ERR(err);
  rocksdb_transactiondb_put(db, wo, "a", 1, "1", 1, &err);
  CHECK_NO_ERR(err);

  rocksdb_transaction_t* t1 = rocksdb_transaction_begin(db, wo, txn_options, NULL);
  rocksdb_transaction_t* t2 = rocksdb_transaction_begin(db, wo, txn_options, NULL);
  char* v = rocksdb_transaction_get_for_update(t1, ro, "a", 1, &vlen, 1, &err);
  TxnPrintGet("t1 get_for_update a", v, vlen, &err);
  rocksdb_transaction_put(t1, "b", 1, "2", 1, &err);
  CHECK_NO_ERR(err);
  rocksdb_transaction_put(t2, "b", 1, "3", 1, &err);
  PrintErrKind("t2 put b (t1 holds it)", &err);
  v = rocksdb_transaction_get_for_update(t2, ro, "a", 1, &vlen, 0, &err);
  TxnPrintGet("t2 shared get_for_update a", v, vlen, &err);
  rocksdb_transactiondb_put(db, wo, "b", 1, "4", 1, &err);
  PrintErrKind("db put b (t1 holds it)", &err);
  rocksdb_transaction_set_savepoint(t1);
  rocksdb_transaction_put(t1, "c", 1, "5", 1, &err);
  CHECK_NO_ERR(err);
  rocksdb_transaction_delete(t1, "a", 1, &err);
  CHECK_NO_ERR(err);
  rocksdb_transaction_rollback_to_savepoint(t1, &err);
  CHECK_NO_ERR(err);
  rocksdb_transaction_rollback_to_savepoint(t1, &err);
  PrintErrKind("second rollback_to_savepoint", &err);
  v = rocksdb_transaction_get(t1, ro, "c", 1, &vlen, &err);
  TxnPrintGet("t1 get c after the rollback", v, vlen, &err);
  {
    rocksdb_iterator_t* it = rocksdb_transaction_create_iterator(t1, ro);
    rocksdb_iter_seek_to_first(it);
    PrintAll("t1 iterator", it);
    rocksdb_iter_destroy(it);
  }
  rocksdb_transaction_commit(t1, &err);
  CHECK_NO_ERR(err);
  rocksdb_transaction_commit(t1, &err);
  PrintErrKind("second commit", &err);
  rocksdb_transaction_rollback(t2, &err);
  CHECK_NO_ERR(err);
  v = rocksdb_transactiondb_get(db, ro, "b", 1, &vlen, &err);
  TxnPrintGet("db get b", v, vlen, &err);

  /* A snapshot read. */
  {
    const rocksdb_snapshot_t* snap = rocksdb_transactiondb_create_snapshot(db);
    rocksdb_readoptions_t* at = rocksdb_readoptions_create();
    rocksdb_readoptions_set_snapshot(at, snap);
    rocksdb_transactiondb_delete(db, wo, "b", 1, &err);
    CHECK_NO_ERR(err);
    v = rocksdb_transactiondb_get(db, at, "b", 1, &vlen, &err);
    TxnPrintGet("db get b at the snapshot", v, vlen, &err);
    v = rocksdb_transactiondb_get(db, ro, "b", 1, &vlen, &err);
    TxnPrintGet("db get b now", v, vlen, &err);
    rocksdb_readoptions_destroy(at);
    rocksdb_transactiondb_release_snapshot(db, snap);
  }
  {
    rocksdb_writebatch_t* b = rocksdb_writebatch_create();
    rocksdb_writebatch_put(b, "w1", 2, "x", 1);
    rocksdb_writebatch_put(b, "w2", 2, "y", 1);
    rocksdb_transactiondb_write(db, wo, b, &err);
    CHECK_NO_ERR(err);
    rocksdb_writebatch_destroy(b);
  }

  /* Two-phase commit: one named transaction prepared, then the DB closes. */
  t1 = rocksdb_transaction_begin(db, wo, txn_options, t1);
  rocksdb_transaction_prepare(t1, &err);
  PrintErrKind("prepare without a name", &err);
  rocksdb_transaction_set_name(t1, "xid1", 4, &err);
  CHECK_NO_ERR(err);
  rocksdb_transaction_set_name(t2, "xid1", 4, &err);
  PrintErrKind("a second transaction named xid1", &err);
  {
    size_t len = 0;
    char* name = rocksdb_transaction_get_name(t1, &len);
    PrintBytes("name", name, len);
    rocksdb_free(name);
  }
  rocksdb_transaction_put(t1, "p", 1, "prepared", 8, &err);
  CHECK_NO_ERR(err);
  rocksdb_transaction_prepare(t1, &err);
  CHECK_NO_ERR(err);
  rocksdb_transaction_put(t2, "p", 1, "other", 5, &err);
  PrintErrKind("t2 put p (prepared t1 holds it)", &err);
  {
    rocksdb_flushoptions_t* fo = rocksdb_flushoptions_create();
    rocksdb_transactiondb_flush(db, fo, &err);
    CHECK_NO_ERR(err);
    rocksdb_flushoptions_destroy(fo);
  }
  rocksdb_transaction_destroy(t2);
  rocksdb_transaction_destroy(t1);
  rocksdb_transactiondb_close(db);

  db = rocksdb_transactiondb_open(options, tdb_options, db_path, &err);
  CHECK_NO_ERR(err);
  {
    size_t cnt = 0;
    size_t i;
    rocksdb_transaction_t** prepared =
        rocksdb_transactiondb_get_prepared_transactions(db, &cnt);
    printf("prepared after reopen: %d\n", (int)cnt);
    v = rocksdb_transactiondb_get(db, ro, "p", 1, &vlen, &err);
    TxnPrintGet("db get p before the commit", v, vlen, &err);
    for (i = 0; i < cnt; i++) {
      size_t len = 0;
      char* name = rocksdb_transaction_get_name(prepared[i], &len);
      PrintBytes("  prepared", name, len);
      rocksdb_free(name);
      rocksdb_transaction_commit(prepared[i], &err);
      CHECK_NO_ERR(err);
      rocksdb_transaction_destroy(prepared[i]);
    }
    rocksdb_free(prepared);
    v = rocksdb_transactiondb_get(db, ro, "p", 1, &vlen, &err);
    TxnPrintGet("db get p after the commit", v, vlen, &err);
    prepared = rocksdb_transactiondb_get_prepared_transactions(db, &cnt);
    printf("prepared after the commit: %d\n", (int)cnt);
    CHECK(prepared == NULL);
  }
  rocksdb_transactiondb_close(db);
  rocksdb_writeoptions_destroy(wo);
  rocksdb_readoptions_destroy(ro);
  rocksdb_transaction_options_destroy(txn_options);
  rocksdb_transactiondb_options_destroy(tdb_options);
  rocksdb_options_destroy(options);
  printf("done\n");
  return 0;
}
