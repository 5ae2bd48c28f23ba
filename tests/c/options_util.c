/* The C calls over issue 19's options helpers and DB calls: the presets,
   compression_per_level, rocksdb_get_options_from_string,
   rocksdb_load_latest_options (of the DB this program wrote),
   rocksdb_key_may_exist, rocksdb_approximate_sizes and
   rocksdb_delete_file_in_range; what they give must be librocksdb's. */
#include "c_test.h"

static void Put(rocksdb_t* db, rocksdb_writeoptions_t* wo, const char* k,
                const char* v) {
  char* err = NULL;
  rocksdb_put(db, wo, k, strlen(k), v, strlen(v), &err);
  CHECK_NO_ERR(err);
}

int main(int argc, char** argv) {
  char dbpath[4096];
  char* err = NULL;
  rocksdb_options_t* options;
  rocksdb_options_t* parsed;
  rocksdb_t* db;
  rocksdb_writeoptions_t* wo;
  rocksdb_readoptions_t* ro;
  rocksdb_flushoptions_t* fo;
  int levels[3];
  char key[32];
  int i;
  if (argc < 2) return 2;
  snprintf(dbpath, sizeof(dbpath), "%s/db", argv[1]);

  options = rocksdb_options_create();
  rocksdb_options_increase_parallelism(options, 3);
  rocksdb_options_optimize_level_style_compaction(options, 64 << 20);
  rocksdb_options_optimize_for_point_lookup(options, 16);
  printf("level0 trigger after presets: %d\n",
         rocksdb_options_get_level0_file_num_compaction_trigger(options));
  printf("write buffer after presets: %zu\n",
         rocksdb_options_get_write_buffer_size(options));
  printf("max background jobs: %d\n",
         rocksdb_options_get_max_background_jobs(options));
  printf("prefix bloom ratio: %.3f\n",
         rocksdb_options_get_memtable_prefix_bloom_size_ratio(options));
  rocksdb_options_set_memtable_prefix_bloom_size_ratio(options, 0.25);
  rocksdb_options_set_memtable_whole_key_filtering(options, 1);
  printf("prefix bloom ratio set: %.3f\n",
         rocksdb_options_get_memtable_prefix_bloom_size_ratio(options));
  levels[0] = rocksdb_no_compression;
  levels[1] = rocksdb_snappy_compression;
  levels[2] = rocksdb_lz4_compression;
  rocksdb_options_set_compression_per_level(options, levels, 3);

  parsed = rocksdb_options_create();
  rocksdb_get_options_from_string(
      options, "write_buffer_size=1048576;max_write_buffer_number=5", parsed,
      &err);
  CHECK_NO_ERR(err);
  printf("parsed write buffer: %zu max number: %d\n",
         rocksdb_options_get_write_buffer_size(parsed),
         rocksdb_options_get_max_write_buffer_number(parsed));
  rocksdb_get_options_from_string(options, "no_such_option=1", parsed, &err);
  printf("unknown option error: %s\n", err != NULL ? "yes" : "no");
  rocksdb_free(err);
  err = NULL;
  rocksdb_options_destroy(parsed);

  rocksdb_options_prepare_for_bulk_load(options);
  rocksdb_options_set_create_if_missing(options, 1);
  rocksdb_options_set_compression(options, rocksdb_no_compression);
  db = rocksdb_open(options, dbpath, &err);
  CHECK_NO_ERR(err);
  wo = rocksdb_writeoptions_create();
  ro = rocksdb_readoptions_create();
  fo = rocksdb_flushoptions_create();
  for (i = 0; i < 300; i++) {
    snprintf(key, sizeof(key), "k%04d", i);
    Put(db, wo, key, "0123456789012345678901234567890123456789");
  }
  rocksdb_flush(db, fo, &err);
  CHECK_NO_ERR(err);
  Put(db, wo, "m", "memtable");
  {
    char* value = NULL;
    size_t len = 0;
    unsigned char found = 0;
    unsigned char may =
        rocksdb_key_may_exist(db, ro, "m", 1, &value, &len, NULL, 0, &found);
    printf("key_may_exist m: %d found %d\n", may, found);
    if (found) {
      PrintBytes("value", value, len);
      rocksdb_free(value);
    }
    may = rocksdb_key_may_exist(db, ro, "zz", 2, &value, &len, NULL, 0, NULL);
    printf("key_may_exist zz: %d\n", may);
  }
  {
    const char* starts[2] = {"k0000", "x"};
    const char* limits[2] = {"k0300", "y"};
    size_t start_lens[2] = {5, 1};
    size_t limit_lens[2] = {5, 1};
    uint64_t sizes[2];
    rocksdb_approximate_sizes(db, 2, starts, start_lens, limits, limit_lens,
                              sizes, &err);
    CHECK_NO_ERR(err);
    printf("approximate sizes: %s %s\n", sizes[0] > 10000 ? "big" : "small",
           sizes[1] == 0 ? "zero" : "nonzero");
  }
  {
    rocksdb_compactoptions_t* co = rocksdb_compactoptions_create();
    char* v;
    rocksdb_compactoptions_set_change_level(co, 1);
    rocksdb_compactoptions_set_target_level(co, 1);
    rocksdb_compact_range_opt(db, co, NULL, 0, NULL, 0);
    rocksdb_compactoptions_destroy(co);
    /* How many: RocksDB rewrites the two L0 files into one, skyrocks
       moves them (they do not overlap). */
    v = rocksdb_property_value(db, "rocksdb.num-files-at-level1");
    printf("L1 files: %s\n", atoi(v) > 0 ? "some" : "none");
    rocksdb_free(v);
    rocksdb_delete_file_in_range(db, "a", 1, "z", 1, &err);
    CHECK_NO_ERR(err);
    v = rocksdb_property_value(db, "rocksdb.num-files-at-level1");
    printf("L1 files after delete_file_in_range: %s\n", v);
    rocksdb_free(v);
  }
  rocksdb_close(db);

  {
    rocksdb_options_t* db_options = NULL;
    size_t n = 0;
    char** names = NULL;
    rocksdb_options_t** cf_options = NULL;
    size_t j;
    /* librocksdb's c.cc needs an env (it reads env->rep). */
    rocksdb_env_t* env = rocksdb_create_default_env();
    rocksdb_load_latest_options(dbpath, env, false, NULL, &db_options, &n,
                                &names, &cf_options, &err);
    CHECK_NO_ERR(err);
    printf("loaded %zu column families\n", n);
    for (j = 0; j < n; j++) {
      printf("family %s num_levels %d l0 trigger %d\n", names[j],
             rocksdb_options_get_num_levels(cf_options[j]),
             rocksdb_options_get_level0_file_num_compaction_trigger(
                 cf_options[j]));
    }
    printf("db max background jobs: %d\n",
           rocksdb_options_get_max_background_jobs(db_options));
    rocksdb_load_latest_options_destroy(db_options, names, cf_options, n);
    snprintf(dbpath, sizeof(dbpath), "%s/none", argv[1]);
    rocksdb_load_latest_options(dbpath, env, false, NULL, &db_options, &n,
                                &names, &cf_options, &err);
    rocksdb_env_destroy(env);
    printf("missing dir: %s\n", err != NULL ? "error" : "ok");
    rocksdb_free(err);
  }
  rocksdb_writeoptions_destroy(wo);
  rocksdb_readoptions_destroy(ro);
  rocksdb_flushoptions_destroy(fo);
  rocksdb_options_destroy(options);
  printf("done\n");
  return 0;
}
