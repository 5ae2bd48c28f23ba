// Generates the larger fuzz seeds (scripts/gen_fuzz_seeds.sh runs it; the
// small committed corpora in tests/fuzz/corpus were taken from its output
// and from librocksdb 7.8.3's files). Deterministic: the same seeds every
// run.
//
//   seed_gen OUT TMP [PATH...]
//
// Writes OUT/NAME/* for every fuzz target, in the input format its harness
// reads (tests/fuzz/*_fuzzer.cpp): SSTs written by skyrocks' SstFileWriter
// over compressions, checksums, restart intervals, index and filter kinds;
// DB directories written by skyrocks (flushed and WAL-only data, column
// families, a dropped family) packed for db_open in every recovery mode,
// and their WALs and MANIFESTs for wal and cloud_manifest; compressed
// blocks of every codec; CLOUDMANIFESTs; S3, Azure and GCS answer scripts.
// TMP is scratch space. Each PATH made by librocksdb (the oracle tools) is
// added too: a directory as a DB, a file as an SST.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cloud/cloud_manifest.h"
#include "rocksdb/db.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/options.h"
#include "rocksdb/sst_file_writer.h"
#include "rocksdb/table.h"
#include "table/format.h"

namespace {

std::string out_dir;
int seed_count = 0;

bool SeedGenReadFile(const std::string& path, std::string* data) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  std::ostringstream ss;
  ss << f.rdbuf();
  *data = ss.str();
  return true;
}

void Seed(const std::string& target, const std::string& name,
          const std::string& data) {
  const std::string dir = out_dir + "/" + target;
  mkdir(dir.c_str(), 0755);
  std::ofstream f(dir + "/" + name, std::ios::binary | std::ios::trunc);
  f.write(data.data(), static_cast<std::streamsize>(data.size()));
  seed_count++;
}

std::vector<std::string> ListDir(const std::string& dir) {
  std::vector<std::string> names;
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return names;
  while (dirent* e = readdir(d)) {
    const std::string n = e->d_name;
    if (n != "." && n != "..") names.push_back(n);
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

void PutFixed(std::string* s, uint32_t v, int bytes) {
  for (int i = 0; i < bytes; i++) s->push_back(static_cast<char>(v >> (8 * i)));
}

std::string Key(int i) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "key%06d", i);
  return buf;
}

// ---- SSTs -----------------------------------------------------------------

struct SstSpec {
  const char* name;
  rocksdb::CompressionType compression;
  rocksdb::ChecksumType checksum;
  int restart_interval;
  size_t block_size;
  bool filter;
  bool partitioned;
  bool hash_index;
  int entries;
};

void SstSeeds(const std::string& tmp) {
  const SstSpec specs[] = {
      {"plain", rocksdb::kNoCompression, rocksdb::kCRC32c, 16, 4096, false,
       false, false, 50},
      {"snappy", rocksdb::kSnappyCompression, rocksdb::kXXH3, 4, 512, true,
       false, false, 200},
      {"lz4", rocksdb::kLZ4Compression, rocksdb::kxxHash, 1, 256, true, false,
       false, 100},
      {"zstd", rocksdb::kZSTD, rocksdb::kxxHash64, 8, 1024, false, false, false,
       150},
      {"partitioned", rocksdb::kNoCompression, rocksdb::kXXH3, 16, 256, true,
       true, false, 300},
      {"hashindex", rocksdb::kNoCompression, rocksdb::kCRC32c, 16, 1024, false,
       false, true, 100},
  };
  for (const SstSpec& spec : specs) {
    rocksdb::Options options;
    options.compression = spec.compression;
    rocksdb::BlockBasedTableOptions t;
    t.checksum = spec.checksum;
    t.block_restart_interval = spec.restart_interval;
    t.block_size = spec.block_size;
    if (spec.filter) {
      t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10, false));
    }
    if (spec.partitioned) {
      t.index_type = rocksdb::BlockBasedTableOptions::kTwoLevelIndexSearch;
      t.partition_filters = spec.filter;
    }
    if (spec.hash_index) {
      t.data_block_index_type =
          rocksdb::BlockBasedTableOptions::kDataBlockBinaryAndHash;
    }
    options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
    const std::string path = tmp + "/" + spec.name + ".sst";
    rocksdb::SstFileWriter w(rocksdb::EnvOptions(), options);
    if (!w.Open(path).ok()) continue;
    bool ok = true;
    for (int i = 0; i < spec.entries && ok; i++) {
      if (i % 7 == 3) {
        ok = w.Delete(Key(i)).ok();
      } else {
        ok = w.Put(Key(i), std::string(i % 40, static_cast<char>('a' + i % 26)))
                 .ok();
      }
    }
    if (ok && spec.entries > 100) ok = w.DeleteRange(Key(10), Key(20)).ok();
    if (!ok || !w.Finish().ok()) continue;
    std::string data;
    if (!SeedGenReadFile(path, &data)) continue;
    Seed("sst", std::string("skyrocks-") + spec.name,
         std::string(1, '\0') + data);
    Seed("sst", std::string("skyrocks-") + spec.name + "-nocheck",
         std::string(1, '\1') + data);
  }
}

