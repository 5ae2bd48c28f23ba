/* The C API's caller-made objects: a merge operator from C callbacks
   (string append with ',', the same result as RocksDB's "stringappend"),
   a reverse comparator from C callbacks, RocksDB's UInt64Add merge
   operator, the SST file writer, and the default Env's thread pools. Each
   callback object's destructor runs exactly once. Leaves the merge DB in
   DIR/db. */
#include "c_test.h"

static int merge_destroyed = 0;
static int comparator_destroyed = 0;

static void DestroyMerge(void* state) { (*(int*)state)++; }

static char* AppendAll(const char* existing, size_t existing_len,
                       int have_existing, const char* const* ops,
                       const size_t* op_lens, int n, size_t* out_len) {
  size_t total = existing_len + (size_t)n;
  size_t pos = 0;
  char* out;
  int i;
  for (i = 0; i < n; i++) total += op_lens[i];
  out = (char*)malloc(total + 1);
  if (have_existing) {
    memcpy(out, existing, existing_len);
    pos = existing_len;
  }
  for (i = 0; i < n; i++) {
    if (have_existing || i > 0) out[pos++] = ',';
    memcpy(out + pos, ops[i], op_lens[i]);
    pos += op_lens[i];
  }
  *out_len = pos;
  return out;
}

static char* FullMerge(void* state, const char* key, size_t key_length,
                       const char* existing_value, size_t existing_value_length,
                       const char* const* operands_list,
                       const size_t* operands_list_length, int num_operands,
                       unsigned char* success, size_t* new_value_length) {
  (void)state;
  (void)key;
  (void)key_length;
  *success = 1;
  return AppendAll(existing_value, existing_value_length,
                   existing_value != NULL, operands_list,
                   operands_list_length, num_operands, new_value_length);
}

static char* PartialMerge(void* state, const char* key, size_t key_length,
                          const char* const* operands_list,
                          const size_t* operands_list_length, int num_operands,
                          unsigned char* success, size_t* new_value_length) {
  (void)state;
  (void)key;
  (void)key_length;
  *success = 1;
  return AppendAll(NULL, 0, 0, operands_list, operands_list_length,
                   num_operands, new_value_length);
}

static void DeleteValue(void* state, const char* value, size_t value_length) {
  (void)state;
  (void)value_length;
  free((char*)value);
}

static const char* MergeName(void* state) {
  (void)state;
  return "c_string_append";
}

static void DestroyComparator(void* state) { (*(int*)state)++; }

static int ReverseCompare(void* state, const char* a, size_t alen,
                          const char* b, size_t blen) {
  size_t n = alen < blen ? alen : blen;
  int r = memcmp(a, b, n);
  (void)state;
  if (r == 0) r = alen < blen ? -1 : (alen > blen ? 1 : 0);
  return -r;
}

static const char* ComparatorName(void* state) {
  (void)state;
  return "c_reverse";
}

