// A db_bench-style benchmark written only against the public RocksDB API,
// so that the same source builds against skyrocks, against librocksdb and
// (through bench/leveldb_shim) against LevelDB:
//   make bench   or   bash bench/run_db_bench.sh [NUM] [REPS] [WORKLOADS]
// (builds the three, runs them interleaved, prints bench/bench_table.py's
// table of medians and ratios).
//
//   db_bench LABEL DIR NUM [WORKLOAD,...]
//
// Keys are 16 bytes ("%016llu" of a scrambled index), values 100 bytes, half
// compressible; Snappy, a 10 bits/key Bloom filter, an 8 MiB block cache,
// otherwise each library's defaults. Workloads (in the order given):
// fillseq (ascending keys), fillrandom, overwrite, readrandom, readmissing,
// seekrandom (seek + 10 Next), readseq, deleterandom, fillsync (1% of NUM,
// every write synced), fsynclat (append 116 bytes + fdatasync on a file beside
// DIR, no library involved; its ops/s is 1 / p50), and a trailing 2 or 4 for
// that many threads (readrandom2, fillrandom4, fillsync4, ...). fill* workloads
// start from an empty DB; the others use the DB as the previous workloads left
// it (run fillrandom or fillseq first).
//
// One line per workload: ops/s, micros/op, p50 and p99 latency, then, once
// background flushes and compactions have stopped writing (see
// WaitForQuietWrites), the bytes the process wrote since the workload
// started, write amplification (those bytes / keys+values written by the
// workload), the DB directory size, and after overwrite the space
// amplification (directory size / (live keys x 116)), after fillsync the
// p50 and mean of the raw fsyncs taken between its rounds (see FillSync).
// Last lines: final DB directory size and peak RSS. bench/bench_table.py parses
// this format.
#include <fcntl.h>
#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

constexpr uint64_t kKeyBytes = 16;
constexpr uint64_t kValueBytes = 100;
constexpr double kMiB = 1024.0 * 1024.0;
constexpr const char* kDefaultWorkloads =
    "fillseq,fillrandom,overwrite,readrandom,readmissing,seekrandom,readseq,"
    "readrandom2,readrandom4,deleterandom,fsynclat,fillsync,fillsync4,"
    "fillrandom2,fillrandom4";

// Key i is 16 decimal digits of a scramble of i, so that key order is
// unrelated to i.
uint64_t KeyNumber(uint64_t i) {
  return (i * 0x9E3779B97F4A7C15ull) % 10000000000000000ull;
}

std::string FormatKey(uint64_t key_number) {
  char buf[kKeyBytes + 1];
  snprintf(buf, sizeof(buf), "%016llu",
           static_cast<unsigned long long>(key_number));
  return std::string(buf, kKeyBytes);
}

std::string BenchKey(uint64_t i) { return FormatKey(KeyNumber(i)); }

// The key numbers of keys [0, num) in ascending key order: fillseq writes
// the same keys as fillrandom, in order.
std::vector<uint64_t> SortedKeyNumbers(uint64_t num) {
  std::vector<uint64_t> keys(num);
  for (uint64_t i = 0; i < num; i++) keys[i] = KeyNumber(i);
  std::sort(keys.begin(), keys.end());
  return keys;
}

// 100-byte values, the first half random letters, the rest repeated.
struct ValuePool {
  ValuePool() {
    std::mt19937_64 rng(301);
    data.resize(1 << 20);
    for (size_t i = 0; i < data.size(); i += kValueBytes) {
      for (size_t j = 0; j < 50 && i + j < data.size(); j++)
        data[i + j] = 'a' + rng() % 26;
      for (size_t j = 50; j < kValueBytes && i + j < data.size(); j++)
        data[i + j] = 'x';
    }
  }
  rocksdb::Slice Get(uint64_t i) const {
    return rocksdb::Slice(
        data.data() + (i * kValueBytes) % (data.size() - kValueBytes),
        kValueBytes);
  }
  std::string data;
};