// ---- DB directories --------------------------------------------------------

// {flags, then {name length, name, 3-byte length, contents} per file}.
std::string PackDb(const std::string& dir, uint8_t flags) {
  std::string packed(1, static_cast<char>(flags));
  for (const std::string& n : ListDir(dir)) {
    if (n == "LOCK" || n.rfind("LOG", 0) == 0 || n.size() > 255) continue;
    std::string data;
    if (!SeedGenReadFile(dir + "/" + n, &data) || data.size() >= (1u << 24)) {
      continue;
    }
    packed.push_back(static_cast<char>(n.size()));
    packed += n;
    PutFixed(&packed, static_cast<uint32_t>(data.size()), 3);
    packed += data;
  }
  return packed;
}

void DbDirSeeds(const std::string& dir, const std::string& label) {
  for (uint8_t mode = 0; mode < 4; mode++) {
    Seed("db_open", label + "-mode" + std::to_string(mode), PackDb(dir, mode));
  }
  Seed("db_open", label + "-readonly", PackDb(dir, 8 | 2));
  for (const std::string& n : ListDir(dir)) {
    std::string data;
    if (!SeedGenReadFile(dir + "/" + n, &data)) continue;
    const bool wal = n.size() > 4 && n.compare(n.size() - 4, 4, ".log") == 0;
    const bool manifest = n.rfind("MANIFEST", 0) == 0;
    if (wal || manifest) {
      Seed("wal", label + "-" + n, std::string(1, '\0') + data);
      Seed("wal", label + "-" + n + "-mode3", std::string(1, '\3') + data);
    }
    if (manifest) Seed("cloud_manifest", label + "-" + n, data);
  }
}

void MakeDb(const std::string& dir, int variant) {
  rocksdb::Options options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  options.write_buffer_size = 64 << 10;
  options.compression =
      variant == 2 ? rocksdb::kNoCompression : rocksdb::kSnappyCompression;
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs = {
      {rocksdb::kDefaultColumnFamilyName, options}};
  if (variant == 1) cfs.push_back({"cf1", options});
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  if (!rocksdb::DB::Open(options, dir, cfs, &handles, &db).ok()) return;
  const int n = variant == 2 ? 400 : 60;
  for (int i = 0; i < n; i++) {
    rocksdb::ColumnFamilyHandle* h = handles[i % handles.size()];
    if (i % 5 == 4) {
      (void)db->Delete(rocksdb::WriteOptions(), h, Key(i - 2));
    } else {
      (void)db->Put(rocksdb::WriteOptions(), h, Key(i),
                    std::string(i % 100, 'v'));
    }
    if (i == n / 2) (void)db->Flush(rocksdb::FlushOptions(), h);
  }
  (void)db->DeleteRange(rocksdb::WriteOptions(), handles[0], Key(3), Key(9));
  if (variant == 1) {
    rocksdb::ColumnFamilyHandle* cf2 = nullptr;
    if (db->CreateColumnFamily(options, "cf2", &cf2).ok()) {
      (void)db->Put(rocksdb::WriteOptions(), cf2, "x", "y");
      (void)db->DropColumnFamily(cf2);
      (void)db->DestroyColumnFamilyHandle(cf2);
    }
  }
  for (rocksdb::ColumnFamilyHandle* h : handles) {
    (void)db->DestroyColumnFamilyHandle(h);
  }
  (void)db->Close();
  delete db;
}

