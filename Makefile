# skyrocks build. `make` builds build/libskyrocks.a from src/; see README.md.
#   make amalgamate   regenerate amalgamation/skyrocks.{h,cpp} and the
#                     rocksdb/*.h headers beside them from src/
#   make check        static checks (amalgamation fresh, layers, headers, names,
#                     programs built against the amalgamation as users do)
#   make test         install deps, build, run every test; ends "N passed, N failed"
#   make asan / tsan  the tests under Address+UB / Thread sanitizers (build-asan/,
#                     build-tsan/); TSAN_SUBSET=1: tsan's concurrency subset
#   make demo         run the main job (build/skyrocks_demo)
#   make meson-check  configure, build and test with meson in a temp dir
#   make install      PREFIX (/usr/local), DESTDIR: libskyrocks.a and .so
#                     (from the amalgamation), headers under
#                     include/skyrocks/, skyrocks.pc, the skyrocks tool
#   make consumer-check  a small program built against skyrocks: pkg-config,
#                     CMake find_package and add_subdirectory, meson
#   make variants     the amalgamation without the cloud layer / ZSTD / LZ4,
#                     each linked with only its libraries, checked
#                     (scripts/check_variants.sh; doc/packaging.md)
#   make bench        skyrocks vs librocksdb 7.8.3 vs LevelDB 1.23 (db_bench),
#                     table of ratios; BENCH_NUM, BENCH_REPS, BENCH_WORKLOADS
#   make microbench   micro-benchmarks (checksums, hashes, Snappy, SST)
#   make txn-bench    optimistic and pessimistic transactions, skyrocks vs librocksdb 7.8.3
#   make bench-reads  cloud reads: requests, bytes, time (local dir, S3)
#   make bench-wal    the bucket WAL: writes/s, latency, PUTs/s (local
#                     directory store, S3 emulator + 20 ms); BENCH_WAL_SECONDS
# Test binaries link with the oracles (libxxhash, libsnappy); the library
# itself links only libcurl, OpenSSL, libxml2, zstd and lz4. Programs in
# tests/oracle/*.cpp link librocksdb and run as separate processes
# ($(BUILD)/oracle/NAME); tests find them through skyrocks_test::BuildDir().
# tests/oracle/*_diff.cpp are also built against skyrocks ($(BUILD)/diff/NAME).

CXX ?= g++
OPT ?= -O2 -g
BUILD ?= build
WARNINGS := -Wall -Wextra -Wshadow -Werror
PKG_CFLAGS := $(shell pkg-config --cflags libxml-2.0 2>/dev/null)
# Programs of users (examples/, db_bench) build with USER_CXXFLAGS: Status is
# then not [[nodiscard]], as in RocksDB. src/ and tests/ define
# SKYROCKS_STRICT_STATUS, which makes an ignored Status an error (see
# rocksdb/status.h).
STRICT_STATUS := -DSKYROCKS_STRICT_STATUS
USER_CXXFLAGS := -std=c++17 $(OPT) -fPIC -pthread $(WARNINGS) $(PKG_CFLAGS) $(CXXFLAGS)
CXXFLAGS_ALL := $(USER_CXXFLAGS) $(STRICT_STATUS)
LIB_LIBS := -lcurl -lssl -lcrypto -lxml2 -lzstd -llz4 -pthread
TEST_LIBS := -lxxhash -lsnappy
DEPFLAGS = -MMD -MP

LIB_SRCS := $(shell find src -name '*.cc' -not -path 'src/tools/*' | LC_ALL=C sort)
LIB_OBJS := $(LIB_SRCS:src/%.cc=$(BUILD)/obj/%.o)
UNIT_TEST_SRCS := $(shell find tests/unit -name '*.cpp' 2>/dev/null | LC_ALL=C sort)
SUPPORT_SRCS := $(shell find tests/support -name '*.cpp' 2>/dev/null | LC_ALL=C sort)
API_TEST_SRCS := $(shell find tests/api -name '*.cpp' 2>/dev/null | LC_ALL=C sort)
UNIT_TEST_OBJS := $(UNIT_TEST_SRCS:%.cpp=$(BUILD)/obj/%.o)
API_TEST_OBJS := $(API_TEST_SRCS:%.cpp=$(BUILD)/obj/%.o)
API_AMALG_OBJS := $(API_TEST_SRCS:%.cpp=$(BUILD)/obj-amalg/%.o)
MAIN_OBJ := $(BUILD)/obj/tests/main.o $(SUPPORT_SRCS:%.cpp=$(BUILD)/obj/%.o)