struct Result {
  uint64_t ops = 0;
  double seconds = 0;
  std::vector<double> lat_us;
  uint64_t user_bytes = 0;       // keys + values the workload asked to write
  bool rate_from_p50 = false;    // fsynclat: report 1 / p50 as ops/s
  std::vector<double> fsync_us;  // fillsync: raw fsyncs taken between puts
  uint64_t probe_bytes = 0;      // written by those, not by the library
};

// Adds part's ops, time and latencies to *into.
void AddResult(Result* into, const Result& part) {
  into->ops += part.ops;
  into->seconds += part.seconds;
  into->lat_us.insert(into->lat_us.end(), part.lat_us.begin(),
                      part.lat_us.end());
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<size_t>(p * (v.size() - 1))];
}

// What one db_bench process works on.
struct Bench {
  const char* label;
  std::string dir;
  uint64_t num;
  ValuePool values;
  rocksdb::Options options;
  std::unique_ptr<rocksdb::DB> db;
};

void Check(const rocksdb::Status& s, const char* what) {
  if (!s.ok()) {
    fprintf(stderr, "%s: %s\n", what, s.ToString().c_str());
    exit(1);
  }
}

void Die(const std::string& what) {
  fprintf(stderr, "%s: %s\n", what.c_str(), strerror(errno));
  exit(1);
}

rocksdb::Options BenchOptions() {
  rocksdb::Options o;
  o.create_if_missing = true;
  o.compression = rocksdb::kSnappyCompression;
  rocksdb::BlockBasedTableOptions t;
  t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  t.block_cache = rocksdb::NewLRUCache(8 << 20);
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  return o;
}

void Reopen(Bench& b, bool fresh) {
  b.db.reset();
  if (fresh) Check(rocksdb::DestroyDB(b.dir, b.options), "destroy");
  rocksdb::DB* db = nullptr;
  Check(rocksdb::DB::Open(b.options, b.dir, &db), "open");
  b.db.reset(db);
}

// Bytes this process has passed to write(2)/pwrite(2) so far: "wchar" in
// /proc/self/io, which sums every thread of the process, so the libraries'
// background flush and compaction threads are counted with the caller's.
// Chosen over "write_bytes" because that one is charged when a page cache
// page is first dirtied: repeated small WAL appends to one page count once
// or many times depending on writeback timing, and files deleted before
// writeback (old WALs, compaction inputs) move to cancelled_write_bytes.
// wchar counts what each library asked the kernel to write, the same way
// for all three; none of them writes through mmap by default.
uint64_t ProcessWriteBytes() {
  FILE* f = fopen("/proc/self/io", "r");
  if (f == nullptr) Die("open /proc/self/io");
  unsigned long long wchar = 0;
  char line[128];
  bool found = false;
  while (!found && fgets(line, sizeof(line), f) != nullptr) {
    found = sscanf(line, "wchar: %llu", &wchar) == 1;
  }
  fclose(f);
  if (!found) {
    fprintf(stderr, "no wchar line in /proc/self/io\n");
    exit(1);
  }
  return wchar;
}

// Waits until the process has written nothing for 0.5 s (at most 300 s):
// the public API of the three libraries has no common "wait for
// compactions", and this way a workload's write amplification includes the
// flush and compaction work it left behind, however much each library
// defers, and the next workload starts on a quiet DB. Not timed.
void WaitForQuietWrites() {
  const auto deadline = Clock::now() + std::chrono::seconds(300);
  uint64_t last = ProcessWriteBytes();
  int quiet_polls = 0;
  while (quiet_polls < 5 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const uint64_t now = ProcessWriteBytes();
    quiet_polls = now == last ? quiet_polls + 1 : 0;
    last = now;
  }
}

// Sum of the sizes of the regular files under dir (files deleted while
// walking are skipped).
uint64_t DirectoryBytes(const std::string& dir) {
  namespace fs = std::filesystem;
  uint64_t total = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::error_code file_ec;
    if (!it->is_regular_file(file_ec)) continue;
    const uintmax_t size = it->file_size(file_ec);
    if (!file_ec) total += size;
  }
  if (ec) {
    fprintf(stderr, "list %s: %s\n", dir.c_str(), ec.message().c_str());
    exit(1);
  }
  return total;
}

