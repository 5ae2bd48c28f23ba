// The `skyrocks` command-line tool (src/tools/cli/), end to end: runs the
// built binary ($BUILD/skyrocks) on a local DB, on a DB written by
// librocksdb 7.8.3 (the db_tool oracle), and on a cloud DB in the
// local-directory store named by file:// URLs; checks output, --json and
// the exit codes (0 ok, 1 error, 2 usage, 3 not found, 4 corruption).
#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "support/s3_emulator.h"
#include "support/test_util.h"

namespace {

struct CliRun {
  int rc = -1;
  std::string out;  // stdout only
};

// Runs `skyrocks ARGS` (stdin from input_file if not empty).
// env: "NAME=value ..." set for the run.
CliRun Cli(const std::string& args, const std::string& input_file = "",
           const std::string& env = "") {
  CliRun r;
  std::string cmd = env + " " + skyrocks_test::BuildDir() + "/skyrocks " + args;
  if (!input_file.empty()) cmd += " < " + input_file;
  cmd = "( " + cmd + " 2>/dev/null )";
  r.rc = skyrocks_test::RunCommand(cmd, &r.out);
  return r;
}

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
}

// The last file (by name) in dir whose name contains part ("" if none):
// the newest SST.
std::string FindFile(const std::string& dir, const std::string& part) {
  std::string out;
  skyrocks_test::RunCommand(
      "ls " + dir + " | grep -F -- '" + part + "' | tail -1 | tr -d '\\n'",
      &out);
  return out.empty() ? "" : dir + "/" + out;
}

void FlipByte(const std::string& path, size_t offset) {
  std::string data = skyrocks_test::ReadWholeFile(path);
  REQUIRE(data.size() > offset);
  data[offset] = static_cast<char>(data[offset] ^ 0xff);
  WriteText(path, data);
}

}  // namespace

TEST_CASE("cli: help, usage errors and unknown commands exit 2") {
  CHECK(Cli("").rc == 2);
  CHECK(Cli("no_such_command").rc == 2);
  CliRun help = Cli("--help");
  CHECK(help.rc == 0);
  CHECK(help.out.find("checkconsistency") != std::string::npos);
  CHECK(help.out.find("file:///DIR/BUCKET/PATH") != std::string::npos);
  CliRun gc_help = Cli("gc --help");
  CHECK(gc_help.rc == 0);
  CHECK(gc_help.out.find("--dry-run") != std::string::npos);
  CHECK(Cli("get").rc == 2);                        // no DB
  CHECK(Cli("get /tmp/x --no-such-flag").rc == 2);  // unknown option
  CHECK(Cli("scan /tmp/x --limit").rc == 2);        // missing value
  CHECK(Cli("get s3://only-a-bucket k").rc == 2);   // no object path
  CHECK(Cli("get ftp://h/b/p k").rc == 2);          // unknown scheme
}