.PHONY: all lib amalgamate check test tests demo clean format bench microbench db-bench-bins meson-check examples txn-bench bench-wal bench-reads variants
all: lib $(BUILD)/skyrocks

lib: $(BUILD)/libskyrocks.a

include tests/fuzz/fuzz.mk

$(BUILD)/libskyrocks.a: $(LIB_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/obj/%.o: src/%.cc
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_ALL) $(DEPFLAGS) -Isrc -Isrc/include -c $< -o $@

# Unit and api tests against src/ (unit tests may include src/ internals).
$(BUILD)/obj/tests/%.o: tests/%.cpp
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_ALL) $(DEPFLAGS) -Isrc -Isrc/include -Itests -c $< -o $@

# Api tests against the amalgamation: only skyrocks.h and the forwarding
# headers amalgamation/rocksdb/*.h.
$(BUILD)/obj-amalg/tests/%.o: tests/%.cpp
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_ALL) $(DEPFLAGS) -Iamalgamation -Itests -c $< -o $@

$(BUILD)/obj-amalg/skyrocks.o: amalgamation/skyrocks.cpp amalgamation/skyrocks.h
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_ALL) -Iamalgamation -c $< -o $@

$(BUILD)/tests/unit_tests: $(MAIN_OBJ) $(UNIT_TEST_OBJS) $(API_TEST_OBJS) $(BUILD)/libskyrocks.a
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_ALL) -o $@ $(MAIN_OBJ) $(UNIT_TEST_OBJS) $(API_TEST_OBJS) $(BUILD)/libskyrocks.a $(LIB_LIBS) $(TEST_LIBS)

$(BUILD)/tests/api_amalgamation_tests: $(MAIN_OBJ) $(API_AMALG_OBJS) $(BUILD)/obj-amalg/skyrocks.o
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_ALL) -o $@ $^ $(LIB_LIBS)

ORACLE_SRCS := $(shell find tests/oracle -name '*.cpp' 2>/dev/null | LC_ALL=C sort)
ORACLE_BINS := $(ORACLE_SRCS:tests/oracle/%.cpp=$(BUILD)/oracle/%)
$(BUILD)/oracle/%: tests/oracle/%.cpp
	@mkdir -p $(@D)
	$(CXX) -std=c++17 $(OPT) -pthread -o $@ $< -lrocksdb

# Differential programs (tests/oracle/*_diff.cpp, public RocksDB API only):
# built against librocksdb as above and against skyrocks as
# $(BUILD)/diff/NAME; tests run both on one script and compare the output.
DIFF_SRCS := $(filter %_diff.cpp,$(ORACLE_SRCS))
DIFF_BINS := $(DIFF_SRCS:tests/oracle/%.cpp=$(BUILD)/diff/%)
$(BUILD)/diff/%: tests/oracle/%.cpp $(BUILD)/libskyrocks.a
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_ALL) -Isrc/include -o $@ $< $(BUILD)/libskyrocks.a $(LIB_LIBS)

# RocksDB-Cloud's example programs (examples/*.cc), built against the
# amalgamation only, as a user would; tests run them.
EXAMPLE_SRCS := $(shell find examples -name '*.cc' 2>/dev/null | LC_ALL=C sort)
EXAMPLE_BINS := $(EXAMPLE_SRCS:examples/%.cc=$(BUILD)/examples/%)
$(BUILD)/examples/%: examples/%.cc $(BUILD)/obj-amalg/skyrocks.o
	@mkdir -p $(@D)
	$(CXX) $(USER_CXXFLAGS) -Wno-unused-variable -Iamalgamation -o $@ $< $(BUILD)/obj-amalg/skyrocks.o $(LIB_LIBS)
examples: $(EXAMPLE_BINS)