uint64_t CountLiveKeys(Bench& b) {
  std::unique_ptr<rocksdb::Iterator> it(
      b.db->NewIterator(rocksdb::ReadOptions()));
  uint64_t n = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) n++;
  Check(it->status(), "count live keys");
  return n;
}

// Runs fn(thread, i) for i in [0, n) split over threads; latency sampled
// for every op (cheap relative to the ops).
template <typename Fn>
Result RunOps(uint64_t n, int threads, Fn fn) {
  Result r;
  std::vector<std::vector<double>> lats(threads);
  std::atomic<uint64_t> next{0};
  const auto start = Clock::now();
  std::vector<std::thread> ts;
  for (int t = 0; t < threads; t++) {
    ts.emplace_back([&, t] {
      lats[t].reserve(n / threads + 1);
      while (true) {
        const uint64_t i = next.fetch_add(1);
        if (i >= n) break;
        const auto a = Clock::now();
        fn(t, i);
        lats[t].push_back(
            std::chrono::duration<double, std::micro>(Clock::now() - a)
                .count());
      }
    });
  }
  for (auto& th : ts) th.join();
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  r.ops = n;
  for (auto& l : lats) r.lat_us.insert(r.lat_us.end(), l.begin(), l.end());
  return r;
}

// Appends one 116-byte record and fdatasyncs it, on a file beside the DB
// directory (same file system), without any library: the disk's floor for
// a synced write.
class FsyncProbe {
 public:
  explicit FsyncProbe(const Bench& b)
      : path_(b.dir + ".fsynclat"),
        record_(BenchKey(1) + b.values.Get(1).ToString()) {
    fd_ = open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd_ < 0) Die("open " + path_);
  }
  ~FsyncProbe() {
    close(fd_);
    if (unlink(path_.c_str()) != 0) Die("unlink " + path_);
  }
  FsyncProbe(const FsyncProbe&) = delete;
  FsyncProbe& operator=(const FsyncProbe&) = delete;

  void AppendAndSync() {
    if (write(fd_, record_.data(), record_.size()) !=
        static_cast<ssize_t>(record_.size())) {
      Die("write " + path_);
    }
    if (fdatasync(fd_) != 0) Die("fdatasync " + path_);
    written_ += record_.size();
  }
  uint64_t bytes_written() const { return written_; }

 private:
  const std::string path_;
  const std::string record_;
  int fd_;
  uint64_t written_ = 0;
};

// fillsync: n synced puts in 20 rounds, each after 25 raw fsyncs by an
// FsyncProbe (not timed; their latencies go to fsync_us). A shared disk's
// fsync latency changes within seconds, so fillsync is compared with the
// fsyncs taken in the same window as well as with fsynclat's.
Result FillSync(Bench& b, uint64_t n, int threads) {
  rocksdb::WriteOptions wo;
  wo.sync = true;
  FsyncProbe probe(b);
  Result r;
  constexpr uint64_t kRounds = 20;
  for (uint64_t round = 0; round < kRounds; round++) {
    const Result fsyncs =
        RunOps(25, 1, [&](int, uint64_t) { probe.AppendAndSync(); });
    r.fsync_us.insert(r.fsync_us.end(), fsyncs.lat_us.begin(),
                      fsyncs.lat_us.end());
    const uint64_t begin = n * round / kRounds;
    const uint64_t end = n * (round + 1) / kRounds;
    AddResult(&r, RunOps(end - begin, threads, [&](int, uint64_t i) {
      const uint64_t k = begin + i;
      Check(b.db->Put(wo, BenchKey((k * 2654435761u) % b.num), b.values.Get(k)),
            "put");
    }));
  }
  r.probe_bytes = probe.bytes_written();
  return r;
}