TEST_CASE(
    "cli: a local DB: put, get, scan, dump and load, delete, exit codes") {
  skyrocks_test::TempDir dir;
  const std::string db = dir.Sub("db");
  // Not there: 3, for reads and for writes without --create_if_missing.
  CHECK(Cli("get " + db + " k1").rc == 3);
  CHECK(Cli("put " + db + " k1 v1").rc == 3);
  REQUIRE(Cli("put " + db + " k1 v1 --create_if_missing").rc == 0);
  REQUIRE(Cli("put " + db + " k2 v2").rc == 0);
  REQUIRE(Cli("put --hex --db=" + db + " 0x6B33 0x7633").rc == 0);  // k3=v3

  CliRun get = Cli("get " + db + " k2");
  CHECK(get.rc == 0);
  CHECK(get.out == "v2\n");
  CHECK(Cli("get " + db + " k3").out == "v3\n");
  CHECK(Cli("get " + db + " k2 --hex").rc == 2);  // "k2" is not hex
  CHECK(Cli("get " + db + " 6B32 --hex").out == "0x7632\n");
  CliRun missing = Cli("get " + db + " nope --json");
  CHECK(missing.rc == 3);
  CHECK(missing.out.find("\"exit_code\":3") != std::string::npos);

  CHECK(Cli("scan " + db).out == "k1 : v1\nk2 : v2\nk3 : v3\n");
  CHECK(Cli("scan " + db + " --from k2 --to k3").out == "k2 : v2\n");
  CHECK(Cli("scan " + db + " --limit 1 --json").out ==
        "{\"entries\":[{\"key\":\"k1\",\"value\":\"v1\"}],\"count\":1,"
        "\"bytes\":4}\n");

  // dump | load into a second DB gives the same scan.
  CliRun dump = Cli("dump " + db);
  REQUIRE(dump.rc == 0);
  CHECK(dump.out == "k1 ==> v1\nk2 ==> v2\nk3 ==> v3\n");
  WriteText(dir.Sub("dump.txt"), dump.out);
  const std::string db2 = dir.Sub("db2");
  CliRun load =
      Cli("load " + db2 + " --create_if_missing --json", dir.Sub("dump.txt"));
  CHECK(load.rc == 0);
  CHECK(load.out == "{\"ok\":true,\"loaded\":3}\n");
  CHECK(Cli("scan " + db2).out == Cli("scan " + db).out);
  WriteText(dir.Sub("bad.txt"), "k1 v1\n");
  CHECK(Cli("load " + db2, dir.Sub("bad.txt")).rc == 2);

  REQUIRE(Cli("delete " + db + " k1").rc == 0);
  CHECK(Cli("get " + db + " k1").rc == 3);
  CHECK(Cli("list_column_families " + db + " --json").out ==
        "{\"column_families\":[\"default\"]}\n");
  CHECK(Cli("scan " + db + " --cf nope").rc == 2);

  CliRun compact = Cli("compact " + db + " --json");
  CHECK(compact.rc == 0);
  CHECK(compact.out.find("\"live_files\":1") != std::string::npos);
  CliRun props = Cli("properties " + db + " --json");
  CHECK(props.rc == 0);
  CHECK(props.out.find("\"rocksdb.estimate-num-keys\":\"2\"") !=
        std::string::npos);
  CHECK(Cli("properties " + db + " --property rocksdb.no-such").rc == 3);
  CliRun approx = Cli("approxsize " + db + " --from a --to z");
  CHECK(approx.rc == 0);
  CHECK(std::stoull(approx.out) > 0);
  CHECK(Cli("approxsize " + db).rc == 2);
  CHECK(Cli("checkconsistency " + db + " --json").out ==
        "{\"ok\":true,\"keys\":2}\n");

  CliRun md = Cli("manifest_dump " + db);
  CHECK(md.rc == 0);
  CHECK(md.out.find("Comparator: leveldb.BytewiseComparator") !=
        std::string::npos);
  CHECK(md.out.find("AddFile: L") != std::string::npos);
  CHECK(Cli("manifest_dump " + db + " --json").out.find("\"edits\":[\"") !=
        std::string::npos);
  CHECK(Cli("manifest_dump " + dir.Sub("none")).rc == 3);

  // The SST commands, then corruption: 4 from sst verify, checkconsistency
  // and a read of the damaged block.
  const std::string sst = FindFile(db, ".sst");
  REQUIRE(!sst.empty());
  CHECK(Cli("sst scan " + sst).out == "k2 : v2\nk3 : v3\n");
  CHECK(Cli("sst scan " + sst + " --hex --limit 1").out == "0x6B32 : 0x7632\n");
  CliRun sp = Cli("sst properties " + sst + " --json");
  CHECK(sp.rc == 0);
  CHECK(sp.out.find("\"num_entries\":2") != std::string::npos);
  CHECK(Cli("sst verify " + sst).rc == 0);
  CHECK(Cli("sst verify " + dir.Sub("none.sst")).rc != 0);
  CHECK(Cli("sst nonsense " + sst).rc == 2);
  FlipByte(sst, 5);
  CHECK(Cli("sst verify " + sst).rc == 4);
  CHECK(Cli("checkconsistency " + db).rc == 4);
  CHECK(Cli("get " + db + " k2").rc == 4);
}

