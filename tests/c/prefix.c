/* The C API's prefix extractors: a fixed-prefix transform and one made of C
   callbacks (first two bytes) set on the options, Bloom filters with and
   without whole keys, memtable prefix Bloom filters, prefix seeks with
   prefix_same_as_start, total_order_seek, and Gets, over data in SSTs and
   in the memtable. Leaves the final DB in DIR/db. */
#include "c_test.h"

static void Put(rocksdb_t* db, rocksdb_writeoptions_t* wo, const char* k,
                const char* v) {
  char* err = NULL;
  rocksdb_put(db, wo, k, strlen(k), v, strlen(v), &err);
  CHECK_NO_ERR(err);
}

/* Seeks to target and prints the keys the iterator shows. */
static void PrintSeek(rocksdb_t* db, rocksdb_readoptions_t* ro,
                      const char* target) {
  rocksdb_iterator_t* it = rocksdb_create_iterator(db, ro);
  char* err = NULL;
  printf("seek %s:", target);
  for (rocksdb_iter_seek(it, target, strlen(target)); rocksdb_iter_valid(it);
       rocksdb_iter_next(it)) {
    size_t len;
    const char* k = rocksdb_iter_key(it, &len);
    printf(" %.*s", (int)len, k);
  }
  printf("\n");
  rocksdb_iter_get_error(it, &err);
  CHECK_NO_ERR(err);
  rocksdb_iter_destroy(it);
}

static void PrintGet(rocksdb_t* db, rocksdb_readoptions_t* ro, const char* k) {
  char* err = NULL;
  size_t len = 0;
  char* v = rocksdb_get(db, ro, k, strlen(k), &len, &err);
  CHECK_NO_ERR(err);
  PrintBytes(k, v, len);
  rocksdb_free(v);
}

static char* TwoBytes(void* state, const char* key, size_t length,
                      size_t* dst_length) {
  (void)state;
  (void)length;
  *dst_length = 2;
  return (char*)key;
}
static unsigned char AtLeastTwo(void* state, const char* key, size_t length) {
  (void)state;
  (void)key;
  return length >= 2;
}
static unsigned char ExactlyTwo(void* state, const char* key, size_t length) {
  (void)state;
  (void)key;
  return length == 2;
}
static const char* TwoBytesName(void* state) {
  (void)state;
  return "TwoBytes";
}
static int destroyed = 0;
static void CountDestroy(void* state) {
  (void)state;
  destroyed++;
}

static void Run(const char* path, int custom, unsigned char whole_keys) {
  char* err = NULL;
  rocksdb_options_t* o = rocksdb_options_create();
  rocksdb_options_set_create_if_missing(o, 1);
  rocksdb_options_set_compression(o, rocksdb_no_compression);
  rocksdb_options_set_memtable_prefix_bloom_size_ratio(o, 0.1);
  if (custom) {
    rocksdb_options_set_prefix_extractor(
        o, rocksdb_slicetransform_create(NULL, CountDestroy, TwoBytes,
                                         AtLeastTwo, ExactlyTwo, TwoBytesName));
  } else {
    rocksdb_options_set_prefix_extractor(
        o, rocksdb_slicetransform_create_fixed_prefix(2));
  }
  rocksdb_block_based_table_options_t* t =
      rocksdb_block_based_options_create();
  rocksdb_block_based_options_set_filter_policy(
      t, rocksdb_filterpolicy_create_bloom_full(10));
  rocksdb_block_based_options_set_whole_key_filtering(t, whole_keys);
  rocksdb_options_set_block_based_table_factory(o, t);
  rocksdb_block_based_options_destroy(t);
  printf("custom %d, whole keys %d\n", custom, whole_keys);
  rocksdb_destroy_db(o, path, &err);
  CHECK_NO_ERR(err);
  rocksdb_t* db = rocksdb_open(o, path, &err);
  CHECK_NO_ERR(err);
  rocksdb_writeoptions_t* wo = rocksdb_writeoptions_create();
  rocksdb_flushoptions_t* fo = rocksdb_flushoptions_create();
  const char* files[3][3] = {{"aa1", "ac1", "ae1"},
                             {"ab1", "ab2", "ad1"},
                             {"aa2", "ac2", "af1"}};
  int f, i;
  for (f = 0; f < 3; f++) {
    for (i = 0; i < 3; i++) Put(db, wo, files[f][i], files[f][i]);
    rocksdb_flush(db, fo, &err);
    CHECK_NO_ERR(err);
  }
  Put(db, wo, "ag1", "mem");
  Put(db, wo, "ab3", "mem");
  rocksdb_readoptions_t* ro = rocksdb_readoptions_create();
  rocksdb_readoptions_set_prefix_same_as_start(ro, 1);
  printf("prefix_same_as_start %d\n",
         rocksdb_readoptions_get_prefix_same_as_start(ro));
  PrintSeek(db, ro, "aa");
  PrintSeek(db, ro, "ab");
  PrintSeek(db, ro, "ab2");
  PrintSeek(db, ro, "ae");
  PrintSeek(db, ro, "ag");
  PrintSeek(db, ro, "az");
  rocksdb_readoptions_set_prefix_same_as_start(ro, 0);
  rocksdb_readoptions_set_total_order_seek(ro, 1);
  printf("total_order_seek %d\n", rocksdb_readoptions_get_total_order_seek(ro));
  PrintSeek(db, ro, "ab2");
  rocksdb_readoptions_set_total_order_seek(ro, 0);
  PrintGet(db, ro, "ab2");
  PrintGet(db, ro, "ab9");
  PrintGet(db, ro, "ag1");
  PrintGet(db, ro, "zz1");
  rocksdb_readoptions_destroy(ro);
  rocksdb_flushoptions_destroy(fo);
  rocksdb_writeoptions_destroy(wo);
  rocksdb_close(db);
  rocksdb_options_destroy(o);
}

int main(int argc, char** argv) {
  char path[4096];
  CHECK(argc == 2);
  snprintf(path, sizeof(path), "%s/db", argv[1]);
  rocksdb_slicetransform_destroy(rocksdb_slicetransform_create_noop());
  Run(path, 1, 1);
  printf("custom transform destroyed: %d\n", destroyed);
  Run(path, 1, 0);
  Run(path, 0, 0);
  Run(path, 0, 1);
  printf("done\n");
  return 0;
}