// ---- blocks, CLOUDMANIFESTs, answers ---------------------------------------

void BlockSeeds() {
  std::string text;
  for (int i = 0; i < 100; i++)
    text += Key(i) + "=value" + std::to_string(i * 7);
  std::string pseudo_random;
  uint32_t x = 12345;
  for (int i = 0; i < 2000; i++) {
    x = x * 1103515245 + 12345;
    pseudo_random.push_back(static_cast<char>(x >> 16));
  }
  const std::string payloads[] = {text, std::string(3000, 'z'), pseudo_random,
                                  "short"};
  const rocksdb::CompressionType types[] = {
      rocksdb::kSnappyCompression, rocksdb::kLZ4Compression,
      rocksdb::kLZ4HCCompression, rocksdb::kZSTD};
  // The harness's type byte: index into its table (none, snappy, zlib,
  // bzip2, lz4, lz4hc, xpress, zstd, zstd-not-final).
  const uint8_t selector[] = {1, 4, 5, 7};
  for (size_t t = 0; t < 4; t++) {
    for (size_t p = 0; p < 4; p++) {
      std::string out;
      if (!rocksdb::CompressBlockPayload(types[t], payloads[p], 1, &out)) {
        continue;
      }
      Seed("block_decompress",
           std::string(rocksdb::CompressionTypeName(types[t])) + "-" +
               std::to_string(p),
           std::string(1, static_cast<char>(selector[t])) + out);
    }
  }
}

void CloudManifestSeeds(const std::string& tmp) {
  std::shared_ptr<rocksdb::FileSystem> fs = rocksdb::FileSystem::Default();
  for (int epochs : {0, 1, 6}) {
    rocksdb::CloudManifest cm("epoch-initial");
    for (int i = 0; i < epochs; i++) {
      (void)cm.AddEpoch(10 * (i + 1), "epoch-" + std::to_string(i));
    }
    const std::string path = tmp + "/CLOUDMANIFEST-" + std::to_string(epochs);
    if (!cm.WriteToFile(fs.get(), path).ok()) continue;
    std::string data;
    if (SeedGenReadFile(path, &data)) {
      Seed("cloud_manifest", "epochs-" + std::to_string(epochs), data);
    }
  }
}

// A store harness's input: the XML/JSON chunk, then per call {key byte,
// op byte, answer {status selector, headers, body}}.
struct AnswerCall {
  uint8_t op;
  uint8_t status;  // index into ScriptedTransport's table
  std::string headers;
  std::string body;
};

std::string AnswerScript(const std::string& doc,
                         const std::vector<AnswerCall>& calls) {
  std::string s;
  PutFixed(&s, static_cast<uint32_t>(doc.size()), 2);
  s += doc;
  for (const AnswerCall& c : calls) {
    s.push_back('\0');
    s.push_back(static_cast<char>(c.op));
    s.push_back(static_cast<char>(c.status));
    PutFixed(&s, static_cast<uint32_t>(c.headers.size()), 2);
    s += c.headers;
    PutFixed(&s, static_cast<uint32_t>(c.body.size()), 3);
    s += c.body;
  }
  return s;
}