TEST_CASE("cli: a DB written by librocksdb 7.8.3") {
  skyrocks_test::TempDir dir;
  const std::string db = dir.Sub("db");
  // Keys and values in hex (tests/oracle/db_tool.cpp): default a=1, b=2
  // (flushed to an SST), cf1 c=3 (in the WAL only).
  WriteText(dir.Sub("ops"),
            "P\tdefault\t61\t31\nP\tdefault\t62\t32\nF\tdefault\n"
            "P\tcf1\t63\t33\n");
  std::string out;
  REQUIRE(skyrocks_test::RunCommand(skyrocks_test::BuildDir() +
                                        "/oracle/db_tool apply " + db + " " +
                                        dir.Sub("ops") + " close",
                                    &out) == 0);
  CHECK(Cli("list_column_families " + db).out == "default\ncf1\n");
  CHECK(Cli("scan " + db).out == "a : 1\nb : 2\n");
  CHECK(Cli("get " + db + " c --cf cf1").out == "3\n");
  CHECK(Cli("get " + db + " c").rc == 3);
  CHECK(Cli("checkconsistency " + db + " --json").out ==
        "{\"ok\":true,\"keys\":3}\n");
  const std::string sst = FindFile(db, ".sst");
  REQUIRE(!sst.empty());
  CHECK(Cli("sst scan " + sst).out == "a : 1\nb : 2\n");
  CHECK(Cli("sst properties " + sst).out.find("num_entries: 2") !=
        std::string::npos);
  CHECK(Cli("sst verify " + sst).rc == 0);

  CliRun md = Cli("manifest_dump " + db);
  CHECK(md.rc == 0);
  CHECK(md.out.find("cf1") != std::string::npos);

  // migrate: a copy of the directory into a bucket, WAL-only writes and
  // column families included; the directory itself is left alone.
  const std::string root = dir.Sub("buckets");
  REQUIRE(Cli("migrate " + db + " file://" + root + "/bkt/dbs/m --file-root " +
              root)
              .rc == 0);
  const std::string migrated = "file://" + root + "/bkt/dbs/m";
  CHECK(Cli("list_column_families " + migrated).out == "default\ncf1\n");
  CHECK(Cli("scan " + migrated).out == "a : 1\nb : 2\n");
  CHECK(Cli("get " + migrated + " c --cf cf1").out == "3\n");
  CHECK(Cli("verify " + migrated).rc == 0);
  CHECK(Cli("migrate " + dir.Sub("none") + " " + migrated).rc == 3);

  // A write by the tool reads back through librocksdb.
  REQUIRE(Cli("put " + db + " d 4 --cf cf1").rc == 0);
  REQUIRE(skyrocks_test::RunCommand(
              skyrocks_test::BuildDir() + "/oracle/db_tool dump " + db + " ro",
              &out) == 0);
  CHECK(out.find("cf1\t64\t34") != std::string::npos);
}