static void Merge(rocksdb_t* db, rocksdb_writeoptions_t* wo, const char* k,
                  const char* v) {
  char* err = NULL;
  rocksdb_merge(db, wo, k, strlen(k), v, strlen(v), &err);
  CHECK_NO_ERR(err);
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

static void PutFixed64(char* buf, uint64_t v) {
  int i;
  for (i = 0; i < 8; i++) buf[i] = (char)((v >> (8 * i)) & 0xff);
}

static uint64_t GetFixed64(const char* buf) {
  uint64_t v = 0;
  int i;
  for (i = 7; i >= 0; i--) v = (v << 8) | (unsigned char)buf[i];
  return v;
}

int main(int argc, char** argv) {
  const char* dir;
  char* err = NULL;
  rocksdb_writeoptions_t* wo;
  rocksdb_readoptions_t* ro;
  rocksdb_flushoptions_t* fo;
  rocksdb_t* db;

  CHECK(argc == 2);
  dir = argv[1];
  wo = rocksdb_writeoptions_create();
  ro = rocksdb_readoptions_create();
  fo = rocksdb_flushoptions_create();

  /* A merge operator made of callbacks; the options own it. */
  {
    rocksdb_options_t* options = rocksdb_options_create();
    rocksdb_writebatch_t* b = rocksdb_writebatch_create();
    rocksdb_options_set_create_if_missing(options, 1);
    rocksdb_options_set_merge_operator(
        options,
        rocksdb_mergeoperator_create(&merge_destroyed, DestroyMerge, FullMerge,
                                     PartialMerge, DeleteValue, MergeName));
    db = rocksdb_open(options, PathIn(dir, "db"), &err);
    CHECK_NO_ERR(err);
    rocksdb_put(db, wo, "fruit", 5, "apple", 5, &err);
    CHECK_NO_ERR(err);
    Merge(db, wo, "fruit", "banana");
    Merge(db, wo, "fruit", "cherry");
    Merge(db, wo, "new", "first");
    PrintGet(db, ro, "fruit");
    PrintGet(db, ro, "new");
    rocksdb_flush(db, fo, &err);
    CHECK_NO_ERR(err);
    Merge(db, wo, "fruit", "durian");
    rocksdb_writebatch_merge(b, "new", 3, "second", 6);
    rocksdb_writebatch_merge(b, "batch", 5, "x", 1);
    rocksdb_writebatch_merge(b, "batch", 5, "y", 1);
    {
      const char* parts[2] = {"b", "atch"};
      size_t sizes[2] = {1, 4};
      const char* vparts[1] = {"z"};
      size_t vsizes[1] = {1};
      rocksdb_writebatch_mergev(b, 2, parts, sizes, 1, vparts, vsizes);
    }
    rocksdb_write(db, wo, b, &err);
    CHECK_NO_ERR(err);
    rocksdb_writebatch_destroy(b);
    PrintGet(db, ro, "fruit");
    PrintGet(db, ro, "new");
    PrintGet(db, ro, "batch");
    rocksdb_flush(db, fo, &err);
    CHECK_NO_ERR(err);
    Merge(db, wo, "fruit", "elderberry");
    rocksdb_compact_range(db, NULL, 0, NULL, 0);
    PrintGet(db, ro, "fruit");
    {
      rocksdb_iterator_t* it = rocksdb_create_iterator(db, ro);
      PrintAll("merged", it);
      rocksdb_iter_destroy(it);
    }
    rocksdb_close(db);
    printf("merge operator destroyed while options live: %d\n",
           merge_destroyed);
    rocksdb_options_destroy(options);
    printf("merge operator destroyed after options: %d\n", merge_destroyed);
  }

  /* A comparator made of callbacks; the caller owns it. */
  {
    rocksdb_comparator_t* cmp = rocksdb_comparator_create(
        &comparator_destroyed, DestroyComparator, ReverseCompare,
        ComparatorName);
    rocksdb_options_t* options = rocksdb_options_create();
    rocksdb_iterator_t* it;
    rocksdb_options_set_create_if_missing(options, 1);
    rocksdb_options_set_comparator(options, cmp);
    db = rocksdb_open(options, PathIn(dir, "reverse"), &err);
    CHECK_NO_ERR(err);
    rocksdb_put(db, wo, "a", 1, "1", 1, &err);
    rocksdb_put(db, wo, "c", 1, "3", 1, &err);
    rocksdb_put(db, wo, "b", 1, "2", 1, &err);
    rocksdb_put(db, wo, "bb", 2, "22", 2, &err);
    CHECK_NO_ERR(err);
    it = rocksdb_create_iterator(db, ro);
    PrintAll("reverse order (memtable)", it);
    rocksdb_iter_destroy(it);
    rocksdb_flush(db, fo, &err);
    CHECK_NO_ERR(err);
    it = rocksdb_create_iterator(db, ro);
    PrintAll("reverse order (table)", it);
    rocksdb_iter_seek(it, "bz", 2);
    {
      size_t klen;
      const char* k = rocksdb_iter_key(it, &klen);
      PrintBytes("seek bz", k, klen);
    }
    rocksdb_iter_destroy(it);
    rocksdb_close(db);
    /* The bytewise comparator cannot open it. */
    {
      rocksdb_options_t* plain = rocksdb_options_create();
      db = rocksdb_open(plain, PathIn(dir, "reverse"), &err);
      CHECK(db == NULL);
      PrintErrKind("open with another comparator", &err);
      rocksdb_options_destroy(plain);
    }
    rocksdb_options_destroy(options);
    printf("comparator destroyed before rocksdb_comparator_destroy: %d\n",
           comparator_destroyed);
    rocksdb_comparator_destroy(cmp);
    printf("comparator destroyed after: %d\n", comparator_destroyed);
  }

  /* RocksDB's UInt64Add merge operator, on the default Env. */
  {
    rocksdb_options_t* options = rocksdb_options_create();
    rocksdb_env_t* env = rocksdb_create_default_env();
    char buf[8];
    char* v;
    size_t vlen;
    rocksdb_env_set_background_threads(env, 2);
    rocksdb_env_set_high_priority_background_threads(env, 1);
    printf("env threads: low=%d high=%d\n",
           rocksdb_env_get_background_threads(env),
           rocksdb_env_get_high_priority_background_threads(env));
    rocksdb_options_set_env(options, env);
    rocksdb_options_set_create_if_missing(options, 1);
    rocksdb_options_set_uint64add_merge_operator(options);
    db = rocksdb_open(options, PathIn(dir, "counters"), &err);
    CHECK_NO_ERR(err);
    PutFixed64(buf, 5);
    rocksdb_merge(db, wo, "n", 1, buf, 8, &err);
    PutFixed64(buf, 7);
    rocksdb_merge(db, wo, "n", 1, buf, 8, &err);
    CHECK_NO_ERR(err);
    v = rocksdb_get(db, ro, "n", 1, &vlen, &err);
    CHECK_NO_ERR(err);
    CHECK(vlen == 8);
    printf("counter: %llu\n", (unsigned long long)GetFixed64(v));
    rocksdb_free(v);
    rocksdb_flush(db, fo, &err);
    CHECK_NO_ERR(err);
    PutFixed64(buf, 30);
    rocksdb_merge(db, wo, "n", 1, buf, 8, &err);
    CHECK_NO_ERR(err);
    v = rocksdb_get(db, ro, "n", 1, &vlen, &err);
    CHECK_NO_ERR(err);
    CHECK(vlen == 8);
    printf("counter after flush: %llu\n", (unsigned long long)GetFixed64(v));
    rocksdb_free(v);
    rocksdb_close(db);
    rocksdb_options_destroy(options);
    rocksdb_env_destroy(env);
  }

  /* SST file writer. */
  {
    rocksdb_options_t* options = rocksdb_options_create();
    rocksdb_envoptions_t* envopts = rocksdb_envoptions_create();
    rocksdb_sstfilewriter_t* w = rocksdb_sstfilewriter_create(envopts, options);
    uint64_t size = 0;
    rocksdb_sstfilewriter_open(w, PathIn(dir, "out.sst"), &err);
    CHECK_NO_ERR(err);
    rocksdb_sstfilewriter_put(w, "a", 1, "1", 1, &err);
    CHECK_NO_ERR(err);
    rocksdb_sstfilewriter_merge(w, "b", 1, "2", 1, &err);
    CHECK_NO_ERR(err);
    rocksdb_sstfilewriter_delete(w, "c", 1, &err);
    CHECK_NO_ERR(err);
    rocksdb_sstfilewriter_put(w, "a", 1, "again", 5, &err);
    PrintErrKind("sst put out of order", &err);
    rocksdb_sstfilewriter_delete_range(w, "d", 1, "f", 1, &err);
    CHECK_NO_ERR(err);
    rocksdb_sstfilewriter_finish(w, &err);
    CHECK_NO_ERR(err);
    rocksdb_sstfilewriter_file_size(w, &size);
    printf("sst file size > 0: %d\n", size > 0);
    rocksdb_sstfilewriter_destroy(w);
    rocksdb_envoptions_destroy(envopts);
    rocksdb_options_destroy(options);
  }

  rocksdb_flushoptions_destroy(fo);
  rocksdb_writeoptions_destroy(wo);
  rocksdb_readoptions_destroy(ro);
  printf("done\n");
  return 0;
}
