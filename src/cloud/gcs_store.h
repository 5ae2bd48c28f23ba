// The Google Cloud Storage ObjectStore: the dialect of GCS's JSON API for
// the REST skeleton (cloud/rest_store.h), with tokens from cloud/gcs_auth.h
// and JSON read with cloud/json.h. Contract in cloud/object_store.h.
//
// Configuration, explicit options first, then the environment as Google's
// client libraries read it:
//   endpoint     options, else STORAGE_EMULATOR_HOST ("host:port" or a
//                URL; http:// is assumed), else
//                https://storage.googleapis.com;
//   credentials  options.token (a bearer token used as is), else
//                options.credentials_file, else options.anonymous, else no
//                auth at all when STORAGE_EMULATOR_HOST is set (as the
//                client libraries do for the emulator), else application
//                default credentials (cloud/gcs_auth.h:
//                GOOGLE_APPLICATION_CREDENTIALS, gcloud's well-known file,
//                the GCE metadata server); none of these is
//                InvalidArgument naming each place tried.
// Objects: uploads up to resumable_threshold bytes are one media upload,
// larger ones a resumable upload in chunk_size chunks (a multiple of
// 256 KiB) that resumes from the offset GCS persisted after a failed
// chunk. An object's etag is its generation; if_none_match is
// ifGenerationMatch=0 and if_match_etag is ifGenerationMatch=<etag>, both
// checked by GCS atomically; a failed one is IOFenced (412). Object names
// go URL-encoded as one path segment. Copy is objects.rewrite, repeated
// with the rewrite token until done. Downloads are checked against the
// object's CRC32C when they cover the whole object. Errors carry the HTTP
// status, GCS's reason and the upload/request id; 401/403 name the bucket
// and whose credentials were refused, never a secret.
#ifndef SKYROCKS_CLOUD_GCS_STORE_H_
#define SKYROCKS_CLOUD_GCS_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "cloud/http.h"
#include "cloud/object_store.h"

namespace ROCKSDB_NAMESPACE {

struct GcsStoreOptions {
  std::string bucket;
  std::string endpoint;          // e.g. "http://127.0.0.1:9199"
  std::string token;             // an OAuth access token used as is
  std::string credentials_file;  // a service-account key (JSON)
  bool anonymous = false;        // send no Authorization (emulators)
  RetryOptions retry;
  HttpTimeouts timeouts;
  std::shared_ptr<HttpTransport> transport;  // default: libcurl
  // Puts larger than this are resumable uploads of chunk_size chunks.
  // REQUIRES: chunk_size is a positive multiple of 256 KiB.
  size_t resumable_threshold = 16 << 20;
  size_t chunk_size = 8 << 20;
  // maxResults per listing page (GCS caps it at 1000).
  int list_page_size = 1000;
  // Seconds since the epoch for token lifetimes (tests); default: clock.
  std::function<int64_t()> now;
};

IOStatus NewGcsStore(const GcsStoreOptions& options,
                     std::unique_ptr<ObjectStore>* store);

// The generation preconditions GCS has beyond PutOptions, for callers
// that need them: ifGenerationMatch / ifGenerationNotMatch on an upload
// (-1: not set; if_generation_match 0 means "only if absent").
struct GcsPreconditions {
  int64_t if_generation_match = -1;
  int64_t if_generation_not_match = -1;
};

// Put with explicit GCS preconditions. REQUIRES: store was made by
// NewGcsStore (InvalidArgument otherwise).
IOStatus GcsPutWithPreconditions(ObjectStore* store, const std::string& key,
                                 const Slice& data,
                                 const GcsPreconditions& conditions,
                                 ObjectMeta* meta = nullptr);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_GCS_STORE_H_
