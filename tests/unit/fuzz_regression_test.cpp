// Replays every committed fuzz input through the same harness code the
// libFuzzer binaries run (tests/fuzz/harnesses.h): the crashes fuzzing
// found (tests/fuzz/regressions/NAME/, one file per crash, named for what
// broke) and the seed corpora (tests/fuzz/corpus/NAME/). A harness aborts
// on a defect (sanitizer report, failed check, exception), so under `make
// test` a regression shows as a crash of this test and under the sanitizer
// builds as their report.
#define SKYROCKS_FUZZ_REPLAY
#include <dirent.h>
#include <doctest/doctest.h>

#include <algorithm>

#include "fuzz/azure_answer_fuzzer.cpp"
#include "fuzz/block_decompress_fuzzer.cpp"
#include "fuzz/bucket_objects_fuzzer.cpp"
#include "fuzz/clone_sources_fuzzer.cpp"
#include "fuzz/cloud_manifest_fuzzer.cpp"
#include "fuzz/credentials_fuzzer.cpp"
#include "fuzz/db_open_fuzzer.cpp"
#include "fuzz/gcs_answer_fuzzer.cpp"
#include "fuzz/http_time_fuzzer.cpp"
#include "fuzz/s3_answer_fuzzer.cpp"
#include "fuzz/sst_fuzzer.cpp"
#include "fuzz/wal_fuzzer.cpp"
#include "support/test_util.h"

namespace {

std::vector<std::string> FuzzReplayFiles(const std::string& dir) {
  std::vector<std::string> files;
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return files;
  while (dirent* e = readdir(d)) {
    const std::string n = e->d_name;
    if (n[0] != '.' && n != "README.md") files.push_back(dir + "/" + n);
  }
  closedir(d);
  std::sort(files.begin(), files.end());
  return files;
}

// Feeds every file of tests/fuzz/{regressions,corpus}/NAME to the harness;
// returns how many there were.
size_t ReplayFuzzTarget(const skyrocks_fuzz::FuzzTarget& target) {
  size_t n = 0;
  for (const char* kind : {"regressions", "corpus"}) {
    for (const std::string& path :
         FuzzReplayFiles(skyrocks_test::SourceDir() + "/tests/fuzz/" + kind +
                         "/" + target.name)) {
      CAPTURE(path);
      const std::string data = skyrocks_test::ReadWholeFile(path);
      CHECK(target.fn(reinterpret_cast<const uint8_t*>(data.data()),
                      data.size()) == 0);
      n++;
    }
  }
  return n;
}

}  // namespace

TEST_CASE("fuzz: committed crashes and seeds replay through each harness") {
  for (const skyrocks_fuzz::FuzzTarget& target :
       skyrocks_fuzz::AllFuzzTargets()) {
    const std::string name = target.name;
    CAPTURE(name);
    // Every target has a committed corpus (so this replay is never empty).
    CHECK(ReplayFuzzTarget(target) > 0);
  }
}

TEST_CASE("fuzz: every harness is listed and takes empty and tiny inputs") {
  // Each tests/fuzz/NAME_fuzzer.cpp is in AllFuzzTargets (and included
  // above), so its regressions are replayed.
  std::vector<std::string> listed, sources;
  for (const skyrocks_fuzz::FuzzTarget& target :
       skyrocks_fuzz::AllFuzzTargets()) {
    listed.push_back(skyrocks_test::SourceDir() + "/tests/fuzz/" + target.name +
                     "_fuzzer.cpp");
  }
  for (const std::string& f :
       FuzzReplayFiles(skyrocks_test::SourceDir() + "/tests/fuzz")) {
    const std::string suffix = "_fuzzer.cpp";
    if (f.size() > suffix.size() &&
        f.compare(f.size() - suffix.size(), suffix.size(), suffix) == 0) {
      sources.push_back(f);
    }
  }
  CHECK(listed == sources);
  const uint8_t bytes[] = {0xff, 0x00, 0x01, 0x7f};
  for (const skyrocks_fuzz::FuzzTarget& target :
       skyrocks_fuzz::AllFuzzTargets()) {
    const std::string name = target.name;
    CAPTURE(name);
    CHECK(target.fn(bytes, 0) == 0);
    for (size_t n = 1; n <= sizeof(bytes); n++) CHECK(target.fn(bytes, n) == 0);
  }
}
