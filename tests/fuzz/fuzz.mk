# libFuzzer harnesses (tests/fuzz/NAME_fuzzer.cpp), included from the
# Makefile. `make fuzz FUZZ_SECONDS=N` builds every target with clang
# (library objects once with -fsanitize=fuzzer-no-link,address,undefined in
# $(FUZZ_BUILD)/obj, harnesses linked with -fsanitize=fuzzer,address,
# undefined), generates the larger seeds (scripts/gen_fuzz_seeds.sh), and
# runs each target for N seconds over a copy of its committed corpus
# (tests/fuzz/corpus/NAME) plus the generated seeds; see
# tests/fuzz/run_fuzz.sh for the output. `make fuzz-bins` only builds.
# Crashes found are replayed by tests/unit/fuzz_regression_test.cpp from
# tests/fuzz/regressions/NAME/.

FUZZ_BUILD ?= build-fuzz
FUZZ_CXX ?= clang++
FUZZ_SECONDS ?= 20
FUZZ_TARGETS ?=
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CXXFLAGS := -std=c++17 -O1 -g -fno-omit-frame-pointer -pthread \
  $(WARNINGS) $(STRICT_STATUS) $(PKG_CFLAGS) $(FUZZ_SAN) $(CXXFLAGS)

FUZZ_SRCS := $(shell find tests/fuzz -maxdepth 1 -name '*_fuzzer.cpp' | LC_ALL=C sort)
FUZZ_BINS := $(FUZZ_SRCS:tests/fuzz/%.cpp=$(FUZZ_BUILD)/%)
FUZZ_LIB_OBJS := $(LIB_SRCS:src/%.cc=$(FUZZ_BUILD)/obj/%.o)

.PHONY: fuzz fuzz-bins
# Kept: make would otherwise delete them as intermediates of the chain.
.SECONDARY: $(FUZZ_SRCS:tests/fuzz/%.cpp=$(FUZZ_BUILD)/obj/tests/fuzz/%.o) \
  $(FUZZ_BUILD)/obj/tests/fuzz/seed_gen.o
fuzz-bins: $(FUZZ_BINS)

$(FUZZ_BUILD)/obj/%.o: src/%.cc
	@mkdir -p $(@D)
	$(FUZZ_CXX) $(FUZZ_CXXFLAGS) -fsanitize=fuzzer-no-link $(DEPFLAGS) -Isrc -Isrc/include -c $< -o $@

$(FUZZ_BUILD)/libskyrocks_fuzz.a: $(FUZZ_LIB_OBJS)
	rm -f $@ && ar rcs $@ $^

$(FUZZ_BUILD)/obj/tests/fuzz/%.o: tests/fuzz/%.cpp
	@mkdir -p $(@D)
	$(FUZZ_CXX) $(FUZZ_CXXFLAGS) -fsanitize=fuzzer-no-link $(DEPFLAGS) -Isrc -Isrc/include -Itests -c $< -o $@

$(FUZZ_BUILD)/%_fuzzer: $(FUZZ_BUILD)/obj/tests/fuzz/%_fuzzer.o $(FUZZ_BUILD)/libskyrocks_fuzz.a
	$(FUZZ_CXX) $(FUZZ_CXXFLAGS) -fsanitize=fuzzer -o $@ $^ $(LIB_LIBS)

# The seed generator (tests/fuzz/seed_gen.cpp) with the same objects.
$(FUZZ_BUILD)/seed_gen: $(FUZZ_BUILD)/obj/tests/fuzz/seed_gen.o $(FUZZ_BUILD)/libskyrocks_fuzz.a
	$(FUZZ_CXX) $(FUZZ_CXXFLAGS) -o $@ $^ $(LIB_LIBS)

fuzz: $(FUZZ_BINS) $(FUZZ_BUILD)/seed_gen $(BUILD)/oracle/db_writer $(BUILD)/oracle/sst_tool
	FUZZ_BUILD=$(FUZZ_BUILD) BUILD=$(BUILD) bash scripts/gen_fuzz_seeds.sh
	FUZZ_BUILD=$(FUZZ_BUILD) bash tests/fuzz/run_fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

-include $(shell find $(FUZZ_BUILD) -name '*.d' 2>/dev/null)