TEST_CASE("cli: a cloud DB in the local-directory store, by file:// URL") {
  skyrocks_test::TempDir dir;
  const std::string root = dir.Sub("buckets");
  const std::string url = "file://" + root + "/bkt/dbs/main";
  const std::string clone = "file://" + root + "/bkt/dbs/clone";

  // A new store: the root cannot be told from the URL alone.
  CHECK(Cli("put " + url + " k v --create_if_missing").rc == 2);
  REQUIRE(
      Cli("put " + url + " k v --create_if_missing --file-root " + root).rc ==
      0);
  // From now on the bucket's dbid registry tells where the root is.
  WriteText(dir.Sub("lines"), "a ==> 1\nb ==> 2\n");
  // The reopen flushes k (replayed from the bucket WAL), load flushes a, b:
  // two SSTs.
  REQUIRE(Cli("load " + url, dir.Sub("lines")).rc == 0);
  CHECK(Cli("scan " + url).out == "a : 1\nb : 2\nk : v\n");
  CHECK(Cli("get " + url + " nope").rc == 3);
  CHECK(Cli("get file://" + root + "/bkt/dbs/none k").rc == 3);
  // A read never creates a bucket.
  CHECK(Cli("get file://" + root + "/nobucket/db k --file-root " + root).rc ==
        3);
  CHECK(skyrocks_test::ReadWholeFile(root + "/nobucket").empty());
  std::string listing;
  skyrocks_test::RunCommand("ls " + root, &listing);
  CHECK(listing == "bkt\n");

  CliRun info = Cli("info " + url + " --json");
  REQUIRE(info.rc == 0);
  CHECK(info.out.find("\"bucket\":\"bkt\",\"path\":\"dbs/main\"") !=
        std::string::npos);
  CHECK(info.out.find("\"live_ssts\":2") != std::string::npos);
  CHECK(info.out.find(".sst-") != std::string::npos);
  CHECK(info.out.find("\"manifest\":\"MANIFEST-") != std::string::npos);
  // Three writable opens so far: two past epochs.
  CHECK(info.out.find("\"past_epochs\":[{\"epoch\":") != std::string::npos);
  CHECK(Cli("info " + dir.Sub("plain")).rc == 2);  // not a URL
  CliRun md = Cli("manifest_dump " + url);
  CHECK(md.rc == 0);
  CHECK(md.out.rfind(url + "/MANIFEST-", 0) == 0);
  CHECK(md.out.find("AddFile: L0") != std::string::npos);

  CliRun ls = Cli("ls file://" + root + "/bkt --json");
  REQUIRE(ls.rc == 0);
  CHECK(ls.out.find("\"path\":\"dbs/main\"") != std::string::npos);

  // A clone reads the source's SSTs; its writes stay its own.
  REQUIRE(Cli("clone " + url + " " + clone).rc == 0);
  REQUIRE(Cli("put " + clone + " c 3").rc == 0);
  CHECK(Cli("scan " + clone).out == "a : 1\nb : 2\nc : 3\nk : v\n");
  CHECK(Cli("get " + url + " c").rc == 3);
  CHECK(Cli("ls file://" + root + "/bkt").out.find("dbs/clone") !=
        std::string::npos);

  // checkpoint: a copy that opens on its own (SRC's flushed state).
  const std::string copy = "file://" + root + "/bkt/dbs/copy";
  REQUIRE(Cli("checkpoint " + url + " " + copy).rc == 0);
  CHECK(Cli("scan " + copy).out == "a : 1\nb : 2\nk : v\n");
  CHECK(Cli("verify " + copy).rc == 0);

  // gc: a dry run deletes nothing and reports what it would.
  CliRun dry = Cli("gc " + url + " --dry-run --min-age 0 --json");
  REQUIRE(dry.rc == 0);
  CHECK(dry.out.find("\"dry_run\":true") != std::string::npos);
  CHECK(dry.out.find("\"deleted\":true") == std::string::npos);
  CHECK(Cli("gc " + url + " --min-age x").rc == 2);

  // Savepoint, then drop the clone: it no longer opens, and gc removes its
  // objects while the source keeps working.
  REQUIRE(Cli("savepoint " + clone).rc == 0);
  REQUIRE(Cli("drop " + clone).rc == 0);
  CHECK(Cli("get " + clone + " c").rc == 3);
  CliRun gc = Cli("gc " + clone + " --min-age 0 --grace 0 --json");
  REQUIRE(gc.rc == 0);
  CHECK(gc.out.find("\"deleted\":true") != std::string::npos);
  CHECK(gc.out.find("the DB was dropped") != std::string::npos);
  CHECK(Cli("gc " + url + " --min-age 0 --grace 0").rc == 0);
  CHECK(Cli("scan " + url).out == "a : 1\nb : 2\nk : v\n");
  CHECK(Cli("checkconsistency " + url).rc == 0);

  // verify: sizes from the bucket, then checksums; a truncated object is
  // corruption (4), naming it.
  CHECK(Cli("verify " + url + " --json").out ==
        "{\"ok\":true,\"live_ssts\":2,\"bytes\":" +
            std::to_string(std::stoull(
                info.out.substr(info.out.find("\"live_bytes\":") + 13))) +
            "}\n");
  std::string sst;
  skyrocks_test::RunCommand("ls " + root + "/bkt/dbs/main/*.sst-* | head -1",
                            &sst);
  REQUIRE(!sst.empty());
  sst.pop_back();  // the newline
  std::string ignored;
  REQUIRE(skyrocks_test::RunCommand("truncate -s 100 " + sst, &ignored) == 0);
  CliRun bad = Cli("verify " + url + " --json");
  CHECK(bad.rc == 4);
  CHECK(bad.out.find("has 100 bytes") != std::string::npos);
}

