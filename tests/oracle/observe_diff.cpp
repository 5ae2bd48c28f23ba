// Differential program for the info LOG, EventListener and the iterator
// tickers (issue 19 item 7): built against librocksdb 7.8.3
// ($(BUILD)/oracle/observe_diff) and against skyrocks
// ($(BUILD)/diff/observe_diff); each mode must print the same lines with
// both (tests/unit/db/observe_diff_test.cpp compares them).
//
//   observe_diff listener DIR  the callbacks of a flush, a second flush
//                              and a CompactRange, file numbers renamed
//                              F1, F2... in order of appearance
//   observe_diff ingest DIR    OnMemTableSealed, OnExternalFileIngested
//                              and OnColumnFamilyHandleDeletionStarted of
//                              two ingestions (one overlapping the
//                              memtable), a family's handle and Close
//   observe_diff recovery DIR  the error recovery callbacks of retryable
//                              flush errors: an automatic resume that
//                              succeeds, one that runs out of retries,
//                              and a DB::Resume (no OnErrorRecoveryBegin:
//                              RocksDB calls it for none of them)
//   observe_diff bgerror DIR   OnBackgroundError of a failed flush, and
//                              the writes it stops
//   observe_diff iter DIR      NUMBER_DB_SEEK/NEXT/PREV(_FOUND) and
//                              ITER_BYTES_READ over an iterator's life
//   observe_diff log DIR       the LOG after two opens, a flush and a
//                              compaction: LOG.old count, the fields of
//                              each EVENT_LOG_v1 event, some options
//   observe_diff roll DIR      max_log_file_size/keep_log_file_num: the
//                              info log files left
//   observe_diff logdir DIR L  db_log_dir: the names of L's files
//   observe_diff dump DIR      stats_dump_period_sec=1: the dump's marker
//   observe_diff dumpset DIR   stats_dump_period_sec set to 1 by
//                              SetDBOptions: the answers, the dump's marker
#include <dirent.h>
#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/file_system.h>
#include <rocksdb/listener.h>
#include <rocksdb/options.h>
#include <rocksdb/sst_file_writer.h>
#include <rocksdb/statistics.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace r = ROCKSDB_NAMESPACE;

std::string Key(int i) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "key%04d", i);
  return buf;
}