void AnswerSeeds() {
  // Op numbers as FuzzStoreOps: 0 Get, 1 GetRange, 2 Put if-none-match,
  // 3 Put if-match, 4 Head, 5 List, 6 ListDelimited, 7 Delete,
  // 8 DeleteMany, 9 Copy. Status selectors: 0 = 200, 4 = 202, 6 = 206,
  // 11 = 404, 13 = 412, 16 = 500, 17 = 503.
  const std::string meta_headers =
      "ETag: \"abc\"\nContent-Length: 5\nLast-Modified: Tue, 25 Nov 2025 "
      "12:00:00 GMT\nx-ms-request-id: r1\nx-amz-request-id: r2\n";
  std::string s3_page =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult "
      "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>fuzz-bucket</"
      "Name><Prefix>dir/</Prefix><KeyCount>40</KeyCount><IsTruncated>true</"
      "IsTruncated><NextContinuationToken>tok1</NextContinuationToken>";
  for (int i = 0; i < 40; i++) {
    s3_page += "<Contents><Key>dir/" + Key(i) +
               "</Key><LastModified>2025-11-25T12:00:00.000Z</LastModified>"
               "<ETag>&quot;e" +
               std::to_string(i) + "&quot;</ETag><Size>" +
               std::to_string(i * 10) +
               "</Size><StorageClass>STANDARD</StorageClass></Contents>";
  }
  s3_page +=
      "<CommonPrefixes><Prefix>dir/sub/</Prefix></CommonPrefixes>"
      "</ListBucketResult>";
  const std::string s3_last =
      "<ListBucketResult><IsTruncated>false</IsTruncated><Contents><Key>dir/"
      "z</Key><Size>1</Size><ETag>\"z\"</ETag><LastModified>2025-11-25T12:00:"
      "01Z</LastModified></Contents></ListBucketResult>";
  const std::string s3_error =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</"
      "Code><Message>Please reduce your request rate.</Message><RequestId>"
      "R1</RequestId></Error>";
  Seed("s3_answer", "list-pages",
       AnswerScript(s3_page, {{5, 0, meta_headers, s3_page},
                              {0, 0, "", s3_last},
                              {6, 0, "", s3_last}}));
  Seed("s3_answer", "errors",
       AnswerScript(s3_error, {{0, 17, "", s3_error},
                               {0, 0, meta_headers, "hello"},
                               {2, 13, "",
                                "<Error><Code>PreconditionFailed"
                                "</Code></Error>"},
                               {4, 11, "", ""},
                               {9, 0, "",
                                "<CopyObjectResult><ETag>\"c\"</"
                                "ETag></CopyObjectResult>"},
                               {8, 0, "",
                                "<DeleteResult><Deleted><Key>dir/a"
                                "</Key></Deleted><Error><Key>dir/b"
                                "</Key><Code>AccessDenied</Code>"
                                "</Error></DeleteResult>"}}));

  std::string az_page =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?><EnumerationResults "
      "ServiceEndpoint=\"http://127.0.0.1:10000/devstoreaccount1\" "
      "ContainerName=\"fuzz-container\"><Prefix>dir/</Prefix><Blobs>";
  for (int i = 0; i < 30; i++) {
    az_page += "<Blob><Name>dir/" + Key(i) +
               "</Name><Properties><Last-Modified>Tue, 25 Nov 2025 12:00:00 "
               "GMT</Last-Modified><Etag>0x8DA" +
               std::to_string(i) + "</Etag><Content-Length>" +
               std::to_string(i * 3) +
               "</Content-Length><BlobType>BlockBlob</BlobType></Properties>"
               "</Blob>";
  }
  az_page +=
      "<BlobPrefix><Name>dir/sub/</Name></BlobPrefix></Blobs>"
      "<NextMarker>marker1</NextMarker></EnumerationResults>";
  const std::string az_error =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>"
      "ConditionNotMet</Code><Message>The condition specified using HTTP "
      "conditional header(s) is not met.\nRequestId:r1\nTime:2025-11-25T12:"
      "00:00.0000000Z</Message></Error>";
  Seed("azure_answer", "list-pages",
       AnswerScript(az_page, {{5, 0, meta_headers, az_page},
                              {5, 0, "",
                               "<EnumerationResults><Blobs/>"
                               "<NextMarker/></EnumerationResults>"},
                              {6, 0, "", az_page}}));
  Seed(
      "azure_answer", "errors",
      AnswerScript(az_error,
                   {{2, 13, "x-ms-error-code: ConditionNotMet\n", az_error},
                    {4, 0, meta_headers, ""},
                    {9, 4, "x-ms-copy-status: pending\nx-ms-copy-id: c1\n", ""},
                    {9, 0, "x-ms-copy-status: success\n", ""},
                    {0, 16, "x-ms-error-code: InternalError\n", az_error}}));

  std::string gcs_list =
      "{\"kind\":\"storage#objects\",\"nextPageToken\":"
      "\"p2\",\"prefixes\":[\"dir/sub/\"],\"items\":[";
  for (int i = 0; i < 30; i++) {
    if (i > 0) gcs_list += ",";
    gcs_list += "{\"kind\":\"storage#object\",\"name\":\"dir/" + Key(i) +
                "\",\"bucket\":\"fuzz-bucket\",\"generation\":\"17000000000" +
                std::to_string(i) + "\",\"size\":\"" + std::to_string(i * 5) +
                "\",\"md5Hash\":\"XrY7u+Ae7tCTyyK7j1rNww==\",\"updated\":"
                "\"2025-11-25T12:00:00.123Z\",\"etag\":\"CJ\\u00e9\"}";
  }
  gcs_list += "]}";
  const std::string gcs_error =
      "{\"error\":{\"code\":412,\"message\":\"At least one of the pre-"
      "conditions you specified did not hold.\",\"errors\":[{\"message\":"
      "\"x\",\"domain\":\"global\",\"reason\":\"conditionNotMet\"}]}}";
  Seed("gcs_answer", "list-pages",
       AnswerScript(gcs_list, {{5, 0, "", gcs_list},
                               {5, 0, "", "{\"items\":[]}"},
                               {6, 0, "", gcs_list}}));
  Seed("gcs_answer", "errors",
       AnswerScript(gcs_error, {{2, 13, "", gcs_error},
                                {4, 0, "",
                                 "{\"name\":\"dir/obj0\",\"size\":\"5\","
                                 "\"generation\":\"1\",\"updated\":\"2025-11-"
                                 "25T12:00:00Z\"}"},
                                {9, 0, "",
                                 "{\"kind\":\"storage#rewriteResponse\","
                                 "\"done\":false,\"rewriteToken\":\"t\"}"},
                                {9, 0, "",
                                 "{\"done\":true,\"resource\":{\"name\":\"d"
                                 "ir/copy\",\"size\":\"5\"}}"},
                                {0, 16, "", gcs_error}}));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: seed_gen OUT TMP [PATH...]\n");
    return 2;
  }
  out_dir = argv[1];
  const std::string tmp = argv[2];
  mkdir(out_dir.c_str(), 0755);
  mkdir(tmp.c_str(), 0755);
  SstSeeds(tmp);
  for (int v = 0; v < 3; v++) {
    const std::string dir = tmp + "/db" + std::to_string(v);
    MakeDb(dir, v);
    DbDirSeeds(dir, "skyrocks-db" + std::to_string(v));
  }
  BlockSeeds();
  CloudManifestSeeds(tmp);
  AnswerSeeds();
  for (int i = 3; i < argc; i++) {
    const std::string path = argv[i];
    struct stat st;
    if (stat(path.c_str(), &st) != 0) continue;
    // Named for the file: librocksdb's come as rocksdb-*.
    std::string label = path.substr(path.find_last_of('/') + 1);
    if (label.size() > 4 && label.compare(label.size() - 4, 4, ".sst") == 0) {
      label.resize(label.size() - 4);
    }
    if (S_ISDIR(st.st_mode)) {
      DbDirSeeds(path, label);
    } else {
      std::string data;
      if (SeedGenReadFile(path, &data)) {
        Seed("sst", label, std::string(1, '\0') + data);
        Seed("sst", label + "-nocheck", std::string(1, '\1') + data);
      }
    }
  }
  std::printf("seed_gen: %d seeds in %s\n", seed_count, out_dir.c_str());
  return 0;
}
