// Differential program for DB::IngestExternalFile (issue 19 item 6): built
// against librocksdb 7.8.3 ($(BUILD)/oracle/ingest_diff) and against
// skyrocks ($(BUILD)/diff/ingest_diff); tests/unit/db/ingest_test.cpp
// compares what they print. Statuses print as their code only.
//
//   ingest_diff scenario DIR   ingestion into an empty DB, over memtable
//                              and SST data, under a snapshot, overlapping
//                              files in one call, move_files, the errors;
//                              reads, file levels and sequence numbers,
//                              then the same after a reopen
//   ingest_diff write FILE N   an SST of keys e000..e(N-1) (values
//                              "ext<i>"), a merge and a range deletion
//   ingest_diff ingest DB FILE ingests FILE (a copy) into DB, created
//                              with keys "e005"="db" and "z"="db" first
//   ingest_diff dump DB        every key and value, and the files' levels
//                              and sequence numbers
#include <rocksdb/db.h>
#include <rocksdb/merge_operator.h>
#include <rocksdb/options.h>
#include <rocksdb/sst_file_writer.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace {

using ROCKSDB_NAMESPACE::DB;
using ROCKSDB_NAMESPACE::EnvOptions;
using ROCKSDB_NAMESPACE::IngestExternalFileOptions;
using ROCKSDB_NAMESPACE::Iterator;
using ROCKSDB_NAMESPACE::LiveFileMetaData;
using ROCKSDB_NAMESPACE::Options;
using ROCKSDB_NAMESPACE::ReadOptions;
using ROCKSDB_NAMESPACE::Slice;
using ROCKSDB_NAMESPACE::Snapshot;
using ROCKSDB_NAMESPACE::SstFileWriter;
using ROCKSDB_NAMESPACE::Status;
using ROCKSDB_NAMESPACE::WriteOptions;

void Check(const char* what, const Status& s) {
  if (!s.ok()) {
    std::printf("FAIL %s: %s\n", what, s.ToString().c_str());
    std::exit(1);
  }
}

class ConcatOperator : public ROCKSDB_NAMESPACE::MergeOperator {
 public:
  bool FullMergeV2(const MergeOperationInput& in,
                   MergeOperationOutput* out) const override {
    std::string r = in.existing_value ? in.existing_value->ToString() : "";
    for (const Slice& o : in.operand_list) r += "+" + o.ToString();
    out->new_value = r;
    return true;
  }
  const char* Name() const override { return "ConcatOperator"; }
};

Options BaseOptions() {
  Options o;
  o.create_if_missing = true;
  o.merge_operator = std::make_shared<ConcatOperator>();
  // The file layouts printed must not depend on when a background
  // compaction runs.
  o.disable_auto_compactions = true;
  return o;
}

// kvs: "k=v" puts, "k+v" merges, "k-" deletes, "a..b" a range deletion.
void WriteSst(const std::string& path, const std::vector<std::string>& kvs) {
  SstFileWriter w(EnvOptions(), BaseOptions());
  Check("sst open", w.Open(path));
  for (const std::string& kv : kvs) {
    const size_t dots = kv.find("..");
    if (dots != std::string::npos) {
      Check("sst range",
            w.DeleteRange(kv.substr(0, dots), kv.substr(dots + 2)));
      continue;
    }
    const size_t at = kv.find_first_of("=+-");
    const std::string k = kv.substr(0, at), v = kv.substr(at + 1);
    if (kv[at] == '=') Check("sst put", w.Put(k, v));
    if (kv[at] == '+') Check("sst merge", w.Merge(k, v));
    if (kv[at] == '-') Check("sst delete", w.Delete(k));
  }
  Check("sst finish", w.Finish());
}

void Dump(DB* db, const Snapshot* snap, const char* what) {
  ReadOptions ro;
  ro.snapshot = snap;
  std::unique_ptr<Iterator> it(db->NewIterator(ro));
  std::printf("%s:", what);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::printf(" %s=%s", it->key().ToString().c_str(),
                it->value().ToString().c_str());
  }
  std::printf(" (%s)\n", it->status().ok() ? "ok" : "error");
  // Point lookups and a backward scan must agree with the forward one.
  std::unique_ptr<Iterator> back(db->NewIterator(ro));
  std::string keys;
  for (back->SeekToLast(); back->Valid(); back->Prev()) {
    std::string v;
    Status s = db->Get(ro, back->key(), &v);
    if (!s.ok() || v != back->value().ToString()) {
      std::printf("  get %s differs\n", back->key().ToString().c_str());
    }
    keys = back->key().ToString() + " " + keys;
  }
  std::printf("  backward: %s\n", keys.c_str());
}

void Files(DB* db) {
  std::vector<LiveFileMetaData> files;
  db->GetLiveFilesMetaData(&files);
  std::vector<std::string> lines;
  for (const LiveFileMetaData& f : files) {
    lines.push_back("L" + std::to_string(f.level) + " " + f.smallestkey + ".." +
                    f.largestkey + " seqno " +
                    std::to_string(f.smallest_seqno) + "-" +
                    std::to_string(f.largest_seqno));
  }
  std::sort(lines.begin(), lines.end());
  for (const std::string& l : lines) std::printf("  file %s\n", l.c_str());
  std::printf("  last seqno %llu\n",
              static_cast<unsigned long long>(db->GetLatestSequenceNumber()));
}

