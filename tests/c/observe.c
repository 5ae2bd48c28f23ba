/* The C API's observability: statistics (enabled, counted, printed), the
   stats dump period, the info LOG's options (level, rolling, db_log_dir),
   a rate limiter on the options, and the thread's PerfContext over a Get
   from the memtable. Leaves the final DB in DIR/db. */
#include "c_test.h"

static int FileExists(const char* path) {
  FILE* f = fopen(path, "r");
  if (f == NULL) return 0;
  fclose(f);
  return 1;
}

/* Prints whether the statistics text holds line. */
static void PrintHas(const char* text, const char* line) {
  printf("statistics has \"%s\": %d\n", line, strstr(text, line) != NULL);
}

int main(int argc, char** argv) {
  char path[4096], log[4200];
  char* err = NULL;
  CHECK(argc == 2);
  snprintf(path, sizeof(path), "%s/db", argv[1]);
  snprintf(log, sizeof(log), "%s/LOG", path);

  rocksdb_options_t* o = rocksdb_options_create();
  rocksdb_options_set_create_if_missing(o, 1);
  printf("statistics before enable: %d\n",
         rocksdb_options_statistics_get_string(o) != NULL);
  rocksdb_options_enable_statistics(o);
  printf("stats_dump_period_sec default: %u\n",
         rocksdb_options_get_stats_dump_period_sec(o));
  rocksdb_options_set_stats_dump_period_sec(o, 30);
  printf("stats_dump_period_sec: %u\n",
         rocksdb_options_get_stats_dump_period_sec(o));
  rocksdb_options_set_info_log_level(o, 1); /* INFO_LEVEL */
  printf("info_log_level: %d\n", rocksdb_options_get_info_log_level(o));
  rocksdb_options_set_max_log_file_size(o, 1 << 20);
  rocksdb_options_set_keep_log_file_num(o, 5);
  rocksdb_options_set_db_log_dir(o, "");
  rocksdb_ratelimiter_t* limiter =
      rocksdb_ratelimiter_create(64 << 20, 100 * 1000, 10);
  rocksdb_options_set_ratelimiter(o, limiter);
  rocksdb_ratelimiter_destroy(limiter); /* the options keep it */

  rocksdb_t* db = rocksdb_open(o, path, &err);
  CHECK_NO_ERR(err);
  printf("LOG exists: %d\n", FileExists(log));
  rocksdb_writeoptions_t* wo = rocksdb_writeoptions_create();
  rocksdb_readoptions_t* ro = rocksdb_readoptions_create();
  rocksdb_put(db, wo, "a", 1, "1", 1, &err);
  CHECK_NO_ERR(err);
  rocksdb_put(db, wo, "b", 1, "22", 2, &err);
  CHECK_NO_ERR(err);
  rocksdb_put(db, wo, "c", 1, "333", 3, &err);
  CHECK_NO_ERR(err);

  rocksdb_set_perf_level(rocksdb_enable_count);
  rocksdb_perfcontext_t* perf = rocksdb_perfcontext_create();
  rocksdb_perfcontext_reset(perf);
  size_t len = 0;
  char* v = rocksdb_get(db, ro, "b", 1, &len, &err);
  CHECK_NO_ERR(err);
  PrintBytes("b", v, len);
  rocksdb_free(v);
  printf("get_from_memtable_count: %llu\n",
         (unsigned long long)rocksdb_perfcontext_metric(
             perf, rocksdb_get_from_memtable_count));
  printf("get_read_bytes: %llu\n",
         (unsigned long long)rocksdb_perfcontext_metric(perf,
                                                        rocksdb_get_read_bytes));
  char* report = rocksdb_perfcontext_report(perf, 1);
  printf("report has get_from_memtable_count = 1: %d\n",
         strstr(report, "get_from_memtable_count = 1") != NULL);
  rocksdb_free(report);
  rocksdb_set_perf_level(rocksdb_disable);
  rocksdb_perfcontext_reset(perf);
  v = rocksdb_get(db, ro, "c", 1, &len, &err);
  CHECK_NO_ERR(err);
  rocksdb_free(v);
  printf("disabled get_from_memtable_count: %llu\n",
         (unsigned long long)rocksdb_perfcontext_metric(
             perf, rocksdb_get_from_memtable_count));
  rocksdb_perfcontext_destroy(perf);
  rocksdb_set_perf_level(rocksdb_enable_count);

  rocksdb_flushoptions_t* fo = rocksdb_flushoptions_create();
  rocksdb_flush(db, fo, &err);
  CHECK_NO_ERR(err);
  rocksdb_flushoptions_destroy(fo);

  char* text = rocksdb_options_statistics_get_string(o);
  CHECK(text != NULL);
  PrintHas(text, "rocksdb.number.keys.written COUNT : 3");
  PrintHas(text, "rocksdb.number.keys.read COUNT : 2");
  PrintHas(text, "rocksdb.bytes.read COUNT : 5");
  PrintHas(text, "rocksdb.memtable.hit COUNT : 2");
  rocksdb_free(text);

  rocksdb_readoptions_destroy(ro);
  rocksdb_writeoptions_destroy(wo);
  rocksdb_close(db);
  rocksdb_options_destroy(o);
  printf("done\n");
  return 0;
}
