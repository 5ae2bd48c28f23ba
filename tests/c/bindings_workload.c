/* A workload through the calls that rust-rocksdb's and grocksdb's wrappers
   make most: options with block-based tables (Bloom filter, LRU cache),
   open_column_families / list_column_families, put_cf, get_pinned_cf (how
   rust-rocksdb reads), get_cf (grocksdb), delete_cf, write batches,
   iterators with an upper bound, snapshots, flush_cf, compact_range_cf,
   property_int_cf, rocksdb_free. 30,000 pseudo-random operations over three
   column families with 64 KiB memtables, so that flushes and compactions
   run in between; the contents are checked against reads as it goes and
   printed as FNV-1a hashes of full scans, which librocksdb 7.8.3 must
   reproduce. Leaves the DB in DIR/db. */
#include "c_test.h"

#define NUM_CFS 3
#define NUM_OPS 30000
#define KEY_SPACE 4000

static uint64_t rng_state = 0x2545F4914F6CDD1DULL;

static uint32_t NextRandom(void) {
  rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
  return (uint32_t)(rng_state >> 33);
}

static uint64_t Fnv(uint64_t h, const char* p, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    h ^= (unsigned char)p[i];
    h *= 1099511628211ULL;
  }
  return h;
}

/* Hash and count of every entry the iterator sees from first to last. */
static uint64_t ScanHash(rocksdb_iterator_t* it, int* count) {
  uint64_t h = 14695981039346656037ULL;
  size_t klen, vlen;
  char* err = NULL;
  *count = 0;
  for (rocksdb_iter_seek_to_first(it); rocksdb_iter_valid(it);
       rocksdb_iter_next(it)) {
    const char* k = rocksdb_iter_key(it, &klen);
    const char* v = rocksdb_iter_value(it, &vlen);
    h = Fnv(h, k, klen);
    h = Fnv(h, "\0", 1);
    h = Fnv(h, v, vlen);
    h = Fnv(h, "\0", 1);
    (*count)++;
  }
  rocksdb_iter_get_error(it, &err);
  CHECK_NO_ERR(err);
  return h;
}

static void MakeKey(char* buf, size_t size, uint32_t n) {
  snprintf(buf, size, "key%06u", (unsigned)n);
}

static void MakeValue(char* buf, uint32_t n, size_t len) {
  size_t i;
  for (i = 0; i < len; i++) buf[i] = (char)('a' + (n + i * 7) % 26);
}

static void PrintHashes(const char* when, rocksdb_t* db,
                        rocksdb_readoptions_t* ro,
                        rocksdb_column_family_handle_t** cfs) {
  int i, count;
  for (i = 0; i < NUM_CFS; i++) {
    rocksdb_iterator_t* it = rocksdb_create_iterator_cf(db, ro, cfs[i]);
    uint64_t h = ScanHash(it, &count);
    printf("%s cf%d: %d entries, hash %016llx\n", when, i, count,
           (unsigned long long)h);
    rocksdb_iter_destroy(it);
  }
}

