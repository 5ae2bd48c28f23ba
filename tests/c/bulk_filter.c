/* The C API's compaction filters (a filter and a factory from C
   callbacks) and ingestion of SstFileWriter files (copied and moved, over
   a memtable, into a column family, and the errors): the same output as
   librocksdb 7.8.3. Each callback object's destructor runs once. Leaves
   the DB in DIR/db. */
#include <unistd.h>

#include "c_test.h"

static int filter_destroyed = 0;
static int factory_destroyed = 0;
static int filters_created = 0;
static int full_seen = 0;
static int manual_seen = 0;

static void CountDestroy(void* state) { (*(int*)state)++; }

/* Removes keys starting with 'd'; rewrites values of keys starting with
   'c' to "changed". */
static unsigned char FilterFn(void* state, int level, const char* key,
                              size_t key_length, const char* existing_value,
                              size_t value_length, char** new_value,
                              size_t* new_value_length,
                              unsigned char* value_changed) {
  static char changed[] = "changed";
  (void)state;
  (void)level;
  (void)existing_value;
  (void)value_length;
  if (key_length > 0 && key[0] == 'd') return 1;
  if (key_length > 0 && key[0] == 'c') {
    *new_value = changed;
    *new_value_length = strlen(changed);
    *value_changed = 1;
  }
  return 0;
}

static const char* FilterName(void* state) {
  (void)state;
  return "CTestFilter";
}

static rocksdb_compactionfilter_t* CreateFilter(
    void* state, rocksdb_compactionfiltercontext_t* context) {
  (void)state;
  filters_created++;
  full_seen += rocksdb_compactionfiltercontext_is_full_compaction(context);
  manual_seen += rocksdb_compactionfiltercontext_is_manual_compaction(context);
  return rocksdb_compactionfilter_create(&filter_destroyed, CountDestroy,
                                         FilterFn, FilterName);
}

static const char* FactoryName(void* state) {
  (void)state;
  return "CTestFilterFactory";
}

static void WriteSst(const char* path, const char* prefix, int n,
                     const char* value) {
  rocksdb_envoptions_t* env = rocksdb_envoptions_create();
  rocksdb_options_t* o = rocksdb_options_create();
  rocksdb_sstfilewriter_t* w = rocksdb_sstfilewriter_create(env, o);
  char* err = NULL;
  char key[64];
  int i;
  rocksdb_sstfilewriter_open(w, path, &err);
  CHECK_NO_ERR(err);
  for (i = 0; i < n; i++) {
    snprintf(key, sizeof(key), "%s%03d", prefix, i);
    rocksdb_sstfilewriter_put(w, key, strlen(key), value, strlen(value), &err);
    CHECK_NO_ERR(err);
  }
  rocksdb_sstfilewriter_finish(w, &err);
  CHECK_NO_ERR(err);
  rocksdb_sstfilewriter_destroy(w);
  rocksdb_options_destroy(o);
  rocksdb_envoptions_destroy(env);
}

static void Put(rocksdb_t* db, const char* k, const char* v) {
  rocksdb_writeoptions_t* wo = rocksdb_writeoptions_create();
  char* err = NULL;
  rocksdb_put(db, wo, k, strlen(k), v, strlen(v), &err);
  CHECK_NO_ERR(err);
  rocksdb_writeoptions_destroy(wo);
}

static void Dump(rocksdb_t* db, const char* what) {
  rocksdb_readoptions_t* ro = rocksdb_readoptions_create();
  rocksdb_iterator_t* it = rocksdb_create_iterator(db, ro);
  PrintAll(what, it);
  rocksdb_iter_destroy(it);
  rocksdb_readoptions_destroy(ro);
}

static void Compact(rocksdb_t* db) {
  rocksdb_compact_range(db, NULL, 0, NULL, 0);
}

