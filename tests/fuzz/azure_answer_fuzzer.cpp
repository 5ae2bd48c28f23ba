// Azure Blob's answers: an Azure store (SharedKey, Azurite's account)
// whose transport plays answers cut from the input (status, headers such
// as x-ms-copy-status and Last-Modified, XML bodies: List Blobs pages and
// error bodies) to calls chosen by the input; and the XML reader on the
// first chunk by the element names the Azure store looks for.
#include "cloud/azure_auth.h"
#include "cloud/azure_store.h"
#include "cloud/xml.h"
#include "fuzz/harnesses.h"

namespace skyrocks_fuzz {

int FuzzAzureAnswer(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  const std::string xml = in.Chunk(2);
  for (const char* name : {"Code", "Message", "NextMarker"}) {
    (void)rocksdb::XmlFirstText(xml, name);
  }
  (void)rocksdb::XmlRecordsDeep(xml, "Blob");
  (void)rocksdb::XmlRecords(xml, "BlobPrefix");

  auto transport = std::make_shared<ScriptedTransport>(&in);
  rocksdb::AzureStoreOptions o;
  o.container = "fuzz-container";
  o.account = rocksdb::AzureDevAccountName();
  o.key = rocksdb::AzureDevAccountKey();
  o.endpoint = "http://127.0.0.1:1/devstoreaccount1";
  o.transport = transport;
  o.retry = FuzzRetryOptions();
  o.upload_threads = 1;
  o.copy_wait_micros = 3;
  o.copy_poll_micros = 1;
  o.now = [] { return int64_t{1764072000}; };
  std::unique_ptr<rocksdb::ObjectStore> store;
  FuzzCheck(rocksdb::NewAzureStore(o, &store).ok(), "NewAzureStore");
  FuzzStoreOps(store.get(), &in);
  return 0;
}

}  // namespace skyrocks_fuzz

SKYROCKS_FUZZ_ENTRY(FuzzAzureAnswer)
