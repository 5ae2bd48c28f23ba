/* Helpers of the C API test programs (tests/c/NAME.c). Each program is built
   twice: against skyrocks (amalgamation/rocksdb/c.h, linked with the
   amalgamation) and against librocksdb 7.8.3 (/usr/include/rocksdb/c.h,
   -lrocksdb). It takes a scratch directory, prints what it observes, one
   fact a line, and exits 1 at the first failed CHECK; tests/unit/c/
   c_api_test.cpp runs both builds and requires the same output. */
#ifndef SKYROCKS_TESTS_C_C_TEST_H_
#define SKYROCKS_TESTS_C_C_TEST_H_

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rocksdb/c.h"

#define CHECK(cond)                                                        \
  do {                                                                     \
    if (!(cond)) {                                                         \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__,    \
              #cond);                                                      \
      exit(1);                                                             \
    }                                                                      \
  } while (0)

/* Fails the program when *err holds an error, naming the call. */
#define CHECK_NO_ERR(err)                                                  \
  do {                                                                     \
    if ((err) != NULL) {                                                   \
      fprintf(stderr, "%s:%d: unexpected error: %s\n", __FILE__, __LINE__, \
              (err));                                                      \
      exit(1);                                                             \
    }                                                                      \
  } while (0)

/* Prints "what: <bytes>" with non-printable bytes as \xNN. */
static inline void PrintBytes(const char* what, const char* p, size_t n) {
  size_t i;
  printf("%s: ", what);
  if (p == NULL) {
    printf("(null)\n");
    return;
  }
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      putchar(c);
    } else {
      printf("\\x%02x", c);
    }
  }
  printf("\n");
}

/* Prints the status kind of an error message ("Invalid argument", "OK")
   and frees it: the wording after the kind is not compared. */
static inline void PrintErrKind(const char* what, char** err) {
  if (*err == NULL) {
    printf("%s: OK\n", what);
    return;
  }
  {
    const char* colon = strchr(*err, ':');
    int len = colon == NULL ? (int)strlen(*err) : (int)(colon - *err);
    printf("%s: %.*s\n", what, len, *err);
  }
  rocksdb_free(*err);
  *err = NULL;
}

/* dir + "/" + name in a static buffer (one at a time). */
static inline const char* PathIn(const char* dir, const char* name) {
  static char buf[4096];
  snprintf(buf, sizeof(buf), "%s/%s", dir, name);
  return buf;
}

/* Prints every key and value an iterator sees, first to last. */
static inline void PrintAll(const char* what, rocksdb_iterator_t* it) {
  size_t klen, vlen;
  printf("%s:\n", what);
  for (rocksdb_iter_seek_to_first(it); rocksdb_iter_valid(it);
       rocksdb_iter_next(it)) {
    const char* k = rocksdb_iter_key(it, &klen);
    const char* v = rocksdb_iter_value(it, &vlen);
    PrintBytes("  key", k, klen);
    PrintBytes("  value", v, vlen);
  }
}

#endif /* SKYROCKS_TESTS_C_C_TEST_H_ */
