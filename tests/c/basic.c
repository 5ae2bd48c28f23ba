/* The C API's everyday calls on one DB: options and their getters, open
   (and its errors), put/get/delete, multi_get, get_pinned, write batches
   (contents, iteration, save points, encoding), iterators with bounds,
   snapshots, flush, compaction, properties, live files, a checkpoint, and
   a read-only open. Leaves the final DB in DIR/db. */
#include "c_test.h"

static void OnPut(void* state, const char* k, size_t klen, const char* v,
                  size_t vlen) {
  (void)state;
  PrintBytes("  batch put key", k, klen);
  PrintBytes("  batch put value", v, vlen);
}

static void OnDelete(void* state, const char* k, size_t klen) {
  (void)state;
  PrintBytes("  batch delete key", k, klen);
}

static void Put(rocksdb_t* db, rocksdb_writeoptions_t* wo, const char* k,
                const char* v) {
  char* err = NULL;
  rocksdb_put(db, wo, k, strlen(k), v, strlen(v), &err);
  CHECK_NO_ERR(err);
}

/* The iterator's current key (or value), printed. */
static void PrintKey(const char* what, rocksdb_iterator_t* it) {
  size_t len;
  const char* k = rocksdb_iter_key(it, &len);
  PrintBytes(what, k, len);
}

static void PrintValue(const char* what, rocksdb_iterator_t* it) {
  size_t len;
  const char* v = rocksdb_iter_value(it, &len);
  PrintBytes(what, v, len);
}

static void PrintGet(rocksdb_t* db, rocksdb_readoptions_t* ro, const char* k) {
  char* err = NULL;
  size_t vlen = 99;
  char* v = rocksdb_get(db, ro, k, strlen(k), &vlen, &err);
  CHECK_NO_ERR(err);
  printf("get %s -> ", k);
  PrintBytes("value", v, vlen);
  if (v == NULL) CHECK(vlen == 0);
  rocksdb_free(v);
}