// fillseq (keys in ascending order), fillrandom, fillsync (1% of NUM, at
// least 1000, sync=true).
Result Fill(Bench& b, const std::string& base, int threads) {
  Reopen(b, /*fresh=*/true);
  Result r;
  if (base == "fillsync") {
    const uint64_t n = std::max<uint64_t>(1000, b.num / 100);
    r = FillSync(b, n, threads);
  } else {
    const bool seq = base == "fillseq";
    const std::vector<uint64_t> sorted =
        seq ? SortedKeyNumbers(b.num) : std::vector<uint64_t>();
    r = RunOps(b.num, threads, [&](int, uint64_t i) {
      const std::string key =
          seq ? FormatKey(sorted[i]) : BenchKey((i * 2654435761u) % b.num);
      Check(b.db->Put(rocksdb::WriteOptions(), key, b.values.Get(i)), "put");
    });
  }
  r.user_bytes = r.ops * (kKeyBytes + kValueBytes);
  return r;
}

Result Overwrite(Bench& b, int threads) {
  Result r = RunOps(b.num, threads, [&](int, uint64_t i) {
    Check(b.db->Put(rocksdb::WriteOptions(), BenchKey((i * 40503u) % b.num),
                    b.values.Get(i + 7)),
          "put");
  });
  r.user_bytes = b.num * (kKeyBytes + kValueBytes);
  return r;
}

// readrandom, or readmissing (keys that sort between existing ones).
Result ReadRandom(Bench& b, int threads, bool missing) {
  std::atomic<uint64_t> found{0};
  Result r = RunOps(b.num, threads, [&](int t, uint64_t) {
    thread_local std::mt19937_64 rng(1000 + t);
    std::string v;
    std::string k = BenchKey(rng() % b.num);
    if (missing) k.back() = '.';
    if (b.db->Get(rocksdb::ReadOptions(), k, &v).ok()) found++;
  });
  if (!missing && found.load() == 0) {
    fprintf(stderr, "readrandom found nothing (run a fill workload first)\n");
    exit(1);
  }
  return r;
}

Result SeekRandom(Bench& b, int threads) {
  return RunOps(b.num / 10, threads, [&](int t, uint64_t) {
    thread_local std::mt19937_64 rng(2000 + t);
    std::unique_ptr<rocksdb::Iterator> it(
        b.db->NewIterator(rocksdb::ReadOptions()));
    it->Seek(BenchKey(rng() % b.num));
    for (int j = 0; j < 10 && it->Valid(); j++) it->Next();
  });
}

Result ReadSeq(Bench& b) {
  Result r;
  std::unique_ptr<rocksdb::Iterator> it(
      b.db->NewIterator(rocksdb::ReadOptions()));
  uint64_t n = 0;
  const auto start = Clock::now();
  for (it->SeekToFirst(); it->Valid(); it->Next()) n++;
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  r.ops = std::max<uint64_t>(n, 1);
  return r;
}

Result DeleteRandom(Bench& b, int threads) {
  Result r = RunOps(b.num, threads, [&](int, uint64_t i) {
    Check(b.db->Delete(rocksdb::WriteOptions(),
                       BenchKey((i * 2654435761u) % b.num)),
          "delete");
  });
  r.user_bytes = b.num * kKeyBytes;
  return r;
}

// The disk's floor for fillsync: 1000 FsyncProbe appends.
Result FsyncLatency(Bench& b) {
  FsyncProbe probe(b);
  Result r = RunOps(1000, 1, [&](int, uint64_t) { probe.AppendAndSync(); });
  r.rate_from_p50 = true;
  return r;
}

Result RunWorkload(Bench& b, const std::string& w) {
  const int threads = w.back() == '2' ? 2 : w.back() == '4' ? 4 : 1;
  const std::string base = threads > 1 ? w.substr(0, w.size() - 1) : w;
  if (base == "fillseq" || base == "fillrandom" || base == "fillsync") {
    return Fill(b, base, threads);
  }
  if (base == "overwrite") return Overwrite(b, threads);
  if (base == "readrandom") return ReadRandom(b, threads, /*missing=*/false);
  if (base == "readmissing") return ReadRandom(b, threads, /*missing=*/true);
  if (base == "seekrandom") return SeekRandom(b, threads);
  if (base == "readseq" && threads == 1) return ReadSeq(b);
  if (base == "deleterandom") return DeleteRandom(b, threads);
  if (base == "fsynclat" && threads == 1) return FsyncLatency(b);
  fprintf(stderr, "unknown workload %s\n", w.c_str());
  exit(2);
}

