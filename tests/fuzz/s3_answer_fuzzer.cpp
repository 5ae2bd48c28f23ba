// S3's answers: an S3 store whose transport plays answers cut from the
// input (status, headers, XML body: ListObjectsV2 pages, error bodies,
// DeleteObjects results, CopyObject results) to calls chosen by the
// input; and the XML reader itself on the first chunk, by the element
// names the S3 and Azure stores look for.
#include "cloud/s3_store.h"
#include "cloud/xml.h"
#include "fuzz/harnesses.h"

namespace skyrocks_fuzz {

int FuzzS3Answer(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  const std::string xml = in.Chunk(2);
  for (const char* name : {"Code", "Message", "NextContinuationToken",
                           "IsTruncated", "UploadId", "ETag", "Error"}) {
    (void)rocksdb::XmlFirstText(xml, name);
  }
  (void)rocksdb::XmlRecords(xml, "Contents");
  (void)rocksdb::XmlRecords(xml, "CommonPrefixes");
  (void)rocksdb::XmlRecordsDeep(xml, "Blob");

  auto transport = std::make_shared<ScriptedTransport>(&in);
  rocksdb::S3StoreOptions o;
  o.bucket = "fuzz-bucket";
  o.region = "us-east-1";
  o.endpoint = "http://127.0.0.1:1";
  o.credentials = rocksdb::AwsCredentials{"AKID", "secret", ""};
  o.transport = transport;
  o.retry = FuzzRetryOptions();
  o.upload_threads = 1;
  o.now = [] { return int64_t{1764072000}; };
  std::unique_ptr<rocksdb::ObjectStore> store;
  FuzzCheck(rocksdb::NewS3Store(o, &store).ok(), "NewS3Store");
  FuzzStoreOps(store.get(), &in);
  return 0;
}

}  // namespace skyrocks_fuzz

SKYROCKS_FUZZ_ENTRY(FuzzS3Answer)