int main(int argc, char** argv) {
  const char* dir;
  char db_path[4096], files[3][4096];
  const char* list[2];
  rocksdb_options_t* o;
  rocksdb_t* db;
  rocksdb_compactionfilter_t* filter;
  rocksdb_column_family_handle_t* cf;
  rocksdb_ingestexternalfileoptions_t* io;
  char* err = NULL;
  if (argc != 2) return 2;
  dir = argv[1];
  snprintf(db_path, sizeof(db_path), "%s", PathIn(dir, "db"));
  snprintf(files[0], sizeof(files[0]), "%s", PathIn(dir, "a.sst"));
  snprintf(files[1], sizeof(files[1]), "%s", PathIn(dir, "b.sst"));
  snprintf(files[2], sizeof(files[2]), "%s", PathIn(dir, "c.sst"));

  /* A compaction filter set on the options. */
  o = rocksdb_options_create();
  rocksdb_options_set_create_if_missing(o, 1);
  filter = rocksdb_compactionfilter_create(&filter_destroyed, CountDestroy,
                                           FilterFn, FilterName);
  rocksdb_options_set_compaction_filter(o, filter);
  db = rocksdb_open(o, db_path, &err);
  CHECK_NO_ERR(err);
  Put(db, "a1", "keep");
  Put(db, "c1", "old");
  Put(db, "d1", "gone");
  Compact(db);
  Dump(db, "filtered");
  rocksdb_close(db);
  rocksdb_options_destroy(o);
  rocksdb_compactionfilter_destroy(filter);
  printf("filter destroyed: %d\n", filter_destroyed);

  /* A factory: one filter per compaction, owned by the job. */
  filter_destroyed = 0;
  o = rocksdb_options_create();
  rocksdb_options_set_compaction_filter_factory(
      o, rocksdb_compactionfilterfactory_create(&factory_destroyed,
                                                CountDestroy, CreateFilter,
                                                FactoryName));
  db = rocksdb_open(o, db_path, &err);
  CHECK_NO_ERR(err);
  Put(db, "c2", "old");
  Put(db, "d2", "gone");
  Compact(db);
  Dump(db, "factory");
  printf("created %d full %d manual %d destroyed %d\n", filters_created,
         full_seen, manual_seen, filter_destroyed);

  /* Ingestion: a copy, then a moved file over a memtable key. */
  WriteSst(files[0], "e", 5, "ext");
  WriteSst(files[1], "f", 3, "moved");
  WriteSst(files[2], "e", 2, "again");
  io = rocksdb_ingestexternalfileoptions_create();
  list[0] = files[0];
  rocksdb_ingest_external_file(db, list, 1, io, &err);
  PrintErrKind("ingest a", &err);
  Put(db, "f001", "mem");
  rocksdb_ingestexternalfileoptions_set_move_files(io, 1);
  list[0] = files[1];
  rocksdb_ingest_external_file(db, list, 1, io, &err);
  PrintErrKind("ingest b moved", &err);
  printf("b.sst left: %d\n", access(files[1], F_OK) == 0);
  /* Into a column family. */
  cf = rocksdb_create_column_family(db, o, "ingested", &err);
  CHECK_NO_ERR(err);
  WriteSst(files[1], "g", 2, "in-cf");
  rocksdb_ingest_external_file_cf(db, cf, list, 1, io, &err);
  PrintErrKind("ingest into cf", &err);
  {
    rocksdb_readoptions_t* ro = rocksdb_readoptions_create();
    size_t vlen = 0;
    char* v = rocksdb_get_cf(db, ro, cf, "g001", 4, &vlen, &err);
    CHECK_NO_ERR(err);
    PrintBytes("cf g001", v, vlen);
    rocksdb_free(v);
    v = rocksdb_get(db, ro, "g001", 4, &vlen, &err);
    CHECK_NO_ERR(err);
    PrintBytes("default g001", v, vlen);
    rocksdb_readoptions_destroy(ro);
  }
  rocksdb_ingestexternalfileoptions_set_move_files(io, 0);
  rocksdb_ingestexternalfileoptions_set_allow_global_seqno(io, 0);
  list[0] = files[2];
  rocksdb_ingest_external_file(db, list, 1, io, &err);
  PrintErrKind("ingest c without global seqno", &err);
  rocksdb_ingestexternalfileoptions_set_allow_global_seqno(io, 1);
  rocksdb_ingestexternalfileoptions_set_snapshot_consistency(io, 1);
  rocksdb_ingestexternalfileoptions_set_allow_blocking_flush(io, 1);
  rocksdb_ingestexternalfileoptions_set_ingest_behind(io, 0);
  rocksdb_ingest_external_file(db, list, 1, io, &err);
  PrintErrKind("ingest c", &err);
  rocksdb_ingest_external_file(db, list, 0, io, &err);
  PrintErrKind("ingest nothing", &err);
  rocksdb_ingestexternalfileoptions_destroy(io);
  Dump(db, "ingested");
  rocksdb_column_family_handle_destroy(cf);
  rocksdb_close(db);
  rocksdb_options_destroy(o);
  printf("factory destroyed: %d\n", factory_destroyed);
  printf("done\n");
  return 0;
}