std::vector<std::string> Children(const std::string& dir) {
  std::vector<std::string> out;
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return out;
  while (dirent* e = readdir(d)) {
    const std::string n = e->d_name;
    if (n != "." && n != "..") out.push_back(n);
  }
  closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

// "LOG 1 LOG.old N": the info log files in dir.
void PrintInfoLogs(const std::string& dir) {
  int olds = 0, logs = 0;
  for (const std::string& c : Children(dir)) {
    if (c == "LOG") logs++;
    if (c.compare(0, 8, "LOG.old.") == 0) olds++;
  }
  std::printf("LOG %d LOG.old %d\n", logs, olds);
}

std::unique_ptr<r::DB> OpenDb(const r::Options& o, const std::string& dir) {
  r::DB* raw = nullptr;
  r::Status s = r::DB::Open(o, dir, &raw);
  if (!s.ok()) {
    std::printf("open %s\n", s.ToString().c_str());
    return nullptr;
  }
  return std::unique_ptr<r::DB>(raw);
}

bool Fill(r::DB* db, int from, int to, int step) {
  for (int i = from; i < to; i += step) {
    if (!db->Put(r::WriteOptions(), Key(i), std::string(100, 'v')).ok()) {
      return false;
    }
  }
  return true;
}

// Records the callbacks as lines, file numbers renamed by first sight.
class Recorder : public r::EventListener {
 public:
  void OnFlushBegin(r::DB*, const r::FlushJobInfo& i) override {
    Line("flush_begin cf=" + i.cf_name + " file=" + F(i.file_number) +
         " path=" + i.file_path.substr(i.file_path.rfind('/') + 1) +
         " reason=" + std::to_string(static_cast<int>(i.flush_reason)) +
         " job=" + J(i.job_id));
  }
  void OnFlushCompleted(r::DB*, const r::FlushJobInfo& i) override {
    Line("flush_completed cf=" + i.cf_name + " file=" + F(i.file_number) +
         " path_ok=" + Ok(PathEnds(i.file_path, i.file_number)) +
         " seqnos=" + std::to_string(i.smallest_seqno) + "-" +
         std::to_string(i.largest_seqno) +
         " entries=" + std::to_string(i.table_properties.num_entries) +
         " job=" + J(i.job_id));
  }
  void OnTableFileCreationStarted(
      const r::TableFileCreationBriefInfo& i) override {
    Line("creation_started cf=" + i.cf_name + " file=" + FP(i.file_path) +
         " reason=" + std::to_string(static_cast<int>(i.reason)) +
         " job=" + J(i.job_id));
  }
  void OnTableFileCreated(const r::TableFileCreationInfo& i) override {
    Line("created cf=" + i.cf_name + " file=" + FP(i.file_path) + " status=" +
         (i.status.ok()          ? "OK"
          : i.status.IsIOError() ? "IOError"
                                 : "other") +
         " size_ok=" + Ok(i.file_size > 0) +
         " entries=" + std::to_string(i.table_properties.num_entries) +
         " reason=" + std::to_string(static_cast<int>(i.reason)) +
         " job=" + J(i.job_id));
  }
  void OnCompactionBegin(r::DB*, const r::CompactionJobInfo& i) override {
    Line("compaction_begin " + Compaction(i));
  }
  void OnCompactionCompleted(r::DB*, const r::CompactionJobInfo& i) override {
    Line("compaction_completed " + Compaction(i) +
         " status=" + i.status.ToString());
  }
  void OnTableFileDeleted(const r::TableFileDeletionInfo& i) override {
    std::lock_guard<std::mutex> l(mu_);
    deleted_.insert(FPLocked(i.file_path) + " " + i.status.ToString());
  }
  void OnMemTableSealed(const r::MemTableInfo& i) override {
    Line("sealed cf=" + i.cf_name + " first=" + std::to_string(i.first_seqno) +
         " earliest=" + std::to_string(i.earliest_seqno) +
         " entries=" + std::to_string(i.num_entries) +
         " deletes=" + std::to_string(i.num_deletes));
  }
  void OnExternalFileIngested(r::DB*,
                              const r::ExternalFileIngestionInfo& i) override {
    Line("ingested cf=" + i.cf_name + " ext=" +
         i.external_file_path.substr(i.external_file_path.rfind('/') + 1) +
         " int=" + FP(i.internal_file_path) +
         " seqno=" + std::to_string(i.global_seqno) +
         " entries=" + std::to_string(i.table_properties.num_entries));
  }
  void OnColumnFamilyHandleDeletionStarted(r::ColumnFamilyHandle* h) override {
    Line("handle_deleted cf=" + h->GetName());
  }
  void OnErrorRecoveryBegin(r::BackgroundErrorReason reason, r::Status e,
                            bool* auto_recovery) override {
    Line("recovery_begin reason=" + Reason(reason) + " error=" + Kind(e) +
         " auto=" + Ok(*auto_recovery));
  }
  void OnErrorRecoveryCompleted(r::Status old) override {
    Line("recovery_completed old=" + Kind(old));
  }
  void OnErrorRecoveryEnd(const r::BackgroundErrorRecoveryInfo& i) override {
    Line("recovery_end old=" + Kind(i.old_bg_error) +
         " new=" + Kind(i.new_bg_error));
  }
  void OnBackgroundError(r::BackgroundErrorReason reason,
                         r::Status* s) override {
    // A failed flush: RocksDB says kFlushNoWAL where skyrocks says kFlush
    // (both are flush errors of the same severity here).
    const bool flush = reason == r::BackgroundErrorReason::kFlush ||
                       reason == r::BackgroundErrorReason::kFlushNoWAL;
    Line("bg_error reason=" +
         (flush ? std::string("flush")
                : std::to_string(static_cast<int>(reason))) +
         " ioerror=" + Ok(s->IsIOError()));
  }

  // Prints the lines so far and forgets them; with prefix, only the lines
  // that start with it.
  void PrintAndClear(const std::string& prefix) {
    std::lock_guard<std::mutex> l(mu_);
    for (const std::string& s : lines_) {
      if (s.compare(0, prefix.size(), prefix) == 0) {
        std::printf("%s\n", s.c_str());
      }
    }
    lines_.clear();
  }
  // How many lines start with prefix.
  int Count(const std::string& prefix) {
    std::lock_guard<std::mutex> l(mu_);
    int n = 0;
    for (const std::string& s : lines_) n += s.compare(0, prefix.size(), prefix) == 0;
    return n;
  }

  void Print() {
    std::lock_guard<std::mutex> l(mu_);
    for (const std::string& s : lines_) std::printf("%s\n", s.c_str());
    for (const std::string& s : deleted_)
      std::printf("deleted %s\n", s.c_str());
  }

 private:
  static std::string Ok(bool b) { return b ? "1" : "0"; }
  static std::string Kind(const r::Status& s) {
    if (s.ok()) return "OK";
    if (s.IsIOError()) return "IOError";
    if (s.IsShutdownInProgress()) return "ShutdownInProgress";
    if (s.IsAborted()) return "Aborted";
    return "other";
  }
  static std::string Reason(r::BackgroundErrorReason reason) {
    const bool flush = reason == r::BackgroundErrorReason::kFlush ||
                       reason == r::BackgroundErrorReason::kFlushNoWAL;
    return flush ? std::string("flush")
                 : std::to_string(static_cast<int>(reason));
  }
  static bool PathEnds(const std::string& p, uint64_t n) {
    char buf[32];
    std::snprintf(buf, sizeof(buf), "/%06llu.sst",
                  static_cast<unsigned long long>(n));
    return p.size() > std::strlen(buf) &&
           p.compare(p.size() - std::strlen(buf), std::string::npos, buf) == 0;
  }
  std::string Compaction(const r::CompactionJobInfo& i) {
    std::string s = "cf=" + i.cf_name + " in=";
    for (const auto& f : i.input_file_infos) {
      s += "L" + std::to_string(f.level) + ":" + F(f.file_number) + ",";
    }
    s += " out=";
    for (const auto& f : i.output_file_infos) {
      s += "L" + std::to_string(f.level) + ":" + F(f.file_number) + ",";
    }
    s += " levels=" + std::to_string(i.base_input_level) + "->" +
         std::to_string(i.output_level) +
         " reason=" + std::to_string(static_cast<int>(i.compaction_reason)) +
         " paths=" + std::to_string(i.input_files.size()) + "/" +
         std::to_string(i.output_files.size()) + " job=" + J(i.job_id);
    return s;
  }
  void Line(const std::string& s) {
    std::lock_guard<std::mutex> l(mu_);
    lines_.push_back(s);
  }
  std::string F(uint64_t n) {
    auto it = names_.find(n);
    if (it != names_.end()) return it->second;
    const std::string name = "F" + std::to_string(names_.size() + 1);
    names_[n] = name;
    return name;
  }
  std::string FP(const std::string& path) {
    return F(
        std::strtoull(path.substr(path.rfind('/') + 1).c_str(), nullptr, 10));
  }
  std::string FPLocked(const std::string& path) {
    uint64_t n =
        std::strtoull(path.substr(path.rfind('/') + 1).c_str(), nullptr, 10);
    auto it = names_.find(n);
    return it != names_.end() ? it->second : "unknown";
  }
  // Job ids differ between the libraries: J1, J2... by first sight.
  std::string J(int id) {
    auto it = jobs_.find(id);
    if (it != jobs_.end()) return it->second;
    const std::string name = "J" + std::to_string(jobs_.size() + 1);
    jobs_[id] = name;
    return name;
  }
  std::mutex mu_;
  std::vector<std::string> lines_;
  std::set<std::string> deleted_;
  std::map<uint64_t, std::string> names_;
  std::map<int, std::string> jobs_;
};

// A new DB in dir whose only listener is rec.
std::unique_ptr<r::DB> OpenRecorded(const std::string& dir,
                                    const std::shared_ptr<Recorder>& rec) {
  r::Options o;
  o.create_if_missing = true;
  o.listeners.push_back(rec);
  return OpenDb(o, dir);
}

int Listener(const std::string& dir) {
  auto rec = std::make_shared<Recorder>();
  std::unique_ptr<r::DB> db = OpenRecorded(dir, rec);
  if (!db) return 1;
  if (!Fill(db.get(), 0, 200, 2)) return 1;
  if (!db->Flush(r::FlushOptions()).ok()) return 1;
  if (!Fill(db.get(), 0, 200, 3)) return 1;
  if (!db->Flush(r::FlushOptions()).ok()) return 1;
  r::CompactRangeOptions cro;
  if (!db->CompactRange(cro, nullptr, nullptr).ok()) return 1;
  db.reset();
  rec->Print();
  return 0;
}

// An external file of keys [from, to) (step 1) at path.
bool WriteExternal(const std::string& path, int from, int to) {
  const r::Options o;
  r::SstFileWriter w(r::EnvOptions(), o);
  if (!w.Open(path).ok()) return false;
  for (int i = from; i < to; i++) {
    if (!w.Put(Key(i), "x").ok()) return false;
  }
  return w.Finish().ok();
}

int Ingest(const std::string& dir) {
  auto rec = std::make_shared<Recorder>();
  if (mkdir(dir.c_str(), 0755) != 0) return 1;
  const std::string ext1 = dir + "/ext1.sst", ext2 = dir + "/ext2.sst";
  if (!WriteExternal(ext1, 0, 10) || !WriteExternal(ext2, 100, 105)) return 1;
  std::unique_ptr<r::DB> db = OpenRecorded(dir + "/db", rec);
  if (!db) return 1;
  if (!Fill(db.get(), 5, 8, 1)) return 1;
  // Not one of the keys put (a flush of skyrocks keeps a value a
  // tombstone of the same memtable hides; RocksDB's drops it).
  if (!db->Delete(r::WriteOptions(), Key(20)).ok()) return 1;
  r::IngestExternalFileOptions io;
  if (!db->IngestExternalFile({ext1}, io).ok()) return 1;  // overlaps mem
  if (!db->IngestExternalFile({ext2}, io).ok()) return 1;
  if (!Fill(db.get(), 50, 52, 1)) return 1;
  if (!db->Flush(r::FlushOptions()).ok()) return 1;
  r::ColumnFamilyHandle* h = nullptr;
  if (!db->CreateColumnFamily(r::ColumnFamilyOptions(), "cf1", &h).ok()) {
    return 1;
  }
  if (!db->DestroyColumnFamilyHandle(h).ok()) return 1;
  db.reset();
  rec->Print();
  return 0;
}

// Fails the creation of table files with a retryable IOError while
// failures_left > 0 (each failure counts one down).
class FailingFs : public r::FileSystemWrapper {
 public:
  explicit FailingFs(const std::shared_ptr<r::FileSystem>& base)
      : r::FileSystemWrapper(base) {}
  const char* Name() const override { return "FailingFs"; }
  r::IOStatus NewWritableFile(const std::string& f, const r::FileOptions& o,
                              std::unique_ptr<r::FSWritableFile>* out,
                              r::IODebugContext* dbg) override {
    if (f.size() > 4 && f.compare(f.size() - 4, 4, ".sst") == 0 &&
        failures_left.load() > 0) {
      failures_left--;
      r::IOStatus e = r::IOStatus::IOError("injected: " + f);
      e.SetRetryable(true);
      return e;
    }
    return target()->NewWritableFile(f, o, out, dbg);
  }
  std::atomic<int> failures_left{0};
};

// Polls (up to 10 s) until Count(prefix) of rec reaches n.
bool WaitForLines(Recorder* rec, const std::string& prefix, int n) {
  for (int i = 0; i < 1000 && rec->Count(prefix) < n; i++) usleep(10000);
  return rec->Count(prefix) >= n;
}

int Recovery(const std::string& dir) {
  if (mkdir(dir.c_str(), 0755) != 0) return 1;
  auto fs = std::make_shared<FailingFs>(r::FileSystem::Default());
  std::unique_ptr<r::Env> env = r::NewCompositeEnv(fs);
  struct Case {
    const char* name;
    int failures;
    int resume_count;
  };
  const Case cases[] = {
      {"resumed", 1, 3}, {"exhausted", 1000, 2}, {"manual", 1, 0}};
  for (const Case& c : cases) {
    auto rec = std::make_shared<Recorder>();
    r::Options o;
    o.create_if_missing = true;
    o.env = env.get();
    o.listeners.push_back(rec);
    o.max_bgerror_resume_count = c.resume_count;
    o.bgerror_resume_retry_interval = 10000;
    std::unique_ptr<r::DB> db = OpenDb(o, dir + "/" + c.name);
    if (!db) return 1;
    if (!Fill(db.get(), 0, 10, 1)) return 1;
    fs->failures_left = c.failures;
    r::Status f = db->Flush(r::FlushOptions());
    std::printf("%s: flush ioerror=%d\n", c.name, f.IsIOError());
    if (c.resume_count > 0) {
      if (!WaitForLines(rec.get(), "recovery_end", 1)) {
        std::printf("%s: no recovery_end\n", c.name);
      }
    } else {
      usleep(100000);  // no automatic resume to wait for
    }
    fs->failures_left = 0;
    if (c.resume_count == 0) {
      r::Status rs = db->Resume();
      std::printf("%s: resume ok=%d\n", c.name, rs.ok());
    }
    // Not compared after an exhausted resume: librocksdb 7.8.3 accepts the
    // write while its hard error stays, skyrocks refuses it.
    if (c.failures == 1) {
      r::Status p = db->Put(r::WriteOptions(), "after", "x");
      std::printf("%s: put ok=%d\n", c.name, p.ok());
    }
    db.reset();
    rec->PrintAndClear("recovery_");
  }
  return 0;
}

int Iter(const std::string& dir) {
  r::Options o;
  o.create_if_missing = true;
  o.statistics = r::CreateDBStatistics();
  std::unique_ptr<r::DB> db = OpenDb(o, dir);
  if (!db) return 1;
  if (!Fill(db.get(), 0, 20, 1)) return 1;
  r::Statistics* st = o.statistics.get();
  auto show = [&](const char* when) {
    std::printf("%s: seek %llu/%llu next %llu/%llu prev %llu/%llu bytes %llu\n",
                when, (unsigned long long)st->getTickerCount(r::NUMBER_DB_SEEK),
                (unsigned long long)st->getTickerCount(r::NUMBER_DB_SEEK_FOUND),
                (unsigned long long)st->getTickerCount(r::NUMBER_DB_NEXT),
                (unsigned long long)st->getTickerCount(r::NUMBER_DB_NEXT_FOUND),
                (unsigned long long)st->getTickerCount(r::NUMBER_DB_PREV),
                (unsigned long long)st->getTickerCount(r::NUMBER_DB_PREV_FOUND),
                (unsigned long long)st->getTickerCount(r::ITER_BYTES_READ));
  };
  {
    std::unique_ptr<r::Iterator> it(db->NewIterator(r::ReadOptions()));
    it->Seek(Key(5));
    show("seek");
    for (int i = 0; i < 3; i++) it->Next();
    show("next");
    it->Prev();
    it->Prev();
    it->Seek("zzz");  // not found
    it->SeekToLast();
    it->Next();  // off the end
    it->SeekForPrev(Key(3));
    it->SeekToFirst();
    it->Prev();  // off the start
    show("before delete");
  }
  show("after delete");
  {
    if (!db->Flush(r::FlushOptions()).ok()) return 1;
    std::unique_ptr<r::Iterator> it(db->NewIterator(r::ReadOptions()));
    int n = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) n++;
    std::printf("scanned %d\n", n);
  }
  show("after scan");
  return 0;
}

