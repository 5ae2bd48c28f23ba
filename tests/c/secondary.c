/* The C API's secondary instances: rocksdb_open_as_secondary and
   rocksdb_open_as_secondary_column_families beside a primary in the same
   process, rocksdb_try_catch_up_with_primary after writes and a flush,
   the writes a secondary refuses, and the error on a primary. Leaves the
   primary's DB in DIR/db. */
#include "c_test.h"

static void Put(rocksdb_t* db, rocksdb_writeoptions_t* wo, const char* k,
                const char* v) {
  char* err = NULL;
  rocksdb_put(db, wo, k, strlen(k), v, strlen(v), &err);
  CHECK_NO_ERR(err);
}

static void PrintGet(const char* who, rocksdb_t* db, rocksdb_readoptions_t* ro,
                     const char* k) {
  char* err = NULL;
  size_t len = 0;
  char* v = rocksdb_get(db, ro, k, strlen(k), &len, &err);
  CHECK_NO_ERR(err);
  printf("%s get %s: ", who, k);
  PrintBytes("value", v, len);
  rocksdb_free(v);
}

static void PrintErr(const char* what, char** err) {
  printf("%s: %s\n", what, *err == NULL ? "ok" : "error");
  if (*err != NULL) {
    rocksdb_free(*err);
    *err = NULL;
  }
}

int main(int argc, char** argv) {
  char dbpath[4096], secpath[4096], secpath2[4096];
  char* err = NULL;
  rocksdb_options_t* options;
  rocksdb_writeoptions_t* wo;
  rocksdb_readoptions_t* ro;
  rocksdb_flushoptions_t* fo;
  rocksdb_t* primary;
  rocksdb_t* sec;
  rocksdb_t* sec_cf;
  rocksdb_column_family_handle_t* cf1;
  rocksdb_column_family_handle_t* sec_handles[2];
  const char* names[2] = {"default", "cf1"};
  const rocksdb_options_t* cf_options[2];

  CHECK(argc == 2);
  snprintf(dbpath, sizeof(dbpath), "%s/db", argv[1]);
  snprintf(secpath, sizeof(secpath), "%s/sec", argv[1]);
  snprintf(secpath2, sizeof(secpath2), "%s/sec2", argv[1]);
  options = rocksdb_options_create();
  rocksdb_options_set_create_if_missing(options, 1);
  rocksdb_options_set_max_open_files(options, -1);
  wo = rocksdb_writeoptions_create();
  ro = rocksdb_readoptions_create();
  fo = rocksdb_flushoptions_create();
  rocksdb_flushoptions_set_wait(fo, 1);
  cf_options[0] = options;
  cf_options[1] = options;

  primary = rocksdb_open(options, dbpath, &err);
  CHECK_NO_ERR(err);
  cf1 = rocksdb_create_column_family(primary, options, "cf1", &err);
  CHECK_NO_ERR(err);
  Put(primary, wo, "a", "1");
  rocksdb_put_cf(primary, wo, cf1, "c", 1, "cf1", 3, &err);
  CHECK_NO_ERR(err);

  sec = rocksdb_open_as_secondary(options, dbpath, secpath, &err);
  CHECK_NO_ERR(err);
  sec_cf = rocksdb_open_as_secondary_column_families(
      options, dbpath, secpath2, 2, names, cf_options, sec_handles, &err);
  CHECK_NO_ERR(err);
  PrintGet("secondary", sec, ro, "a");
  {
    size_t len = 0;
    char* v = rocksdb_get_cf(sec_cf, ro, sec_handles[1], "c", 1, &len, &err);
    CHECK_NO_ERR(err);
    PrintBytes("secondary cf1 get c", v, len);
    rocksdb_free(v);
  }

  Put(primary, wo, "a", "2");
  Put(primary, wo, "b", "3");
  PrintGet("before catch-up", sec, ro, "a");
  rocksdb_try_catch_up_with_primary(sec, &err);
  PrintErr("catch up", &err);
  PrintGet("after catch-up", sec, ro, "a");
  PrintGet("after catch-up", sec, ro, "b");

  rocksdb_flush(primary, fo, &err);
  CHECK_NO_ERR(err);
  Put(primary, wo, "d", "4");
  rocksdb_try_catch_up_with_primary(sec, &err);
  PrintErr("catch up after a flush", &err);
  PrintGet("after flush", sec, ro, "b");
  PrintGet("after flush", sec, ro, "d");
  printf("sequence: secondary %llu primary %llu\n",
         (unsigned long long)rocksdb_get_latest_sequence_number(sec),
         (unsigned long long)rocksdb_get_latest_sequence_number(primary));

  rocksdb_put(sec, wo, "x", 1, "y", 1, &err);
  PrintErr("put on a secondary", &err);
  rocksdb_try_catch_up_with_primary(primary, &err);
  PrintErr("catch up on a primary", &err);

  rocksdb_column_family_handle_destroy(sec_handles[0]);
  rocksdb_column_family_handle_destroy(sec_handles[1]);
  rocksdb_close(sec_cf);
  rocksdb_close(sec);
  rocksdb_column_family_handle_destroy(cf1);
  rocksdb_close(primary);
  rocksdb_flushoptions_destroy(fo);
  rocksdb_readoptions_destroy(ro);
  rocksdb_writeoptions_destroy(wo);
  rocksdb_options_destroy(options);
  printf("done\n");
  return 0;
}