int main(int argc, char** argv) {
  char dbpath[4096];
  char* err = NULL;
  const char* names[NUM_CFS] = {"default", "meta", "data"};
  const rocksdb_options_t* cf_opts[NUM_CFS];
  rocksdb_column_family_handle_t* cfs[NUM_CFS];
  rocksdb_options_t* options;
  rocksdb_block_based_table_options_t* table;
  rocksdb_cache_t* cache;
  rocksdb_writeoptions_t* wo;
  rocksdb_readoptions_t* ro;
  rocksdb_t* db;
  const rocksdb_snapshot_t* snap = NULL;
  uint64_t snap_hash = 0;
  int snap_count = 0;
  int op, i;
  char key[32];
  char value[256];

  CHECK(argc == 2);
  snprintf(dbpath, sizeof(dbpath), "%s/db", argv[1]);

  options = rocksdb_options_create();
  rocksdb_options_set_create_if_missing(options, 1);
  rocksdb_options_set_create_missing_column_families(options, 1);
  rocksdb_options_set_write_buffer_size(options, 64 << 10);
  rocksdb_options_set_target_file_size_base(options, 64 << 10);
  rocksdb_options_set_max_bytes_for_level_base(options, 256 << 10);
  rocksdb_options_set_level0_file_num_compaction_trigger(options, 2);
  rocksdb_options_set_max_background_jobs(options, 2);
  rocksdb_options_set_compression(options, rocksdb_snappy_compression);
  table = rocksdb_block_based_options_create();
  cache = rocksdb_cache_create_lru(1 << 20);
  rocksdb_block_based_options_set_block_cache(table, cache);
  rocksdb_block_based_options_set_filter_policy(
      table, rocksdb_filterpolicy_create_bloom(10));
  rocksdb_block_based_options_set_format_version(table, 5);
  rocksdb_options_set_block_based_table_factory(options, table);
  for (i = 0; i < NUM_CFS; i++) cf_opts[i] = options;

  db = rocksdb_open_column_families(options, dbpath, NUM_CFS, names, cf_opts,
                                    cfs, &err);
  CHECK_NO_ERR(err);
  wo = rocksdb_writeoptions_create();
  ro = rocksdb_readoptions_create();

  for (op = 0; op < NUM_OPS; op++) {
    uint32_t r = NextRandom();
    uint32_t k = NextRandom() % KEY_SPACE;
    int cf = (int)(r % NUM_CFS);
    size_t vlen = 10 + NextRandom() % 200;
    MakeKey(key, sizeof(key), k);
    switch ((r >> 8) % 10) {
      case 0:
      case 1: {
        rocksdb_delete_cf(db, wo, cfs[cf], key, strlen(key), &err);
        CHECK_NO_ERR(err);
        break;
      }
      case 2: {
        /* A batch of ten updates over all families. */
        rocksdb_writebatch_t* b = rocksdb_writebatch_create();
        for (i = 0; i < 10; i++) {
          uint32_t bk = NextRandom() % KEY_SPACE;
          MakeKey(key, sizeof(key), bk);
          if (i % 4 == 3) {
            rocksdb_writebatch_delete_cf(b, cfs[i % NUM_CFS], key,
                                         strlen(key));
          } else {
            MakeValue(value, bk + (uint32_t)op, vlen);
            rocksdb_writebatch_put_cf(b, cfs[i % NUM_CFS], key, strlen(key),
                                      value, vlen);
          }
        }
        rocksdb_write(db, wo, b, &err);
        CHECK_NO_ERR(err);
        rocksdb_writebatch_destroy(b);
        break;
      }
      default: {
        /* A put, read back both ways. */
        rocksdb_pinnableslice_t* p;
        size_t got_len;
        const char* got;
        char* copy;
        MakeValue(value, k + (uint32_t)op, vlen);
        rocksdb_put_cf(db, wo, cfs[cf], key, strlen(key), value, vlen, &err);
        CHECK_NO_ERR(err);
        p = rocksdb_get_pinned_cf(db, ro, cfs[cf], key, strlen(key), &err);
        CHECK_NO_ERR(err);
        CHECK(p != NULL);
        got = rocksdb_pinnableslice_value(p, &got_len);
        CHECK(got_len == vlen && memcmp(got, value, vlen) == 0);
        rocksdb_pinnableslice_destroy(p);
        copy = rocksdb_get_cf(db, ro, cfs[cf], key, strlen(key), &got_len,
                              &err);
        CHECK_NO_ERR(err);
        CHECK(copy != NULL && got_len == vlen &&
              memcmp(copy, value, vlen) == 0);
        rocksdb_free(copy);
        break;
      }
    }
    if (op == NUM_OPS / 3) {
      rocksdb_readoptions_t* sro = rocksdb_readoptions_create();
      rocksdb_iterator_t* it;
      snap = rocksdb_create_snapshot(db);
      rocksdb_readoptions_set_snapshot(sro, snap);
      it = rocksdb_create_iterator_cf(db, sro, cfs[2]);
      snap_hash = ScanHash(it, &snap_count);
      rocksdb_iter_destroy(it);
      rocksdb_readoptions_destroy(sro);
      printf("snapshot at op %d: %d entries, hash %016llx\n", op, snap_count,
             (unsigned long long)snap_hash);
    }
    if (op % 10000 == 9999) {
      char when[32];
      snprintf(when, sizeof(when), "after %d ops", op + 1);
      PrintHashes(when, db, ro, cfs);
    }
  }

  /* The snapshot still sees what it saw. */
  {
    rocksdb_readoptions_t* sro = rocksdb_readoptions_create();
    rocksdb_iterator_t* it;
    int count;
    uint64_t h;
    rocksdb_readoptions_set_snapshot(sro, snap);
    it = rocksdb_create_iterator_cf(db, sro, cfs[2]);
    h = ScanHash(it, &count);
    CHECK(h == snap_hash && count == snap_count);
    rocksdb_iter_destroy(it);
    rocksdb_readoptions_destroy(sro);
    rocksdb_release_snapshot(db, snap);
    printf("snapshot unchanged: %d entries\n", count);
  }

  /* An upper-bounded scan of a key prefix. */
  {
    rocksdb_readoptions_t* bro = rocksdb_readoptions_create();
    rocksdb_iterator_t* it;
    int count = 0;
    size_t klen;
    rocksdb_readoptions_set_iterate_upper_bound(bro, "key001000", 9);
    it = rocksdb_create_iterator_cf(db, bro, cfs[1]);
    for (rocksdb_iter_seek(it, "key000500", 9); rocksdb_iter_valid(it);
         rocksdb_iter_next(it)) {
      const char* k = rocksdb_iter_key(it, &klen);
      CHECK(klen == 9 && memcmp(k, "key001000", 9) < 0 &&
            memcmp(k, "key000500", 9) >= 0);
      count++;
    }
    printf("bounded scan of meta: %d keys\n", count);
    rocksdb_iter_destroy(it);
    rocksdb_readoptions_destroy(bro);
  }

  /* Flush and compact everything; the contents do not change. */
  {
    rocksdb_flushoptions_t* fo = rocksdb_flushoptions_create();
    uint64_t n = 0;
    for (i = 0; i < NUM_CFS; i++) {
      rocksdb_flush_cf(db, fo, cfs[i], &err);
      CHECK_NO_ERR(err);
      rocksdb_compact_range_cf(db, cfs[i], NULL, 0, NULL, 0);
      CHECK(rocksdb_property_int_cf(db, cfs[i],
                                    "rocksdb.num-entries-active-mem-table",
                                    &n) == 0);
      printf("cf%d num-entries-active-mem-table after flush: %llu\n", i,
             (unsigned long long)n);
      {
        char* files = rocksdb_property_value_cf(db, cfs[i],
                                                "rocksdb.num-files-at-level0");
        printf("cf%d num-files-at-level0 after compaction: %s\n", i, files);
        rocksdb_free(files);
      }
    }
    rocksdb_flushoptions_destroy(fo);
  }
  PrintHashes("compacted", db, ro, cfs);
  for (i = 0; i < NUM_CFS; i++) rocksdb_column_family_handle_destroy(cfs[i]);
  rocksdb_close(db);

  /* Reopen with the listed families. */
  {
    size_t n;
    char** listed = rocksdb_list_column_families(options, dbpath, &n, &err);
    CHECK_NO_ERR(err);
    CHECK(n == NUM_CFS);
    for (i = 0; i < NUM_CFS; i++) printf("listed: %s\n", listed[i]);
    db = rocksdb_open_column_families(options, dbpath, NUM_CFS,
                                      (const char* const*)listed, cf_opts, cfs,
                                      &err);
    CHECK_NO_ERR(err);
    PrintHashes("reopened", db, ro, cfs);
    for (i = 0; i < NUM_CFS; i++) {
      rocksdb_column_family_handle_destroy(cfs[i]);
    }
    rocksdb_close(db);
    rocksdb_list_column_families_destroy(listed, n);
  }

  rocksdb_writeoptions_destroy(wo);
  rocksdb_readoptions_destroy(ro);
  rocksdb_block_based_options_destroy(table);
  rocksdb_cache_destroy(cache);
  rocksdb_options_destroy(options);
  printf("done\n");
  return 0;
}