# C API test programs (tests/c/NAME.c), compiled as C11 twice: against the
# amalgamation as a C user would (amalgamation/rocksdb/c.h, linked with
# skyrocks.o) into $(BUILD)/ctests/NAME, and against librocksdb 7.8.3 (its
# installed rocksdb/c.h, -lrocksdb) into $(BUILD)/ctests/NAME_rocksdb;
# tests/unit/c/c_api_test.cpp runs both and compares what they print.
# Programs named *_cloud.c use skyrocks' own rocksdb_cloud_* calls
# (rocksdb/cloud/c.h) and are built against skyrocks only.
C_TEST_CFLAGS := -std=c11 $(OPT) -Wall -Wextra -Werror
C_TEST_ALL := $(shell find tests/c -name '*.c' 2>/dev/null | LC_ALL=C sort)
C_TEST_SRCS := $(filter-out %_cloud.c,$(C_TEST_ALL))
C_TEST_BINS := $(C_TEST_ALL:tests/c/%.c=$(BUILD)/ctests/%) \
  $(C_TEST_SRCS:tests/c/%.c=$(BUILD)/ctests/%_rocksdb)
$(BUILD)/ctests/%.o: tests/c/%.c tests/c/c_test.h amalgamation/rocksdb/c.h amalgamation/rocksdb/cloud/c.h
	@mkdir -p $(@D)
	$(CC) $(C_TEST_CFLAGS) $(CXXFLAGS) -Iamalgamation -c $< -o $@
$(BUILD)/ctests/%: $(BUILD)/ctests/%.o $(BUILD)/obj-amalg/skyrocks.o
	$(CXX) $(CXXFLAGS_ALL) -o $@ $^ $(LIB_LIBS)
$(BUILD)/ctests/%_rocksdb: tests/c/%.c tests/c/c_test.h
	@mkdir -p $(@D)
	$(CC) $(C_TEST_CFLAGS) -o $@ $< -lrocksdb -pthread

TEST_BINS := $(BUILD)/tests/unit_tests $(BUILD)/tests/api_amalgamation_tests
tests: $(TEST_BINS) $(BUILD)/skyrocks $(ORACLE_BINS) $(DIFF_BINS) $(EXAMPLE_BINS) $(C_TEST_BINS)

$(BUILD)/skyrocks_demo: src/tools/demo.cpp $(BUILD)/libskyrocks.a
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_ALL) -Isrc/include -o $@ $< $(BUILD)/libskyrocks.a $(LIB_LIBS)

# The skyrocks command-line tool (src/tools/cli/; README, "The skyrocks
# tool"): public headers only, linked with the library.
CLI_SRCS := $(shell find src/tools/cli -name '*.cpp' 2>/dev/null | LC_ALL=C sort)
CLI_OBJS := $(CLI_SRCS:src/%.cpp=$(BUILD)/obj/%.o)
$(BUILD)/obj/tools/cli/%.o: src/tools/cli/%.cpp
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_ALL) $(DEPFLAGS) -Isrc -Isrc/include -c $< -o $@
$(BUILD)/skyrocks: $(CLI_OBJS) $(BUILD)/libskyrocks.a
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_ALL) -o $@ $(CLI_OBJS) $(BUILD)/libskyrocks.a $(LIB_LIBS)

# Micro-benchmarks (bench/*_bench.cpp but db_bench.cpp, txn_bench.cpp and
# bucket_wal_bench.cpp; may use src/ internals and the oracle libraries for
# side-by-side figures). `make microbench` builds and runs them.
MICROBENCH_SRCS := $(filter-out bench/db_bench.cpp bench/txn_bench.cpp bench/bucket_wal_bench.cpp bench/cloud_read_bench.cpp,$(shell find bench -name '*_bench.cpp' 2>/dev/null | LC_ALL=C sort))
MICROBENCH_BINS := $(MICROBENCH_SRCS:bench/%.cpp=$(BUILD)/bench/%)
$(BUILD)/bench/%: bench/%.cpp $(BUILD)/libskyrocks.a
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_ALL) -Isrc -Isrc/include -o $@ $< $(BUILD)/libskyrocks.a $(LIB_LIBS) $(TEST_LIBS)

microbench: $(MICROBENCH_BINS)
	@for b in $(MICROBENCH_BINS); do echo "== $$b"; $$b || exit 1; done

