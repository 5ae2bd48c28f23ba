/* The C API with column families: open with missing families created,
   create/drop, the *_cf reads and writes, write batches across families,
   multi_get_cf and batched_multi_get_cf, iterators per family, properties
   per family, list_column_families, and reopening read-only and
   read-write with the listed families. Leaves the final DB in DIR/db. */
#include "c_test.h"

static void PrintGetCf(rocksdb_t* db, rocksdb_readoptions_t* ro,
                       rocksdb_column_family_handle_t* cf, const char* what,
                       const char* k) {
  char* err = NULL;
  size_t vlen = 0;
  char* v = rocksdb_get_cf(db, ro, cf, k, strlen(k), &vlen, &err);
  CHECK_NO_ERR(err);
  printf("get_cf %s %s -> ", what, k);
  PrintBytes("value", v, vlen);
  rocksdb_free(v);
}

static void PutCf(rocksdb_t* db, rocksdb_writeoptions_t* wo,
                  rocksdb_column_family_handle_t* cf, const char* k,
                  const char* v) {
  char* err = NULL;
  rocksdb_put_cf(db, wo, cf, k, strlen(k), v, strlen(v), &err);
  CHECK_NO_ERR(err);
}

int main(int argc, char** argv) {
  char dbpath[4096];
  char* err = NULL;
  rocksdb_options_t* options;
  rocksdb_options_t* cf_options;
  rocksdb_t* db;
  rocksdb_writeoptions_t* wo;
  rocksdb_readoptions_t* ro;
  rocksdb_column_family_handle_t* handles[2];
  rocksdb_column_family_handle_t* cf2;
  rocksdb_iterator_t* it;
  size_t i, n;

  CHECK(argc == 2);
  snprintf(dbpath, sizeof(dbpath), "%s/db", argv[1]);
  options = rocksdb_options_create();
  rocksdb_options_set_create_if_missing(options, 1);
  rocksdb_options_set_create_missing_column_families(options, 1);
  cf_options = rocksdb_options_create_copy(options);
  rocksdb_options_set_write_buffer_size(cf_options, 256 << 10);
  printf("cf copy create_missing_column_families=%d write_buffer_size=%zu\n",
         rocksdb_options_get_create_missing_column_families(cf_options),
         rocksdb_options_get_write_buffer_size(cf_options));
  wo = rocksdb_writeoptions_create();
  ro = rocksdb_readoptions_create();

  {
    const char* names[2] = {"default", "cf1"};
    const rocksdb_options_t* opts[2] = {options, cf_options};
    db = rocksdb_open_column_families(options, dbpath, 2, names, opts, handles,
                                      &err);
    CHECK_NO_ERR(err);
  }
  {
    size_t len;
    char* name = rocksdb_column_family_handle_get_name(handles[1], &len);
    PrintBytes("handle 1 name", name, len);
    rocksdb_free(name);
    printf("ids: %u %u\n", rocksdb_column_family_handle_get_id(handles[0]),
           rocksdb_column_family_handle_get_id(handles[1]));
  }

  PutCf(db, wo, handles[1], "a", "cf1-a");
  PutCf(db, wo, handles[1], "b", "cf1-b");
  PutCf(db, wo, handles[0], "a", "default-a");
  PrintGetCf(db, ro, handles[1], "cf1", "a");
  PrintGetCf(db, ro, handles[0], "default", "a");
  PrintGetCf(db, ro, handles[0], "default", "b");

  cf2 = rocksdb_create_column_family(db, cf_options, "cf2", &err);
  CHECK_NO_ERR(err);
  printf("cf2 id: %u\n", rocksdb_column_family_handle_get_id(cf2));
  {
    rocksdb_column_family_handle_t* again =
        rocksdb_create_column_family(db, cf_options, "cf2", &err);
    PrintErrKind("create an existing column family", &err);
    rocksdb_column_family_handle_destroy(again);
  }

  /* A batch across three families. */
  {
    rocksdb_writebatch_t* b = rocksdb_writebatch_create();
    rocksdb_writebatch_put_cf(b, cf2, "x", 1, "cf2-x", 5);
    rocksdb_writebatch_put_cf(b, cf2, "y", 1, "cf2-y", 5);
    rocksdb_writebatch_put_cf(b, cf2, "z", 1, "cf2-z", 5);
    rocksdb_writebatch_delete_cf(b, handles[1], "b", 1);
    rocksdb_writebatch_put_cf(b, handles[0], "c", 1, "default-c", 9);
    rocksdb_writebatch_singledelete_cf(b, handles[0], "a", 1);
    {
      const char* parts[2] = {"c", "1"};
      size_t sizes[2] = {1, 1};
      rocksdb_writebatch_putv_cf(b, handles[1], 2, parts, sizes, 2, parts,
                                 sizes);
      rocksdb_writebatch_deletev_cf(b, cf2, 1, parts + 1, sizes + 1);
    }
    rocksdb_writebatch_delete_range_cf(b, cf2, "y", 1, "z", 1);
    printf("batch count=%d\n", rocksdb_writebatch_count(b));
    rocksdb_write(db, wo, b, &err);
    CHECK_NO_ERR(err);
    rocksdb_writebatch_destroy(b);
  }
  PrintGetCf(db, ro, cf2, "cf2", "x");
  PrintGetCf(db, ro, cf2, "cf2", "y");
  PrintGetCf(db, ro, handles[1], "cf1", "b");
  PrintGetCf(db, ro, handles[1], "cf1", "c1");
  PrintGetCf(db, ro, handles[0], "default", "a");

  /* multi_get_cf across families. */
  {
    const rocksdb_column_family_handle_t* cfs[4] = {handles[0], handles[1],
                                                    cf2, cf2};
    const char* keys[4] = {"c", "a", "x", "y"};
    size_t key_sizes[4] = {1, 1, 1, 1};
    char* values[4];
    size_t value_sizes[4];
    char* errs[4];
    rocksdb_multi_get_cf(db, ro, cfs, 4, keys, key_sizes, values, value_sizes,
                         errs);
    for (i = 0; i < 4; i++) {
      CHECK(errs[i] == NULL);
      printf("multi_get_cf %zu -> ", i);
      PrintBytes("value", values[i], value_sizes[i]);
      rocksdb_free(values[i]);
    }
  }
  {
    const char* keys[3] = {"a", "b", "c1"};
    size_t key_sizes[3] = {1, 1, 2};
    rocksdb_pinnableslice_t* values[3];
    char* errs[3];
    rocksdb_batched_multi_get_cf(db, ro, handles[1], 3, keys, key_sizes,
                                 values, errs, false);
    for (i = 0; i < 3; i++) {
      size_t vlen;
      const char* v;
      CHECK(errs[i] == NULL);
      v = rocksdb_pinnableslice_value(values[i], &vlen);
      printf("batched_multi_get_cf %s -> ", keys[i]);
      PrintBytes("value", v, vlen);
      if (values[i] != NULL) rocksdb_pinnableslice_destroy(values[i]);
    }
  }
  {
    rocksdb_pinnableslice_t* p =
        rocksdb_get_pinned_cf(db, ro, cf2, "x", 1, &err);
    size_t vlen;
    const char* v;
    CHECK_NO_ERR(err);
    v = rocksdb_pinnableslice_value(p, &vlen);
    PrintBytes("get_pinned_cf cf2 x", v, vlen);
    rocksdb_pinnableslice_destroy(p);
  }

  /* Iterators, one family at a time and together. */
  it = rocksdb_create_iterator_cf(db, ro, handles[1]);
  PrintAll("cf1", it);
  rocksdb_iter_destroy(it);
  {
    rocksdb_column_family_handle_t* cfs[3] = {handles[0], handles[1], cf2};
    rocksdb_iterator_t* its[3];
    rocksdb_create_iterators(db, ro, cfs, its, 3, &err);
    CHECK_NO_ERR(err);
    for (i = 0; i < 3; i++) {
      PrintAll("create_iterators", its[i]);
      rocksdb_iter_destroy(its[i]);
    }
  }

  /* Flush one family; properties per family. */
  {
    rocksdb_flushoptions_t* fo = rocksdb_flushoptions_create();
    uint64_t v = 0;
    char* prop;
    rocksdb_flush_cf(db, fo, handles[1], &err);
    CHECK_NO_ERR(err);
    rocksdb_flushoptions_destroy(fo);
    prop = rocksdb_property_value_cf(db, handles[1],
                                     "rocksdb.num-files-at-level0");
    printf("cf1 num-files-at-level0: %s\n", prop);
    rocksdb_free(prop);
    prop = rocksdb_property_value_cf(db, cf2, "rocksdb.num-files-at-level0");
    printf("cf2 num-files-at-level0: %s\n", prop);
    rocksdb_free(prop);
    printf("cf2 num-entries-active-mem-table: %d ",
           rocksdb_property_int_cf(db, cf2,
                                   "rocksdb.num-entries-active-mem-table",
                                   &v));
    printf("%llu\n", (unsigned long long)v);
    rocksdb_compact_range_cf(db, handles[1], NULL, 0, NULL, 0);
    prop = rocksdb_property_value_cf(db, handles[1],
                                     "rocksdb.num-files-at-level0");
    printf("cf1 num-files-at-level0 after compact_range_cf: %s\n", prop);
    rocksdb_free(prop);
  }

  /* Column family metadata, level by level. */
  {
    rocksdb_column_family_metadata_t* meta =
        rocksdb_get_column_family_metadata_cf(db, handles[1]);
    char* name = rocksdb_column_family_metadata_get_name(meta);
    size_t levels = rocksdb_column_family_metadata_get_level_count(meta);
    size_t l, f;
    printf("metadata %s: levels=%zu files=%zu size>0=%d\n", name, levels,
           rocksdb_column_family_metadata_get_file_count(meta),
           rocksdb_column_family_metadata_get_size(meta) > 0);
    rocksdb_free(name);
    CHECK(rocksdb_column_family_metadata_get_level_metadata(meta, levels) ==
          NULL);
    for (l = 0; l < levels; l++) {
      rocksdb_level_metadata_t* level =
          rocksdb_column_family_metadata_get_level_metadata(meta, l);
      size_t files = rocksdb_level_metadata_get_file_count(level);
      if (files > 0) {
        printf("  level %d: files=%zu size>0=%d\n",
               rocksdb_level_metadata_get_level(level), files,
               rocksdb_level_metadata_get_size(level) > 0);
      }
      for (f = 0; f < files; f++) {
        rocksdb_sst_file_metadata_t* file =
            rocksdb_level_metadata_get_sst_file_metadata(level, f);
        char* fname = rocksdb_sst_file_metadata_get_relative_filename(file);
        size_t klen;
        char* key;
        CHECK(strlen(fname) > 4 &&
              strcmp(fname + strlen(fname) - 4, ".sst") == 0);
        rocksdb_free(fname);
        key = rocksdb_sst_file_metadata_get_smallestkey(file, &klen);
        PrintBytes("    smallest", key, klen);
        rocksdb_free(key);
        key = rocksdb_sst_file_metadata_get_largestkey(file, &klen);
        PrintBytes("    largest", key, klen);
        rocksdb_free(key);
        printf("    size>0=%d\n", rocksdb_sst_file_metadata_get_size(file) > 0);
        rocksdb_sst_file_metadata_destroy(file);
      }
      CHECK(rocksdb_level_metadata_get_sst_file_metadata(level, files) ==
            NULL);
      rocksdb_level_metadata_destroy(level);
    }
    rocksdb_column_family_metadata_destroy(meta);
  }
  {
    rocksdb_column_family_metadata_t* meta =
        rocksdb_get_column_family_metadata(db);
    char* name = rocksdb_column_family_metadata_get_name(meta);
    printf("default metadata %s: files=%zu\n", name,
           rocksdb_column_family_metadata_get_file_count(meta));
    rocksdb_free(name);
    rocksdb_column_family_metadata_destroy(meta);
  }

  rocksdb_drop_column_family(db, cf2, &err);
  CHECK_NO_ERR(err);
  rocksdb_column_family_handle_destroy(cf2);
  for (i = 0; i < 2; i++) rocksdb_column_family_handle_destroy(handles[i]);
  rocksdb_close(db);

  /* The DB lists default and cf1 (cf2 was dropped). */
  {
    char** names = rocksdb_list_column_families(options, dbpath, &n, &err);
    rocksdb_options_t* opts[8];
    rocksdb_column_family_handle_t* ro_handles[8];
    CHECK_NO_ERR(err);
    CHECK(n <= 8);
    printf("column families: %zu\n", n);
    for (i = 0; i < n; i++) {
      printf("  %s\n", names[i]);
      opts[i] = options;
    }
    db = rocksdb_open_for_read_only_column_families(
        options, dbpath, (int)n, (const char* const*)names,
        (const rocksdb_options_t* const*)opts, ro_handles, 0, &err);
    CHECK_NO_ERR(err);
    for (i = 0; i < n; i++) {
      it = rocksdb_create_iterator_cf(db, ro, ro_handles[i]);
      PrintAll(names[i], it);
      rocksdb_iter_destroy(it);
    }
    rocksdb_put_cf(db, wo, ro_handles[0], "k", 1, "v", 1, &err);
    PrintErrKind("put_cf into a read-only DB", &err);
    for (i = 0; i < n; i++) rocksdb_column_family_handle_destroy(ro_handles[i]);
    rocksdb_close(db);
    rocksdb_list_column_families_destroy(names, n);
  }

  /* Opening without every family fails; with them, writes go on. */
  {
    const char* names[1] = {"default"};
    const rocksdb_options_t* opts[1] = {options};
    rocksdb_column_family_handle_t* one[1];
    db = rocksdb_open_column_families(options, dbpath, 1, names, opts, one,
                                      &err);
    CHECK(db == NULL);
    PrintErrKind("open without cf1", &err);
  }
  {
    const char* names[2] = {"default", "cf1"};
    const rocksdb_options_t* opts[2] = {options, cf_options};
    db = rocksdb_open_column_families(options, dbpath, 2, names, opts, handles,
                                      &err);
    CHECK_NO_ERR(err);
    PutCf(db, wo, handles[1], "after", "reopen");
    rocksdb_delete_range_cf(db, wo, handles[1], "a", 1, "b", 1, &err);
    CHECK_NO_ERR(err);
    rocksdb_delete_cf(db, wo, handles[0], "c", 1, &err);
    CHECK_NO_ERR(err);
    it = rocksdb_create_iterator_cf(db, ro, handles[1]);
    PrintAll("cf1 at the end", it);
    rocksdb_iter_destroy(it);
    for (i = 0; i < 2; i++) rocksdb_column_family_handle_destroy(handles[i]);
    rocksdb_close(db);
  }

  rocksdb_writeoptions_destroy(wo);
  rocksdb_readoptions_destroy(ro);
  rocksdb_options_destroy(cf_options);
  rocksdb_options_destroy(options);
  printf("done\n");
  return 0;
}