int main(int argc, char** argv) {
  const char* dir;
  char dbpath[4096];
  char* err = NULL;
  rocksdb_options_t* options;
  rocksdb_block_based_table_options_t* table;
  rocksdb_cache_t* cache;
  rocksdb_t* db;
  rocksdb_writeoptions_t* wo;
  rocksdb_readoptions_t* ro;
  rocksdb_writebatch_t* batch;
  rocksdb_iterator_t* it;
  size_t klen, vlen, i;

  CHECK(argc == 2);
  dir = argv[1];
  snprintf(dbpath, sizeof(dbpath), "%s/db", dir);

  /* Options: setters and their getters. */
  options = rocksdb_options_create();
  rocksdb_options_set_create_if_missing(options, 1);
  rocksdb_options_set_error_if_exists(options, 1);
  rocksdb_options_set_write_buffer_size(options, 1 << 20);
  rocksdb_options_set_max_open_files(options, -1);
  rocksdb_options_set_compression(options, rocksdb_lz4_compression);
  rocksdb_options_set_max_background_jobs(options, 4);
  rocksdb_options_set_level0_file_num_compaction_trigger(options, 8);
  rocksdb_options_set_wal_recovery_mode(options,
                                        rocksdb_point_in_time_recovery);
  printf("create_if_missing=%d error_if_exists=%d write_buffer_size=%zu\n",
         rocksdb_options_get_create_if_missing(options),
         rocksdb_options_get_error_if_exists(options),
         rocksdb_options_get_write_buffer_size(options));
  printf("max_open_files=%d compression=%d max_background_jobs=%d\n",
         rocksdb_options_get_max_open_files(options),
         rocksdb_options_get_compression(options),
         rocksdb_options_get_max_background_jobs(options));
  printf("l0_trigger=%d wal_recovery_mode=%d num_levels=%d\n",
         rocksdb_options_get_level0_file_num_compaction_trigger(options),
         rocksdb_options_get_wal_recovery_mode(options),
         rocksdb_options_get_num_levels(options));
  printf("defaults: max_write_buffer_number=%d target_file_size_base=%llu "
         "paranoid_checks=%d\n",
         rocksdb_options_get_max_write_buffer_number(options),
         (unsigned long long)rocksdb_options_get_target_file_size_base(options),
         rocksdb_options_get_paranoid_checks(options));

  table = rocksdb_block_based_options_create();
  cache = rocksdb_cache_create_lru(4 << 20);
  rocksdb_block_based_options_set_block_cache(table, cache);
  rocksdb_block_based_options_set_filter_policy(
      table, rocksdb_filterpolicy_create_bloom_full(10));
  rocksdb_block_based_options_set_block_size(table, 4096);
  rocksdb_block_based_options_set_cache_index_and_filter_blocks(table, 1);
  rocksdb_options_set_block_based_table_factory(options, table);
  printf("cache capacity=%zu\n", rocksdb_cache_get_capacity(cache));

  db = rocksdb_open(options, dbpath, &err);
  CHECK_NO_ERR(err);
  CHECK(db != NULL);

  /* A second open fails: the DB is locked (or exists, with
     error_if_exists). */
  {
    rocksdb_t* again = rocksdb_open(options, dbpath, &err);
    CHECK(again == NULL);
    CHECK(err != NULL);
    PrintErrKind("second open", &err);
  }

  wo = rocksdb_writeoptions_create();
  ro = rocksdb_readoptions_create();
  rocksdb_writeoptions_set_sync(wo, 1);
  printf("sync=%d disable_WAL=%d verify_checksums=%d fill_cache=%d\n",
         rocksdb_writeoptions_get_sync(wo),
         rocksdb_writeoptions_get_disable_WAL(wo),
         rocksdb_readoptions_get_verify_checksums(ro),
         rocksdb_readoptions_get_fill_cache(ro));
  rocksdb_writeoptions_set_sync(wo, 0);

  /* Puts, gets, deletes. */
  Put(db, wo, "apple", "red");
  Put(db, wo, "banana", "yellow");
  Put(db, wo, "cherry", "dark red");
  {
    static const char bin_key[] = {'b', 'i', 'n', 0, 1};
    static const char bin_val[] = {0, 'x', (char)0xff};
    rocksdb_put(db, wo, bin_key, sizeof(bin_key), bin_val, sizeof(bin_val),
                &err);
    CHECK_NO_ERR(err);
    {
      char* v = rocksdb_get(db, ro, bin_key, sizeof(bin_key), &vlen, &err);
      CHECK_NO_ERR(err);
      PrintBytes("get binary key", v, vlen);
      rocksdb_free(v);
    }
  }
  PrintGet(db, ro, "apple");
  PrintGet(db, ro, "durian");
  rocksdb_delete(db, wo, "banana", 6, &err);
  CHECK_NO_ERR(err);
  PrintGet(db, ro, "banana");
  Put(db, wo, "single", "once");
  rocksdb_singledelete(db, wo, "single", 6, &err);
  CHECK_NO_ERR(err);
  PrintGet(db, ro, "single");

  /* multi_get: found, missing, found. */
  {
    const char* keys[3] = {"apple", "banana", "cherry"};
    size_t key_sizes[3] = {5, 6, 6};
    char* values[3];
    size_t value_sizes[3];
    char* errs[3];
    rocksdb_multi_get(db, ro, 3, keys, key_sizes, values, value_sizes, errs);
    for (i = 0; i < 3; i++) {
      CHECK(errs[i] == NULL);
      printf("multi_get %s -> ", keys[i]);
      PrintBytes("value", values[i], value_sizes[i]);
      rocksdb_free(values[i]);
    }
  }

  /* get_pinned. */
  {
    rocksdb_pinnableslice_t* p = rocksdb_get_pinned(db, ro, "cherry", 6, &err);
    CHECK_NO_ERR(err);
    CHECK(p != NULL);
    {
      const char* v = rocksdb_pinnableslice_value(p, &vlen);
      PrintBytes("get_pinned cherry", v, vlen);
    }
    rocksdb_pinnableslice_destroy(p);
    p = rocksdb_get_pinned(db, ro, "nothing", 7, &err);
    CHECK_NO_ERR(err);
    printf("get_pinned nothing is NULL: %d\n", p == NULL);
  }

  /* Write batches. */
  batch = rocksdb_writebatch_create();
  rocksdb_writebatch_put(batch, "k1", 2, "v1", 2);
  rocksdb_writebatch_put(batch, "k2", 2, "v2", 2);
  rocksdb_writebatch_delete(batch, "apple", 5);
  rocksdb_writebatch_set_save_point(batch);
  rocksdb_writebatch_put(batch, "rolled back", 11, "x", 1);
  rocksdb_writebatch_rollback_to_save_point(batch, &err);
  CHECK_NO_ERR(err);
  rocksdb_writebatch_rollback_to_save_point(batch, &err);
  PrintErrKind("rollback without a save point", &err);
  {
    const char* kparts[2] = {"k", "3"};
    size_t ksizes[2] = {1, 1};
    const char* vparts[3] = {"v", "-", "3"};
    size_t vsizes[3] = {1, 1, 1};
    rocksdb_writebatch_putv(batch, 2, kparts, ksizes, 3, vparts, vsizes);
  }
  rocksdb_writebatch_put_log_data(batch, "blob", 4);
  printf("batch count=%d\n", rocksdb_writebatch_count(batch));
  printf("batch iterate:\n");
  rocksdb_writebatch_iterate(batch, NULL, OnPut, OnDelete);
  {
    const char* data = rocksdb_writebatch_data(batch, &klen);
    rocksdb_writebatch_t* copy;
    PrintBytes("batch data", data, klen);
    copy = rocksdb_writebatch_create_from(data, klen);
    printf("copy count=%d\n", rocksdb_writebatch_count(copy));
    rocksdb_writebatch_destroy(copy);
  }
  rocksdb_write(db, wo, batch, &err);
  CHECK_NO_ERR(err);
  rocksdb_writebatch_clear(batch);
  printf("cleared count=%d\n", rocksdb_writebatch_count(batch));
  rocksdb_writebatch_delete_range(batch, "k2", 2, "k3", 2);
  rocksdb_write(db, wo, batch, &err);
  CHECK_NO_ERR(err);
  rocksdb_writebatch_destroy(batch);
  PrintGet(db, ro, "apple");
  PrintGet(db, ro, "k1");
  PrintGet(db, ro, "k2");
  PrintGet(db, ro, "k3");

  /* Snapshots: a read at the snapshot does not see later writes. */
  {
    const rocksdb_snapshot_t* snap = rocksdb_create_snapshot(db);
    rocksdb_readoptions_t* snap_ro = rocksdb_readoptions_create();
    Put(db, wo, "k1", "changed");
    Put(db, wo, "late", "after snapshot");
    rocksdb_readoptions_set_snapshot(snap_ro, snap);
    printf("at snapshot:\n");
    PrintGet(db, snap_ro, "k1");
    PrintGet(db, snap_ro, "late");
    it = rocksdb_create_iterator(db, snap_ro);
    PrintAll("snapshot iterator", it);
    rocksdb_iter_destroy(it);
    rocksdb_readoptions_destroy(snap_ro);
    rocksdb_release_snapshot(db, snap);
    printf("now:\n");
    PrintGet(db, ro, "k1");
  }

  /* Flush, then iterate over memtable + SST. */
  {
    rocksdb_flushoptions_t* fo = rocksdb_flushoptions_create();
    printf("flush wait=%d\n", rocksdb_flushoptions_get_wait(fo));
    rocksdb_flush(db, fo, &err);
    CHECK_NO_ERR(err);
    rocksdb_flushoptions_destroy(fo);
  }
  Put(db, wo, "zebra", "stripes");
  it = rocksdb_create_iterator(db, ro);
  PrintAll("iterator", it);
  rocksdb_iter_seek(it, "c", 1);
  PrintKey("seek c", it);
  rocksdb_iter_seek_for_prev(it, "kz", 2);
  PrintKey("seek_for_prev kz", it);
  rocksdb_iter_prev(it);
  PrintKey("prev", it);
  rocksdb_iter_seek_to_last(it);
  PrintKey("last", it);
  PrintValue("last value", it);
  rocksdb_iter_next(it);
  printf("valid after last: %d\n", rocksdb_iter_valid(it));
  rocksdb_iter_get_error(it, &err);
  CHECK_NO_ERR(err);
  rocksdb_iter_destroy(it);

  /* Bounds: [c, late). */
  {
    rocksdb_readoptions_t* bounded = rocksdb_readoptions_create();
    char lower[2] = {'c', 0};
    rocksdb_readoptions_set_iterate_lower_bound(bounded, lower, 1);
    rocksdb_readoptions_set_iterate_upper_bound(bounded, "late", 4);
    it = rocksdb_create_iterator(db, bounded);
    PrintAll("bounded iterator", it);
    rocksdb_iter_destroy(it);
    rocksdb_readoptions_destroy(bounded);
  }

  /* Compaction and properties. */
  {
    uint64_t n = 99;
    char* prop;
    rocksdb_compactoptions_t* co = rocksdb_compactoptions_create();
    rocksdb_compact_range(db, NULL, 0, NULL, 0);
    prop = rocksdb_property_value(db, "rocksdb.num-files-at-level0");
    printf("num-files-at-level0 after compact_range: %s\n", prop);
    rocksdb_free(prop);
    rocksdb_compactoptions_set_bottommost_level_compaction(co, 2);
    rocksdb_compactoptions_set_change_level(co, 1);
    rocksdb_compactoptions_set_target_level(co, 1);
    printf("compactoptions change_level=%d target_level=%d bottommost=%d\n",
           rocksdb_compactoptions_get_change_level(co),
           rocksdb_compactoptions_get_target_level(co),
           rocksdb_compactoptions_get_bottommost_level_compaction(co));
    rocksdb_compact_range_opt(db, co, "a", 1, "z", 1);
    rocksdb_compactoptions_destroy(co);
    prop = rocksdb_property_value(db, "rocksdb.num-files-at-level1");
    printf("num-files-at-level1 after compact_range_opt: %s\n", prop);
    rocksdb_free(prop);
    printf("property_int num-snapshots: %d ",
           rocksdb_property_int(db, "rocksdb.num-snapshots", &n));
    printf("%llu\n", (unsigned long long)n);
    printf("property_int stats: %d\n",
           rocksdb_property_int(db, "rocksdb.stats", &n));
    prop = rocksdb_property_value(db, "rocksdb.no-such-property");
    printf("unknown property is NULL: %d\n", prop == NULL);
  }

  /* Live files. */
  {
    const rocksdb_livefiles_t* lf = rocksdb_livefiles(db);
    int count = rocksdb_livefiles_count(lf);
    int f;
    printf("live files: %d\n", count);
    for (f = 0; f < count; f++) {
      printf("  cf=%s level=%d entries=%llu deletions=%llu size>0=%d\n",
             rocksdb_livefiles_column_family_name(lf, f),
             rocksdb_livefiles_level(lf, f),
             (unsigned long long)rocksdb_livefiles_entries(lf, f),
             (unsigned long long)rocksdb_livefiles_deletions(lf, f),
             rocksdb_livefiles_size(lf, f) > 0);
      {
        const char* smallest = rocksdb_livefiles_smallestkey(lf, f, &klen);
        PrintBytes("  smallest", smallest, klen);
      }
      {
        const char* largest = rocksdb_livefiles_largestkey(lf, f, &klen);
        PrintBytes("  largest", largest, klen);
      }
    }
    rocksdb_livefiles_destroy(lf);
  }

  /* A checkpoint, opened read-only. */
  {
    rocksdb_checkpoint_t* cp = rocksdb_checkpoint_object_create(db, &err);
    rocksdb_options_t* ro_options = rocksdb_options_create();
    rocksdb_t* cpdb;
    CHECK_NO_ERR(err);
    rocksdb_checkpoint_create(cp, PathIn(dir, "checkpoint"), 0, &err);
    CHECK_NO_ERR(err);
    rocksdb_checkpoint_create(cp, PathIn(dir, "checkpoint"), 0, &err);
    PrintErrKind("checkpoint into an existing directory", &err);
    rocksdb_checkpoint_object_destroy(cp);
    cpdb = rocksdb_open_for_read_only(ro_options, PathIn(dir, "checkpoint"), 0,
                                      &err);
    CHECK_NO_ERR(err);
    it = rocksdb_create_iterator(cpdb, ro);
    PrintAll("checkpoint", it);
    rocksdb_iter_destroy(it);
    rocksdb_put(cpdb, wo, "x", 1, "y", 1, &err);
    PrintErrKind("put into a read-only DB", &err);
    rocksdb_close(cpdb);
    rocksdb_options_destroy(ro_options);
  }

  rocksdb_flush_wal(db, 1, &err);
  CHECK_NO_ERR(err);
  rocksdb_close(db);

  /* Reopen: error_if_exists now fails; without it, the data is there. */
  db = rocksdb_open(options, dbpath, &err);
  CHECK(db == NULL);
  PrintErrKind("open with error_if_exists", &err);
  rocksdb_options_set_error_if_exists(options, 0);
  db = rocksdb_open(options, dbpath, &err);
  CHECK_NO_ERR(err);
  it = rocksdb_create_iterator(db, ro);
  PrintAll("after reopen", it);
  rocksdb_iter_destroy(it);
  printf("cache usage>0: %d\n", rocksdb_cache_get_usage(cache) > 0);
  rocksdb_close(db);

  /* destroy_db on a copy leaves nothing to open. */
  {
    rocksdb_options_t* plain = rocksdb_options_create();
    rocksdb_destroy_db(plain, PathIn(dir, "checkpoint"), &err);
    CHECK_NO_ERR(err);
    db = rocksdb_open(plain, PathIn(dir, "checkpoint"), &err);
    CHECK(db == NULL);
    PrintErrKind("open a destroyed DB without create_if_missing", &err);
    rocksdb_options_destroy(plain);
  }

  rocksdb_writeoptions_destroy(wo);
  rocksdb_readoptions_destroy(ro);
  rocksdb_block_based_options_destroy(table);
  rocksdb_cache_destroy(cache);
  rocksdb_options_destroy(options);
  printf("done\n");
  return 0;
}
