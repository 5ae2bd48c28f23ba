/* skyrocks' rocksdb_cloud_* entry points (rocksdb/cloud/c.h) on the
   local-directory store: options (setters, option strings), a cloud file
   system, a DBCloud written and flushed, reopened from the bucket on a
   fresh local directory (as on a new machine), read-only, its column
   families listed, copied with CheckpointToCloud and the copy opened.
   RocksDB has no cloud C API, so this program is built against skyrocks
   only. */
#include "c_test.h"
#include "rocksdb/cloud/c.h"

static rocksdb_cloud_fs_t* NewFs(const char* dir, const char* object_path) {
  char* err = NULL;
  rocksdb_cloud_fs_options_t* fso = rocksdb_cloud_fs_options_create();
  rocksdb_cloud_fs_t* fs;
  rocksdb_cloud_fs_options_set_src_bucket(fso, "test.", "capi", object_path,
                                          "");
  rocksdb_cloud_fs_options_set_dest_bucket(fso, "test.", "capi", object_path,
                                           "");
  rocksdb_cloud_fs_options_set_create_bucket_if_missing(fso, 1);
  fs = rocksdb_cloud_fs_create_local_dir(PathIn(dir, "buckets"), fso, &err);
  CHECK_NO_ERR(err);
  CHECK(fs != NULL);
  rocksdb_cloud_fs_options_destroy(fso);
  return fs;
}

static void PrintGet(rocksdb_t* db, rocksdb_readoptions_t* ro, const char* k) {
  char* err = NULL;
  size_t vlen = 0;
  char* v = rocksdb_get(db, ro, k, strlen(k), &vlen, &err);
  CHECK_NO_ERR(err);
  printf("get %s -> ", k);
  PrintBytes("value", v, vlen);
  rocksdb_free(v);
}

int main(int argc, char** argv) {
  const char* dir;
  char local[4096];
  char* err = NULL;
  rocksdb_options_t* options;
  rocksdb_writeoptions_t* wo;
  rocksdb_readoptions_t* ro;
  rocksdb_flushoptions_t* fo;
  rocksdb_cloud_fs_t* fs;
  rocksdb_t* db;
  rocksdb_iterator_t* it;

  CHECK(argc == 2);
  dir = argv[1];
  wo = rocksdb_writeoptions_create();
  ro = rocksdb_readoptions_create();
  fo = rocksdb_flushoptions_create();

  /* Option strings. */
  {
    rocksdb_cloud_fs_options_t* fso = rocksdb_cloud_fs_options_create();
    char* s;
    rocksdb_cloud_fs_options_configure(
        fso, "keep_local_sst_files=true;sst_file_cache_bytes=1048576", &err);
    CHECK_NO_ERR(err);
    s = rocksdb_cloud_fs_options_serialize(fso, &err);
    CHECK_NO_ERR(err);
    CHECK(strstr(s, "keep_local_sst_files=true") != NULL);
    CHECK(strstr(s, "sst_file_cache_bytes=1048576") != NULL);
    rocksdb_free(s);
    rocksdb_cloud_fs_options_configure(fso, "no_such_option=1", &err);
    PrintErrKind("configure an unknown option", &err);
    rocksdb_cloud_fs_options_destroy(fso);
  }

  /* Write a DB into the bucket. */
  fs = NewFs(dir, "db");
  options = rocksdb_options_create();
  rocksdb_options_set_create_if_missing(options, 1);
  rocksdb_cloud_options_set_fs(options, fs);
  snprintf(local, sizeof(local), "%s/local1", dir);
  db = rocksdb_cloud_open(options, local, "", 0, 0, &err);
  CHECK_NO_ERR(err);
  rocksdb_put(db, wo, "k1", 2, "v1", 2, &err);
  CHECK_NO_ERR(err);
  {
    rocksdb_writebatch_t* b = rocksdb_writebatch_create();
    rocksdb_writebatch_put(b, "k2", 2, "v2", 2);
    rocksdb_writebatch_put(b, "k3", 2, "v3", 2);
    rocksdb_writebatch_delete(b, "k1", 2);
    rocksdb_write(db, wo, b, &err);
    CHECK_NO_ERR(err);
    rocksdb_writebatch_destroy(b);
  }
  rocksdb_flush(db, fo, &err);
  CHECK_NO_ERR(err);
  PrintGet(db, ro, "k2");
  rocksdb_cloud_savepoint(db, &err);
  CHECK_NO_ERR(err);
  rocksdb_cloud_checkpoint_to_cloud(db, "test.", "capi", "copy", "", 2, 1,
                                    &err);
  CHECK_NO_ERR(err);
  rocksdb_close(db);
  rocksdb_cloud_fs_destroy(fs);

  /* A fresh local directory: everything comes from the bucket. */
  fs = NewFs(dir, "db");
  rocksdb_cloud_options_set_fs(options, fs);
  snprintf(local, sizeof(local), "%s/local2", dir);
  {
    size_t n, i;
    char** names = rocksdb_cloud_list_column_families(options, local, &n, &err);
    CHECK_NO_ERR(err);
    for (i = 0; i < n; i++) printf("column family: %s\n", names[i]);
    rocksdb_list_column_families_destroy(names, n);
  }
  db = rocksdb_cloud_open(options, local, "", 0, 1, &err);
  CHECK_NO_ERR(err);
  it = rocksdb_create_iterator(db, ro);
  PrintAll("reopened read-only on a fresh directory", it);
  rocksdb_iter_destroy(it);
  rocksdb_put(db, wo, "x", 1, "y", 1, &err);
  PrintErrKind("put into a read-only cloud DB", &err);
  rocksdb_close(db);
  rocksdb_cloud_fs_destroy(fs);

  /* The copy CheckpointToCloud made opens by itself. */
  fs = NewFs(dir, "copy");
  rocksdb_cloud_options_set_fs(options, fs);
  snprintf(local, sizeof(local), "%s/local3", dir);
  {
    const char* names[1] = {"default"};
    const rocksdb_options_t* opts[1] = {options};
    rocksdb_column_family_handle_t* handles[1];
    db = rocksdb_cloud_open_column_families(options, local, 1, names, opts,
                                            handles, NULL, 0, 0, &err);
    CHECK_NO_ERR(err);
    it = rocksdb_create_iterator_cf(db, ro, handles[0]);
    PrintAll("the checkpoint's copy", it);
    rocksdb_iter_destroy(it);
    rocksdb_column_family_handle_destroy(handles[0]);
  }
  rocksdb_close(db);
  rocksdb_cloud_fs_destroy(fs);
  rocksdb_options_destroy(options);

  /* The cloud calls refuse a DB that is not a cloud DB. */
  {
    rocksdb_options_t* plain = rocksdb_options_create();
    rocksdb_options_set_create_if_missing(plain, 1);
    db = rocksdb_open(plain, PathIn(dir, "plain"), &err);
    CHECK_NO_ERR(err);
    rocksdb_cloud_savepoint(db, &err);
    CHECK(err != NULL && strstr(err, "rocksdb_cloud_open") != NULL);
    PrintErrKind("savepoint of a plain DB", &err);
    rocksdb_close(db);
    rocksdb_options_destroy(plain);
  }

  rocksdb_flushoptions_destroy(fo);
  rocksdb_writeoptions_destroy(wo);
  rocksdb_readoptions_destroy(ro);
  printf("done\n");
  return 0;
}