void Code(const char* what, const Status& s) {
  std::printf("%s: code=%d\n", what, static_cast<int>(s.code()));
}

void Scenario(const std::string& dir) {
  const std::string ext = dir + "/ext", db_dir = dir + "/db";
  if (system(("mkdir -p " + ext).c_str()) != 0) std::exit(1);
  WriteSst(ext + "/a.sst", {"a1=A1", "a2=A2", "a3+m"});
  WriteSst(ext + "/b.sst", {"b1=B1", "b2-", "b3=B3"});
  WriteSst(ext + "/c.sst", {"a2=C2", "c1=C1", "k1..k5"});
  WriteSst(ext + "/d.sst", {"d1=D1", "d2=D2"});
  WriteSst(ext + "/e.sst", {"d2=E2", "e1=E1"});
  WriteSst(ext + "/f.sst", {"f1=F1"});
  WriteSst(ext + "/g.sst", {"g1=G1"});

  DB* db = nullptr;
  Check("open", DB::Open(BaseOptions(), db_dir, &db));
  IngestExternalFileOptions copy;
  // Into an empty DB: the last level, sequence number 0.
  Code("ingest a", db->IngestExternalFile({ext + "/a.sst"}, copy));
  Dump(db, nullptr, "after a");
  Files(db);
  // Over SST data and a memtable holding a key in range, under a snapshot.
  Check("put", db->Put(WriteOptions(), "b2", "mem"));
  Check("put", db->Put(WriteOptions(), "k3", "mem"));
  Check("merge", db->Merge(WriteOptions(), "a3", "n"));
  const Snapshot* snap = db->GetSnapshot();
  Code("ingest b", db->IngestExternalFile({ext + "/b.sst"}, copy));
  Code("ingest c", db->IngestExternalFile({ext + "/c.sst"}, copy));
  Dump(db, nullptr, "after b c");
  Dump(db, snap, "snapshot");
  Files(db);
  db->ReleaseSnapshot(snap);
  // Two files overlapping each other, in one call.
  Code("ingest d e",
       db->IngestExternalFile({ext + "/d.sst", ext + "/e.sst"}, copy));
  Dump(db, nullptr, "after d e");
  Files(db);
  // move_files: the external file goes.
  IngestExternalFileOptions move;
  move.move_files = true;
  Code("ingest f moved", db->IngestExternalFile({ext + "/f.sst"}, move));
  std::printf("f.sst left: %d\n", access((ext + "/f.sst").c_str(), F_OK) == 0);
  // Errors.
  Code("empty list", db->IngestExternalFile({}, copy));
  Code("missing file", db->IngestExternalFile({ext + "/none.sst"}, copy));
  // (A file of another comparator: librocksdb 7.8.3 ingests it and its
  // reads then fail assertions; skyrocks refuses it, see ingest_test.cpp.)
  IngestExternalFileOptions no_seqno;
  no_seqno.allow_global_seqno = false;
  Code("overlap without global seqno",
       db->IngestExternalFile({ext + "/d.sst", ext + "/e.sst"}, no_seqno));
  Check("put", db->Put(WriteOptions(), "g1", "mem"));
  IngestExternalFileOptions no_flush;
  no_flush.allow_blocking_flush = false;
  Code("needs flush", db->IngestExternalFile({ext + "/g.sst"}, no_flush));
  Code("no seqno over memtable",
       db->IngestExternalFile({ext + "/g.sst"}, no_seqno));
  Dump(db, nullptr, "after errors");
  Files(db);
  delete db;
  Check("reopen", DB::Open(BaseOptions(), db_dir, &db));
  Dump(db, nullptr, "reopened");
  Files(db);
  Check("compact", db->CompactRange(ROCKSDB_NAMESPACE::CompactRangeOptions(),
                                    nullptr, nullptr));
  Dump(db, nullptr, "compacted");
  delete db;
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IONBF, 0);
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "scenario" && argc == 3) {
    Scenario(argv[2]);
  } else if (mode == "write" && argc == 4) {
    std::vector<std::string> kvs;
    const int n = std::atoi(argv[3]);
    char key[16];
    for (int i = 0; i < n; i++) {
      std::snprintf(key, sizeof(key), "e%03d", i);
      if (i == 7) {
        kvs.push_back(std::string(key) + "+ext7");
      } else {
        kvs.push_back(std::string(key) + "=ext" + std::to_string(i));
      }
    }
    kvs.push_back("r1..r5");
    WriteSst(argv[2], kvs);
  } else if (mode == "ingest" && argc == 4) {
    DB* db = nullptr;
    Check("open", DB::Open(BaseOptions(), argv[2], &db));
    Check("put", db->Put(WriteOptions(), "e005", "db"));
    Check("put", db->Put(WriteOptions(), "e007", "db"));
    Check("put", db->Put(WriteOptions(), "r3", "db"));
    Check("put", db->Put(WriteOptions(), "z", "db"));
    Check("ingest",
          db->IngestExternalFile({argv[3]}, IngestExternalFileOptions()));
    delete db;
  } else if (mode == "dump" && argc == 3) {
    DB* db = nullptr;
    Check("open", DB::Open(BaseOptions(), argv[2], &db));
    Dump(db, nullptr, "dump");
    Files(db);
    delete db;
  } else {
    std::printf(
        "usage: ingest_diff scenario DIR | write FILE N | "
        "ingest DB FILE | dump DB\n");
    return 2;
  }
  std::printf("OK\n");
  return 0;
}
