// Snappy throughput, skyrocks vs libsnappy, in MB/s of uncompressed data:
// 4 KiB blocks (as the table builder compresses) of db_bench-like values
// (compression ratio 0.5) and of text (/usr/share/common-licenses), plus
// the compressed size of each. Built and run by `make microbench`.
#include <snappy.h>

#include <chrono>
#include <cstdio>
#include <dirent.h>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "util/snappy.h"

namespace {

std::string BenchLicenses() {
  std::string all;
  const char* dir = "/usr/share/common-licenses";
  if (DIR* d = opendir(dir)) {
    while (struct dirent* e = readdir(d)) {
      if (e->d_name[0] == '.') continue;
      std::ifstream f(std::string(dir) + "/" + e->d_name, std::ios::binary);
      std::stringstream ss;
      ss << f.rdbuf();
      all += ss.str();
    }
    closedir(d);
  }
  return all;
}

std::string BenchHalfCompressible(size_t n) {
  std::mt19937_64 rng(5);
  std::string s;
  while (s.size() < n) {
    std::string raw(50, ' ');
    for (char& ch : raw) ch = static_cast<char>(' ' + rng() % 95);
    s += raw + raw;
  }
  s.resize(n);
  return s;
}

double BenchMBps(size_t bytes_per_round, const std::function<void()>& round) {
  size_t bytes = 0;
  const auto start = std::chrono::steady_clock::now();
  double secs = 0;
  do {
    round();
    bytes += bytes_per_round;
    secs = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                         start).count();
  } while (secs < 0.5);
  return bytes / secs / 1e6;
}

void BenchOne(const char* name, const std::string& data) {
  const size_t kBlock = 4096;
  const size_t blocks = data.size() / kBlock;
  std::vector<std::string> ours(blocks), theirs(blocks);
  size_t ours_size = 0, theirs_size = 0;
  for (size_t i = 0; i < blocks; i++) {
    ROCKSDB_NAMESPACE::snappy::Compress(data.data() + i * kBlock, kBlock,
                                        &ours[i]);
    ::snappy::Compress(data.data() + i * kBlock, kBlock, &theirs[i]);
    ours_size += ours[i].size();
    theirs_size += theirs[i].size();
  }
  const size_t total = blocks * kBlock;
  std::string out;
  const double c_ours = BenchMBps(total, [&] {
    for (size_t i = 0; i < blocks; i++)
      ROCKSDB_NAMESPACE::snappy::Compress(data.data() + i * kBlock, kBlock, &out);
  });
  const double c_theirs = BenchMBps(total, [&] {
    for (size_t i = 0; i < blocks; i++)
      ::snappy::Compress(data.data() + i * kBlock, kBlock, &out);
  });
  std::vector<char> buf(kBlock);
  const double d_ours = BenchMBps(total, [&] {
    for (size_t i = 0; i < blocks; i++)
      ROCKSDB_NAMESPACE::snappy::RawUncompress(ours[i].data(), ours[i].size(),
                                               buf.data());
  });
  const double d_theirs = BenchMBps(total, [&] {
    for (size_t i = 0; i < blocks; i++)
      ::snappy::RawUncompress(theirs[i].data(), theirs[i].size(), buf.data());
  });
  std::printf("%-22s compress   skyrocks %6.0f MB/s  libsnappy %6.0f MB/s\n",
              name, c_ours, c_theirs);
  std::printf("%-22s uncompress skyrocks %6.0f MB/s  libsnappy %6.0f MB/s\n",
              name, d_ours, d_theirs);
  std::printf("%-22s size       skyrocks %6.1f %%     libsnappy %6.1f %%\n",
              name, 100.0 * ours_size / total, 100.0 * theirs_size / total);
}

}  // namespace

int main() {
  BenchOne("values (ratio 0.5)", BenchHalfCompressible(16 << 20));
  std::string text = BenchLicenses();
  while (text.size() < (size_t{8} << 20)) text += text;
  BenchOne("text (licenses)", text);
  return 0;
}