int BgError(const std::string& dir) {
  auto rec = std::make_shared<Recorder>();
  std::unique_ptr<r::DB> db = OpenRecorded(dir, rec);
  if (!db) return 1;
  if (!Fill(db.get(), 0, 10, 1)) return 1;
  // Directories where the next table files would go: the flush cannot
  // create its file.
  std::vector<std::string> blockers;
  for (int n = 1; n < 100; n++) {
    char name[32];
    std::snprintf(name, sizeof(name), "/%06d.sst", n);
    const std::string path = dir + name;
    if (access(path.c_str(), F_OK) != 0 && mkdir(path.c_str(), 0700) == 0) {
      blockers.push_back(path);
    }
  }
  r::Status f = db->Flush(r::FlushOptions());
  std::printf("flush ioerror=%d\n", f.IsIOError());
  for (const std::string& b : blockers) rmdir(b.c_str());
  r::Status p = db->Put(r::WriteOptions(), "after", "x");
  std::printf("put after the error ok=%d\n", p.ok());
  db.reset();
  rec->Print();
  return 0;
}

// The top-level member names of a JSON object line, in order, and those
// of its "table_properties" member.
std::string JsonKeys(const std::string& json, std::string* nested) {
  std::string keys;
  int depth = 0;
  bool in_string = false;
  std::string current;
  std::string last_key;
  for (size_t i = 0; i < json.size(); i++) {
    const char c = json[i];
    if (in_string) {
      if (c == '"') {
        in_string = false;
        if (i + 1 < json.size() && json[i + 1] == ':') {
          if (depth == 1) {
            keys += current + ",";
            last_key = current;
          } else if (depth == 2 && last_key == "table_properties") {
            *nested += current + ",";
          }
        }
      } else {
        current += c;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
      current.clear();
    } else if (c == '{') {
      depth++;
    } else if (c == '}') {
      depth--;
    }
  }
  return keys;
}

int Log(const std::string& dir) {
  r::Options o;
  o.create_if_missing = true;
  o.max_background_jobs = 3;
  o.max_log_file_size = 0;
  o.keep_log_file_num = 7;
  o.write_buffer_size = 1 << 20;
  for (int round = 0; round < 2; round++) {
    std::unique_ptr<r::DB> db = OpenDb(o, dir);
    if (!db) return 1;
    if (!Fill(db.get(), round, 200, 2)) return 1;
    if (!db->Flush(r::FlushOptions()).ok()) return 1;
    if (round == 1) {
      if (!db->CompactRange(r::CompactRangeOptions(), nullptr, nullptr).ok()) {
        return 1;
      }
    }
  }
  PrintInfoLogs(dir);
  std::ifstream in(dir + "/LOG");
  std::string line;
  std::map<std::string, std::string> events;
  std::map<std::string, std::string> options;
  static const char* const kOptions[] = {
      "Options.max_log_file_size",
      "Options.keep_log_file_num",
      "Options.max_background_jobs",
      "Options.create_if_missing",
      "Options.write_buffer_size",
      "Options.error_if_exists",
      "Options.max_open_files",
      "Options.num_levels",
      "Options.compression",
      "Options.comparator",
      "Options.level0_file_num_compaction_trigger",
      "Options.target_file_size_base",
      "Options.db_log_dir",
      "Options.stats_dump_period_sec",
      "Options.use_fsync",
      "Options.max_bytes_for_level_base",
      "Options.merge_operator",
  };
  while (std::getline(in, line)) {
    const size_t ev = line.find("EVENT_LOG_v1 ");
    if (ev != std::string::npos) {
      const std::string json = line.substr(ev + 13);
      const size_t e = json.find("\"event\": \"");
      if (e == std::string::npos) continue;
      const std::string name =
          json.substr(e + 10, json.find('"', e + 10) - (e + 10));
      std::string nested;
      const std::string keys = JsonKeys(json, &nested);
      if (events.count(name) == 0) {
        events[name] =
            keys + (nested.empty() ? "" : " table_properties: " + nested);
      }
      continue;
    }
    for (const char* opt : kOptions) {
      const std::string needle = std::string(" ") + opt + ": ";
      const size_t p = line.find(needle);
      if (p != std::string::npos && options.count(opt) == 0) {
        options[opt] = line.substr(p + needle.size());
      }
    }
  }
  static const char* const kEvents[] = {
      "flush_started",      "flush_finished",      "table_file_creation",
      "compaction_started", "compaction_finished", "table_file_deletion"};
  for (const char* e : kEvents) {
    std::printf("event %s: %s\n", e,
                events.count(e) ? events[e].c_str() : "(missing)");
  }
  for (const char* opt : kOptions) {
    std::printf("%s: %s\n", opt,
                options.count(opt) ? options[opt].c_str() : "(missing)");
  }
  return 0;
}

int Roll(const std::string& dir) {
  r::Options o;
  o.create_if_missing = true;
  o.max_log_file_size = 4096;
  o.keep_log_file_num = 3;
  for (int round = 0; round < 3; round++) {
    std::unique_ptr<r::DB> db = OpenDb(o, dir);
    if (!db) return 1;
    for (int f = 0; f < 4; f++) {
      if (!Fill(db.get(), f, 40, 4)) return 1;
      if (!db->Flush(r::FlushOptions()).ok()) return 1;
    }
  }
  PrintInfoLogs(dir);
  return 0;
}

int LogDir(const std::string& dir, const std::string& log_dir) {
  r::Options o;
  o.create_if_missing = true;
  o.db_log_dir = log_dir;
  mkdir(log_dir.c_str(),
        0700);  // RocksDB and skyrocks create only the last level
  for (int round = 0; round < 2; round++) {
    std::unique_ptr<r::DB> db = OpenDb(o, dir);
    if (!db) return 1;
  }
  // The DB's path appears flattened in the names: replaced by <db>.
  std::string flat;
  for (size_t i = 0; i < dir.size(); i++) {
    const char c = dir[i];
    if (isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' ||
        c == '_') {
      flat += c;
    } else if (i > 0) {
      flat += '_';
    }
  }
  for (std::string c : Children(log_dir)) {
    if (c.compare(0, flat.size(), flat) == 0)
      c = "<db>" + c.substr(flat.size());
    const size_t old = c.find(".old.");
    if (old != std::string::npos) c = c.substr(0, old + 5) + "<micros>";
    std::printf("log dir: %s\n", c.c_str());
  }
  bool in_db = false;
  for (const std::string& c : Children(dir)) in_db = in_db || c == "LOG";
  std::printf("LOG in db dir %d\n", in_db);
  return 0;
}

int Dump(const std::string& dir) {
  r::Options o;
  o.create_if_missing = true;
  o.stats_dump_period_sec = 1;
  o.statistics = r::CreateDBStatistics();
  {
    std::unique_ptr<r::DB> db = OpenDb(o, dir);
    if (!db) return 1;
    if (!Fill(db.get(), 0, 10, 1)) return 1;
    if (!db->Flush(r::FlushOptions()).ok()) return 1;
    usleep(2500 * 1000);
  }
  std::ifstream in(dir + "/LOG");
  std::string line;
  bool dumped = false, statistics = false;
  while (std::getline(in, line)) {
    dumped = dumped ||
             line.find("------- DUMPING STATS -------") != std::string::npos;
    statistics = statistics || line.find("STATISTICS:") != std::string::npos;
  }
  std::printf("dumped %d statistics %d\n", dumped, statistics);
  return 0;
}

// stats_dump_period_sec changed by SetDBOptions on an open DB (600 at
// open, 1 after the first flush): the dump comes within the new period.
int DumpSet(const std::string& dir) {
  r::Options o;
  o.create_if_missing = true;
  {
    std::unique_ptr<r::DB> db = OpenDb(o, dir);
    if (!db) return 1;
    if (!Fill(db.get(), 0, 10, 1)) return 1;
    if (!db->Flush(r::FlushOptions()).ok()) return 1;
    for (const char* v : {"-1", "x", "1"}) {
      const r::Status s = db->SetDBOptions({{"stats_dump_period_sec", v}});
      std::printf("set stats_dump_period_sec=%s %s\n", v,
                  s.ok() ? "OK" : s.IsInvalidArgument() ? "InvalidArgument"
                                                        : "other");
    }
    std::printf("period now %u\n", db->GetDBOptions().stats_dump_period_sec);
    usleep(2500 * 1000);
  }
  std::ifstream in(dir + "/LOG");
  std::string line;
  bool dumped = false;
  while (std::getline(in, line)) {
    dumped = dumped ||
             line.find("------- DUMPING STATS -------") != std::string::npos;
  }
  std::printf("dumped after SetDBOptions %d\n", dumped);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: observe_diff MODE DIR [LOGDIR]\n");
    return 2;
  }
  const std::string mode = argv[1], dir = argv[2];
  if (mode == "listener") return Listener(dir);
  if (mode == "ingest") return Ingest(dir);
  if (mode == "recovery") return Recovery(dir);
  if (mode == "bgerror") return BgError(dir);
  if (mode == "iter") return Iter(dir);
  if (mode == "log") return Log(dir);
  if (mode == "roll") return Roll(dir);
  if (mode == "logdir" && argc > 3) return LogDir(dir, argv[3]);
  if (mode == "dump") return Dump(dir);
  if (mode == "dumpset") return DumpSet(dir);
  std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
  return 2;
}