// After-the-workload figures (see WaitForQuietWrites).
struct Footprint {
  uint64_t written = 0;   // bytes the process wrote from the workload's start
  uint64_t db_bytes = 0;  // DB directory size
  double space_amp = 0;   // only after overwrite
};

void Report(const Bench& b, const std::string& name, Result r,
            const Footprint& f) {
  auto pct = [&](double p) { return Percentile(r.lat_us, p); };
  const double ops_per_sec =
      r.rate_from_p50 ? 1e6 / pct(0.5) : r.ops / r.seconds;
  char wamp[32] = "-";
  if (r.user_bytes > 0) {
    snprintf(wamp, sizeof(wamp), "%.2f",
             static_cast<double>(f.written) / r.user_bytes);
  }
  char p50[32] = "-", p99[32] = "-";  // readseq times the scan, not each op
  if (!r.lat_us.empty()) {
    snprintf(p50, sizeof(p50), "%.2f", pct(0.5));
    snprintf(p99, sizeof(p99), "%.2f", pct(0.99));
  }
  char extra[64] = "";
  if (f.space_amp > 0) {
    snprintf(extra, sizeof(extra), "  samp %.2f", f.space_amp);
  } else if (!r.fsync_us.empty()) {
    double sum = 0;
    for (double us : r.fsync_us) sum += us;
    snprintf(extra, sizeof(extra), "  fsync p50 %.2f us mean %.2f us",
             Percentile(r.fsync_us, 0.5), sum / r.fsync_us.size());
  }
  printf(
      "%-9s %-13s %10.0f ops/s %9.3f micros/op  p50 %8s us  p99 %9s us  wrote "
      "%8.1f MiB  "
      "wamp %5s  db %7.1f MiB%s\n",
      b.label, name.c_str(), ops_per_sec, r.seconds * 1e6 / r.ops, p50, p99,
      f.written / kMiB, wamp, f.db_bytes / kMiB, extra);
  fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: db_bench LABEL DIR NUM [WORKLOAD,...]\n");
    return 2;
  }
  Bench b;
  b.label = argv[1];
  b.dir = argv[2];
  b.num = std::strtoull(argv[3], nullptr, 10);
  const std::string list = argc > 4 ? argv[4] : kDefaultWorkloads;
  if (b.num == 0) {
    fprintf(stderr, "NUM must be a positive number, not %s\n", argv[3]);
    return 2;
  }
  b.options = BenchOptions();
  printf("%-9s db_bench %llu keys, workloads %s\n", b.label,
         static_cast<unsigned long long>(b.num), list.c_str());
  Reopen(b, /*fresh=*/true);
  std::stringstream ss(list);
  std::string w;
  while (std::getline(ss, w, ',')) {
    if (w.empty()) continue;
    const uint64_t written_before = ProcessWriteBytes();
    Result r = RunWorkload(b, w);
    WaitForQuietWrites();
    Footprint f;
    f.written = ProcessWriteBytes() - written_before - r.probe_bytes;
    f.db_bytes = DirectoryBytes(b.dir);
    if (w == "overwrite") {
      f.space_amp =
          static_cast<double>(f.db_bytes) /
          (std::max<uint64_t>(CountLiveKeys(b), 1) * (kKeyBytes + kValueBytes));
    }
    Report(b, w, std::move(r), f);
  }
  printf("%-9s DB size %.1f MiB\n", b.label, DirectoryBytes(b.dir) / kMiB);
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("%-9s peak RSS %ld MiB\n", b.label, ru.ru_maxrss / 1024);
  b.db.reset();
  return 0;
}