TEST_CASE("cli: progress is drawn on a terminal only, a summary line always") {
  skyrocks_test::TempDir dir;
  const std::string db = dir.Sub("db");
  std::string lines;
  for (int i = 0; i < 2000; i++) {
    lines += "key" + std::to_string(100000 + i) + " ==> v\n";
  }
  WriteText(dir.Sub("lines"), lines);
  REQUIRE(Cli("load " + db + " --create_if_missing", dir.Sub("lines")).rc == 0);
  // Not a terminal: no carriage returns, one summary line on stderr.
  std::string piped;
  CHECK(skyrocks_test::RunCommand("( " + skyrocks_test::BuildDir() +
                                      "/skyrocks dump " + db + " > /dev/null )",
                                  &piped) == 0);
  CHECK(piped == "skyrocks dump: 2000 keys, 20000 bytes\n");
  // In a pseudo-terminal (util-linux script): the counter is drawn and
  // cleared before the summary.
  std::string out;
  const int rc = skyrocks_test::RunCommand(
      "script -qec '" + skyrocks_test::BuildDir() + "/skyrocks dump " + db +
          " > /dev/null' /dev/null",
      &out);
  CHECK(rc == 0);
  CHECK_MESSAGE(out.find("\rdump: ") != std::string::npos, out);
  CHECK_MESSAGE(out.find("\r\033[K") != std::string::npos, out);
  CHECK(out.find("skyrocks dump: 2000 keys") != std::string::npos);
}

TEST_CASE("cli: a cloud DB on the S3 emulator, by s3:// URL") {
  skyrocks_test::S3Emulator emu;
  if (!emu.running()) {
    MESSAGE(
        "SKIPPED: the S3 emulator is not installed (bash scripts/install-deps "
        "installs it)");
    return;
  }
  skyrocks_test::TempDir dir;
  const std::string env =
      "AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER "
      "AWS_ENDPOINT_URL=" +
      emu.endpoint();
  const std::string url = "s3://skyrocks-test/dbs/cli";
  const std::string clone = "s3://skyrocks-test/dbs/cli-clone";
  CHECK(Cli("get " + url + " k", "", env).rc == 3);  // no DB yet
  REQUIRE(Cli("put " + url + " k v --create_if_missing", "", env).rc == 0);
  WriteText(dir.Sub("lines"), "a ==> 1\nb ==> 2\n");
  REQUIRE(Cli("load " + url, dir.Sub("lines"), env).rc == 0);
  CHECK(Cli("scan " + url, "", env).out == "a : 1\nb : 2\nk : v\n");
  CliRun info = Cli("info " + url + " --json", "", env);
  REQUIRE(info.rc == 0);
  CHECK(info.out.find("\"live_ssts\":2") != std::string::npos);
  CHECK(Cli("ls s3://skyrocks-test", "", env).out.find("dbs/cli") !=
        std::string::npos);
  REQUIRE(Cli("clone " + url + " " + clone, "", env).rc == 0);
  REQUIRE(Cli("put " + clone + " c 3", "", env).rc == 0);
  CHECK(Cli("scan " + clone, "", env).out == "a : 1\nb : 2\nc : 3\nk : v\n");
  CHECK(Cli("get " + url + " c", "", env).rc == 3);
  CHECK(Cli("checkconsistency " + clone, "", env).rc == 0);
  CHECK(Cli("gc " + url + " --dry-run --min-age 0", "", env).rc == 0);
  REQUIRE(Cli("drop " + clone, "", env).rc == 0);
  CHECK(Cli("get " + clone + " c", "", env).rc == 3);
  CHECK(Cli("scan " + url, "", env).out == "a : 1\nb : 2\nk : v\n");
}