# bench/bucket_wal_bench.cpp: the bucket WAL's writes/s, acknowledgement
# latency and PUTs/s on the local-directory store and on the S3 emulator
# (tests/support/s3_emulator.h) with 20 ms added per request, against the
# local WAL; BENCH_WAL_SECONDS per run (18 runs). Prints a markdown table.
BENCH_WAL_SECONDS ?= 3
BENCH_WAL_SUPPORT := $(BUILD)/obj/tests/support/s3_emulator.o $(BUILD)/obj/tests/support/test_util.o
$(BUILD)/bench/bucket_wal_bench: bench/bucket_wal_bench.cpp $(BUILD)/libskyrocks.a $(BENCH_WAL_SUPPORT)
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_ALL) -Isrc -Isrc/include -Itests -o $@ $< $(BENCH_WAL_SUPPORT) $(BUILD)/libskyrocks.a $(LIB_LIBS)
bench-wal: $(BUILD)/bench/bucket_wal_bench
	SKYROCKS_SOURCE_DIR=$(CURDIR) $(BUILD)/bench/bucket_wal_bench $(BENCH_WAL_SECONDS)

# bench/cloud_read_bench.cpp: requests, bytes and time of a compaction, a
# cold reopen, 1,000 cold Gets and a cold full scan of a BENCH_READS_MB DB
# on the local-directory store and the S3 emulator with BENCH_READS_DELAY
# ms added per request, against 16 parallel GETs of the same bytes.
BENCH_READS_MB ?= 64
BENCH_READS_DELAY ?= 20
$(BUILD)/bench/cloud_read_bench: bench/cloud_read_bench.cpp $(BUILD)/libskyrocks.a $(BENCH_WAL_SUPPORT)
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_ALL) -Isrc -Isrc/include -Itests -o $@ $< $(BENCH_WAL_SUPPORT) $(BUILD)/libskyrocks.a $(LIB_LIBS)
bench-reads: $(BUILD)/bench/cloud_read_bench
	SKYROCKS_SOURCE_DIR=$(CURDIR) $(BUILD)/bench/cloud_read_bench $(BENCH_READS_MB) $(BENCH_READS_DELAY)

# bench/db_bench.cpp (public RocksDB API only) built three times, same
# flags: against skyrocks, librocksdb 7.8.3 and LevelDB 1.23 (through the
# thin bench/leveldb_shim headers). `make bench` runs them interleaved,
# BENCH_REPS times on BENCH_NUM keys (BENCH_WORKLOADS: comma-separated,
# empty = db_bench's default list), in a scratch directory under /tmp, and
# prints bench/bench_table.py's table (medians, skyrocks / best peer and
# skyrocks / RocksDB); the raw output is kept in $(BUILD)/bench/db_bench.log.
BENCH_NUM ?= 1000000
BENCH_REPS ?= 3
BENCH_WORKLOADS ?=
DB_BENCH_FLAGS := -std=c++17 -O2 -pthread $(WARNINGS)
DB_BENCH_BINS := $(BUILD)/bench/db_bench_skyrocks $(BUILD)/bench/db_bench_rocksdb $(BUILD)/bench/db_bench_leveldb
$(BUILD)/bench/db_bench_skyrocks: bench/db_bench.cpp $(BUILD)/libskyrocks.a
	@mkdir -p $(@D)
	$(CXX) $(DB_BENCH_FLAGS) -Isrc/include -o $@ $< $(BUILD)/libskyrocks.a $(LIB_LIBS)
$(BUILD)/bench/db_bench_rocksdb: bench/db_bench.cpp
	@mkdir -p $(@D)
	$(CXX) $(DB_BENCH_FLAGS) -o $@ $< -lrocksdb
