// The Azure Blob Storage ObjectStore (block blobs): Azure's dialect of the
// REST skeleton (cloud/rest_store.h), authenticated with SharedKey or a SAS
// token (cloud/azure_auth.h), errors and listings read with cloud/xml.h.
// Contract in cloud/object_store.h; this file adds blob leases (a native
// fencing primitive) and container creation.
//
// Configuration; each item from the first source that has it:
//   1. the options' fields (account, key or sas, endpoint);
//   2. options.connection_string;
//   3. AZURE_STORAGE_CONNECTION_STRING;
//   4. AZURE_STORAGE_ACCOUNT, AZURE_STORAGE_KEY, AZURE_STORAGE_SAS_TOKEN.
// Credentials (key or SAS) are taken as a unit from one source. Without an
// endpoint: https://ACCOUNT.blob.core.windows.net. A connection string
// with UseDevelopmentStorage=true means Azurite's devstoreaccount1 at
// http://127.0.0.1:10000/devstoreaccount1. With a key requests are signed
// (SharedKey); with a SAS token it is appended to every URL instead; with
// neither, an Entra ID bearer token (workload or managed identity, cloud/
// azure_identity.h) when one is configured, else requests are anonymous.
//
// Writes: Put Blob up to block_threshold bytes; larger puts go up as Put
// Block calls of block_size bytes, upload_threads at a time, then one Put
// Block List carrying the conditions. Block ids carry a random upload id so
// concurrent writers of one name never mix blocks. Every upload sends
// Content-MD5 (and x-ms-blob-content-md5 for block lists), so the service
// checks the bytes and Head can tell whose bytes a blob holds.
// Errors: 404 is NotFound naming container and key; a failed condition
// (412, or 409 BlobAlreadyExists for If-None-Match: *, or a lease
// conflict) is IOFenced with http_status 412 (the real status in the
// message); 401/403 name the account and container and say to check the
// key or SAS. No message ever contains the key or a SAS signature.
// Requests are counted one per HTTP request (a block upload counts each
// block and the block list as puts; copy polling counts heads).
// Thread-safe.
#ifndef SKYROCKS_CLOUD_AZURE_STORE_H_
#define SKYROCKS_CLOUD_AZURE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cloud/http.h"
#include "cloud/object_store.h"
#include "cloud/rest_store.h"

namespace ROCKSDB_NAMESPACE {

struct AzureStoreOptions {
  std::string container;  // required: 3-63 chars, lowercase, digits, '-'
  std::string account;
  std::string key;       // base64 account key (SharedKey)
  std::string sas;       // SAS token, with or without a leading '?'
  std::string endpoint;  // e.g. "http://127.0.0.1:10000/devstoreaccount1"
  std::string connection_string;
  std::string api_version = "2021-08-06";  // x-ms-version
  // Without a key or SAS: Entra ID tokens (cloud/azure_identity.h) from
  // workload identity or App Service when configured, from the VM's
  // managed identity when this is set (or AZURE_STORAGE_AUTH_MODE=login),
  // else anonymous requests. imds_endpoint overrides 169.254.169.254.
  bool managed_identity = false;
  std::string imds_endpoint;
  RetryOptions retry;
  HttpTimeouts timeouts;
  std::shared_ptr<HttpTransport> transport;  // default: libcurl
  size_t block_threshold = 16 << 20;
  size_t block_size = 8 << 20;
  int upload_threads = 4;
  // Blobs per List Blobs page (0: the service's default, 5000).
  int list_page_size = 0;
  // How long Copy waits for a pending (asynchronous) copy, polling every
  // copy_poll_micros.
  uint64_t copy_wait_micros = 60000000;
  uint64_t copy_poll_micros = 200000;
  // Seconds since the epoch for x-ms-date (tests); default: the clock.
  std::function<int64_t()> now;
};

// The REST skeleton (cloud/rest_store.h) with Azure's dialect, plus
// leases and container creation.
class AzureStore : public RestObjectStore {
 public:
  AzureStore(std::unique_ptr<RestDialect> dialect,
             std::shared_ptr<HttpTransport> transport, RetryOptions retry)
      : RestObjectStore(std::move(dialect), std::move(transport),
                        std::move(retry)) {}

  // Creates the container; one that already exists is fine.
  IOStatus CreateContainerIfMissing() { return CreateBucketIfMissing(""); }

  // Leases. A leased blob can be written or deleted only by presenting the
  // lease id; without it, or with another, the write is IOFenced.
  // Acquire: duration_secs 15..60, or -1 for a lease that never expires.
  // *lease_id: in, the id to propose (empty: a random one); out, the id
  // granted. A blob leased by someone else: IOFenced.
  IOStatus AcquireLease(const std::string& key, int duration_secs,
                        std::string* lease_id);
  IOStatus RenewLease(const std::string& key, const std::string& lease_id);
  IOStatus ReleaseLease(const std::string& key, const std::string& lease_id);
  IOStatus ChangeLease(const std::string& key, const std::string& lease_id,
                       const std::string& new_lease_id);
  // Ends the lease after break_period_secs (0: now); *remaining_secs
  // (optional) gets the seconds until it is broken.
  IOStatus BreakLease(const std::string& key, int break_period_secs,
                      int* remaining_secs);
  // Put presenting lease_id (empty: none, as Put).
  IOStatus PutWithLease(const std::string& key, const Slice& data,
                        const std::string& lease_id, const PutOptions& opts,
                        ObjectMeta* meta = nullptr);

 private:
  IOStatus Lease(const std::string& key, const std::string& action,
                 const RestHeaders& headers, HttpResponse* resp);
};

// The store as an ObjectStore, or as an AzureStore for leases.
IOStatus NewAzureStore(const AzureStoreOptions& options,
                       std::unique_ptr<ObjectStore>* store);
IOStatus NewAzureStore(const AzureStoreOptions& options,
                       std::unique_ptr<AzureStore>* store);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_AZURE_STORE_H_