$(BUILD)/bench/db_bench_leveldb: bench/db_bench.cpp $(wildcard bench/leveldb_shim/rocksdb/*.h)
	@mkdir -p $(@D)
	$(CXX) $(DB_BENCH_FLAGS) -Ibench/leveldb_shim -o $@ $< -lleveldb
db-bench-bins: $(DB_BENCH_BINS)

bench:
	BUILD=$(BUILD) bash bench/run_db_bench.sh $(BENCH_NUM) $(BENCH_REPS) $(BENCH_WORKLOADS)

# bench/txn_bench.cpp (public API only): optimistic and pessimistic transaction throughput,
# 1 and 4 threads, low and high contention, skyrocks beside librocksdb
# 7.8.3; `make txn-bench` runs them interleaved TXN_BENCH_REPS times for
# TXN_BENCH_SECONDS per case, in a scratch directory under /tmp.
TXN_BENCH_REPS ?= 3
TXN_BENCH_SECONDS ?= 2
$(BUILD)/bench/txn_bench_skyrocks: bench/txn_bench.cpp $(BUILD)/libskyrocks.a
	@mkdir -p $(@D)
	$(CXX) $(DB_BENCH_FLAGS) -Isrc/include -o $@ $< $(BUILD)/libskyrocks.a $(LIB_LIBS)
$(BUILD)/bench/txn_bench_rocksdb: bench/txn_bench.cpp
	@mkdir -p $(@D)
	$(CXX) $(DB_BENCH_FLAGS) -o $@ $< -lrocksdb
txn-bench: $(BUILD)/bench/txn_bench_skyrocks $(BUILD)/bench/txn_bench_rocksdb
	@d=$$(mktemp -d /tmp/txn_bench.XXXXXX) && trap 'rm -rf "$$d"' EXIT && \
	  for r in $$(seq 1 $(TXN_BENCH_REPS)); do for lib in skyrocks rocksdb; do \
	    $(BUILD)/bench/txn_bench_$$lib $$lib $$d/$$lib $(TXN_BENCH_SECONDS) || exit 1; \
	    rm -rf $$d/$$lib; done; done

amalgamate:
	python3 scripts/amalgamate.py

check:
	bash scripts/check_all.sh

# The meson build (meson.build) from scratch: setup, build, `meson test`.
meson-check:
	@d=$$(mktemp -d) && trap 'rm -rf "$$d"' EXIT && \
	  meson setup "$$d/b" >/dev/null && ninja -j2 -C "$$d/b" && \
	  meson test -C "$$d/b" --print-errorlogs

# `make install` (doc/packaging.md): the library built from the
# amalgamation, static and shared (soname libskyrocks.so.MAJOR), the pair's
# headers under $(INCLUDEDIR)/skyrocks/ (skyrocks.h and the forwarding
# rocksdb/**.h, kept apart from an installed librocksdb's), skyrocks.pc
# from packaging/skyrocks.pc.in, the skyrocks tool, and LICENSE.
PREFIX ?= /usr/local
DESTDIR ?=
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
BINDIR ?= $(PREFIX)/bin
VERSION := $(shell sed -n 's/^\#define SKYROCKS_VERSION_STRING "\(.*\)"/\1/p' src/include/rocksdb/version.h)
SOVERSION := $(firstword $(subst ., ,$(VERSION)))
PC_REQUIRES := libcurl openssl libxml-2.0 libzstd liblz4
$(BUILD)/install/libskyrocks.a: $(BUILD)/obj-amalg/skyrocks.o
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^
$(BUILD)/install/libskyrocks.so.$(VERSION): $(BUILD)/obj-amalg/skyrocks.o
	@mkdir -p $(@D)
	$(CXX) -shared -Wl,-soname,libskyrocks.so.$(SOVERSION) -o $@ $^ $(LIB_LIBS)
$(BUILD)/install/skyrocks.pc: packaging/skyrocks.pc.in src/include/rocksdb/version.h
	@mkdir -p $(@D)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	  -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	  -e 's|@REQUIRES_PRIVATE@|$(PC_REQUIRES)|' $< >$@
.PHONY: install install-files consumer-check
install: $(BUILD)/install/libskyrocks.a $(BUILD)/install/libskyrocks.so.$(VERSION) $(BUILD)/install/skyrocks.pc $(BUILD)/skyrocks
	$(MAKE) --no-print-directory install-files
install-files:
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)/skyrocks $(DESTDIR)$(BINDIR) $(DESTDIR)$(PREFIX)/share/doc/skyrocks
	install -m 644 $(BUILD)/install/libskyrocks.a $(DESTDIR)$(LIBDIR)/
	install -m 755 $(BUILD)/install/libskyrocks.so.$(VERSION) $(DESTDIR)$(LIBDIR)/
	ln -sf libskyrocks.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libskyrocks.so.$(SOVERSION)
	ln -sf libskyrocks.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libskyrocks.so
	install -m 644 $(BUILD)/install/skyrocks.pc $(DESTDIR)$(LIBDIR)/pkgconfig/
	install -m 644 amalgamation/skyrocks.h $(DESTDIR)$(INCLUDEDIR)/skyrocks/
	cd amalgamation && find rocksdb -name '*.h' | LC_ALL=C sort | while read -r h; do \
	  install -D -m 644 "$$h" "$(DESTDIR)$(INCLUDEDIR)/skyrocks/$$h" || exit 1; done
	install -m 755 $(BUILD)/skyrocks $(DESTDIR)$(BINDIR)/
	install -m 644 LICENSE $(DESTDIR)$(PREFIX)/share/doc/skyrocks/

# scripts/check_consumers.sh: tests/consumer/ built against `make install
# DESTDIR=...` with pkg-config, against CMake's install with find_package,
# and with skyrocks as a meson subproject. Ends "N passed, N failed".
consumer-check:
	BUILD=$(BUILD) bash scripts/check_consumers.sh

# SKYROCKS_NO_CLOUD, SKYROCKS_NO_ZSTD, SKYROCKS_NO_LZ4 builds of the pair.
variants: $(BUILD)/obj-amalg/skyrocks.o
	BUILD=$(BUILD) FULL_OBJ=$(BUILD)/obj-amalg/skyrocks.o bash scripts/check_variants.sh

test:
	bash scripts/install-deps
	$(MAKE) tests
	SKYROCKS_BUILD_DIR=$(BUILD) bash scripts/run_tests.sh $(TEST_BINS)

# Sanitizer builds of the test suite, each in its own build directory so
# their objects never mix with $(BUILD)'s (see README "Reliability"). The
# oracle programs (tests/oracle, linked to librocksdb) stay normal builds;
# unit_tests (src/ + tests/unit + tests/api), the examples and the C API
# programs (tests/c; not their librocksdb twins) are instrumented. api_amalgamation_tests is not run: it is the same tests/api
# code over the same sources, amalgamated.
#   make asan   address + undefined behaviour (LeakSanitizer included)
#   make tsan   thread; TSAN_SUBSET=1 runs only the concurrency subset in
#               tests/sanitizers/tsan_tests.txt (about a quarter of the time)
SAN_OPT ?= -O1 -g
ASAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
TSAN_FLAGS := -fsanitize=thread -fno-omit-frame-pointer
SAN_SUPP := $(CURDIR)/tests/sanitizers
SAN_BUILD_GOALS = $(SB)/tests/unit_tests $(SB)/skyrocks $(ORACLE_SRCS:tests/oracle/%.cpp=$(SB)/oracle/%) $(DIFF_SRCS:tests/oracle/%.cpp=$(SB)/diff/%) $(EXAMPLE_SRCS:examples/%.cc=$(SB)/examples/%) \
  $(C_TEST_ALL:tests/c/%.c=$(SB)/ctests/%) $(C_TEST_SRCS:tests/c/%.c=$(SB)/ctests/%_rocksdb)
TSAN_SUBSET ?=
.PHONY: asan tsan asan-build tsan-build

asan-build: SB := build-asan
asan-build:
	$(MAKE) BUILD=$(SB) OPT="$(SAN_OPT)" CXXFLAGS="$(ASAN_FLAGS)" $(SAN_BUILD_GOALS)

tsan-build: SB := build-tsan
tsan-build:
	$(MAKE) BUILD=$(SB) OPT="$(SAN_OPT)" CXXFLAGS="$(TSAN_FLAGS)" $(SAN_BUILD_GOALS)

asan:
	bash scripts/install-deps
	$(MAKE) asan-build
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	LSAN_OPTIONS=suppressions=$(SAN_SUPP)/lsan.supp:print_suppressions=0 \
	  SKYROCKS_BUILD_DIR=build-asan bash scripts/run_tests.sh build-asan/tests/unit_tests

tsan:
	bash scripts/install-deps
	$(MAKE) tsan-build
	TSAN_OPTIONS=die_after_fork=0:halt_on_error=1:second_deadlock_stack=1:suppressions=$(SAN_SUPP)/tsan.supp \
	  SKYROCKS_BUILD_DIR=build-tsan SKYROCKS_TEST_FILTER_FILE=$(if $(TSAN_SUBSET),$(SAN_SUPP)/tsan_tests.txt,) \
	  bash scripts/run_tests.sh build-tsan/tests/unit_tests

demo: $(BUILD)/skyrocks_demo
	$(BUILD)/skyrocks_demo

format:
	clang-format -i $$(find src tests -name '*.h' -o -name '*.cc' -o -name '*.cpp')

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
