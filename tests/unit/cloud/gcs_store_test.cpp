// The GCS store on two servers:
//  - firebase-tools' Cloud Storage emulator (scripts/emulators/
//    gcs_emulator.js loads it without Java), started on 127.0.0.1 and a
//    free port for this test and killed by PID after. The emulator
//    ignores every precondition
//    (ifGenerationMatch, ifGenerationNotMatch), finalizes a resumable
//    upload at its first PUT (so chunked uploads break), answers a range
//    past the end with 200 and the whole object, gives generations in
//    milliseconds (two writes in one ms share one), and serves
//    objects.rewrite only without the /storage/v1 prefix. So on it run:
//    the contract without conditional writes, a one-PUT resumable upload,
//    list paging, the STORAGE_EMULATOR_HOST switch; a test-side transport
//    maps rewrite to the emulator's route (the client keeps GCS's URL).
//    Skips, saying so, only when install-deps could not install it.
//  - FakeGcsTransport (fake_gcs_transport.h), which answers as GCS
//    documents: the whole contract including the conditional writes and
//    the 20-writer race, chunked resumable uploads resumed after a chunk
//    fails mid-way, 412s, multi-call rewrites, error bodies, 401s.
//  - The service-account flow against a token endpoint
//    (tests/support/http_test_server.py) that verifies the RS256 JWT with
//    the public half of a key generated here by the openssl CLI.
//  - Writer fencing (bucket_wal_scenarios.h): two writers on the fake,
//    whose preconditions hold; on the emulator, which ignores them, a
//    read-write open is refused unless allow_unfenced_writes is set.
#include "cloud/gcs_store.h"

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <string>
#include <thread>

#include "api/db_cloud_gc_scenarios.h"
#include "bucket_wal_scenarios.h"
#include "cloud/gcs_auth.h"
#include "cloud/http_time.h"
#include "cloud_test_stores.h"
#include "fake_gcs_transport.h"
#include "cloud_faults.h"
#include "object_store_contract.h"
#include "support/test_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// Sets an environment variable for one scope and restores it after.
class ScopedGcsEnv {
 public:
  ScopedGcsEnv(const char* name, const char* value) : name_(name) {
    const char* old = getenv(name);
    had_ = old != nullptr;
    if (had_) old_ = old;
    if (value != nullptr) {
      setenv(name, value, 1);
    } else {
      unsetenv(name);
    }
  }
  ~ScopedGcsEnv() {
    if (had_) {
      setenv(name_.c_str(), old_.c_str(), 1);
    } else {
      unsetenv(name_.c_str());
    }
  }

 private:
  std::string name_, old_;
  bool had_ = false;
};

class GcsEmulator {
 public:
  GcsEmulator() {
    const char* env = getenv("SKYROCKS_EMULATOR_DIR");
    const char* home = getenv("HOME");
    module_dir_ = env && *env ? env
                              : std::string(home ? home : "/root") +
                                    "/.cache/skyrocks-emulators";
    module_dir_ += "/gcs";
    std::string out;
    if (skyrocks_test::RunCommand(
            "test -f " + module_dir_ +
                "/node_modules/firebase-tools/lib/emulator/storage/index.js && "
                "command -v node",
            &out) != 0) {
      return;  // not installed
    }
    const std::string tmp = dir_.Sub("tmp"), portfile = dir_.Sub("port");
    skyrocks_test::RunCommand("mkdir -p " + tmp, &out);
    const std::string script =
        skyrocks_test::SourceDir() + "/scripts/emulators/gcs_emulator.js";
    pid_ = fork();
    if (pid_ == 0) {
      setenv("TMPDIR", tmp.c_str(), 1);  // where the emulator keeps blobs
      execlp("node", "node", script.c_str(), module_dir_.c_str(),
             portfile.c_str(), nullptr);
      _exit(127);
    }
    for (int i = 0; i < 300 && port_.empty(); i++) {  // bounded: 15 s
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      port_ = skyrocks_test::ReadWholeFile(portfile);
    }
  }
  ~GcsEmulator() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      int status;
      waitpid(pid_, &status, 0);
    }
  }
  bool running() const { return !port_.empty(); }
  std::string host() const { return "127.0.0.1:" + port_; }
  std::string endpoint() const { return "http://" + host(); }

 private:
  skyrocks_test::TempDir dir_;
  std::string module_dir_;
  pid_t pid_ = -1;
  std::string port_;
};

// firebase-tools serves objects.rewrite only at /b/... (not under
// /storage/v1/b/... as GCS does): map the client's GCS URL to it here, in
// the test, so the client keeps talking real GCS.
class EmulatorRewriteRoute : public HttpTransport {
 public:
  explicit EmulatorRewriteRoute(std::shared_ptr<HttpTransport> base)
      : base_(std::move(base)) {}
  IOStatus Send(const HttpRequest& req, HttpResponse* resp) override {
    if (req.url.find("/rewriteTo/") == std::string::npos)
      return base_->Send(req, resp);
    HttpRequest r = req;
    const size_t at = r.url.find("/storage/v1/b/");
    if (at != std::string::npos)
      r.url.replace(at, strlen("/storage/v1/b/"), "/b/");
    return base_->Send(r, resp);
  }

 private:
  std::shared_ptr<HttpTransport> base_;
};

GcsStoreOptions EmulatorOptions(const GcsEmulator& emu) {
  GcsStoreOptions o;
  o.bucket = "skyrocks-test";
  o.endpoint = emu.endpoint();
  o.anonymous = true;
  o.retry.max_attempts = 3;
  o.transport =
      std::make_shared<EmulatorRewriteRoute>(NewCurlTransport(HttpTimeouts()));
  // The emulator breaks chunked resumable uploads: keep the contract's
  // objects (up to 64 MiB; its body limit is 130 MB) to media uploads.
  o.resumable_threshold = 100 << 20;
  return o;
}

}  // namespace

TEST_CASE("gcs store: a corrupted answer is retried, then Corruption (the emulator's x-goog-hash)") {
  GcsEmulator emu;
  if (!emu.running()) {
    MESSAGE("SKIPPED: the GCS emulator (firebase-tools) is not installed");
    return;
  }
  CheckCorruptedAnswers(
      [&emu](std::shared_ptr<HttpTransport> t) -> std::unique_ptr<ObjectStore> {
        GcsStoreOptions o = EmulatorOptions(emu);
        o.transport = std::make_shared<EmulatorRewriteRoute>(std::move(t));
        std::unique_ptr<ObjectStore> store;
        REQUIRE(NewGcsStore(o, &store).ok());
        return store;
      },
      "x-goog-hash", 1000, 10000);
}

namespace {

std::unique_ptr<ObjectStore> FakeStore(std::shared_ptr<FakeGcsTransport> t,
                                       size_t chunk = 512 << 10,
                                       size_t threshold = 1 << 20) {
  GcsStoreOptions o;
  o.bucket = "b";
  o.endpoint = FakeGcsTransport::kEndpoint;
  o.token = "fixed-token-123";
  o.transport = std::move(t);
  o.retry.sleep = [](uint64_t) {};
  o.retry.max_attempts = 4;
  o.chunk_size = chunk;
  o.resumable_threshold = threshold;
  o.list_page_size = 1000;
  std::unique_ptr<ObjectStore> store;
  REQUIRE(NewGcsStore(o, &store).ok());
  return store;
}

int CountPrefix(const std::vector<std::string>& lines,
                const std::string& prefix) {
  int n = 0;
  for (const auto& l : lines) n += l.rfind(prefix, 0) == 0 ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE(
    "gcs store: the object store contract on the GCS emulator (its supported "
    "part)") {
  GcsEmulator emu;
  if (!emu.running()) {
    MESSAGE(
        "SKIPPED: the GCS emulator (firebase-tools) is not installed (bash "
        "scripts/install-deps installs it)");
    return;
  }
  std::unique_ptr<ObjectStore> store;
  REQUIRE(NewGcsStore(EmulatorOptions(emu), &store).ok());
  // Conditional writes are left out: the emulator ignores preconditions
  // (a second ifGenerationMatch=0 insert succeeds). The fake-GCS test
  // below runs them.
  ObjectStoreContractScope scope;
  scope.conditional_writes = false;
  // Media uploads only (EmulatorOptions): the fake runs resumable ones.
  scope.streams_large_puts = false;
  RunObjectStoreContract(store.get(), scope);
  const ObjectStoreCounts c = store->counts();
  CHECK(c.puts >= 2500);
  CHECK(c.lists >= 3);  // 2,500 keys at 1,000 a page

  // The documented gap, observed (not relied on): the emulator lets a
  // create-only upload replace an object.
  PutOptions create;
  create.if_none_match = true;
  REQUIRE(store->Put("gap/k", "v1", PutOptions()).ok());
  if (store->Put("gap/k", "v2", create).ok()) {
    MESSAGE(
        "GCS emulator ignores ifGenerationMatch=0, as documented; covered on "
        "the fake");
  }

  // A resumable upload in one PUT (all the emulator handles): 700 KiB over
  // a 512 KiB threshold with 1 MiB chunks.
  GcsStoreOptions o = EmulatorOptions(emu);
  o.resumable_threshold = 512 << 10;
  o.chunk_size = 1 << 20;
  REQUIRE(NewGcsStore(o, &store).ok());
  const std::string big = ContractBytes(700 << 10, 9);
  ObjectMeta meta;
  REQUIRE(store->Put("resumable/one", big, PutOptions(), &meta).ok());
  CHECK(meta.size == big.size());
  std::string got;
  REQUIRE(store->Get("resumable/one", &got).ok());
  CHECK(got == big);

  // Paging with a small maxResults, plain and delimited.
  o.list_page_size = 3;
  REQUIRE(NewGcsStore(o, &store).ok());
  for (int i = 0; i < 10; i++)
    REQUIRE(store->Put("page/" + std::to_string(i), "x", PutOptions()).ok());
  REQUIRE(store->Put("page/sub/a", "x", PutOptions()).ok());
  std::vector<ObjectMeta> objs;
  const uint64_t lists = store->counts().lists;
  REQUIRE(store->List("page/", &objs).ok());
  CHECK(objs.size() == 11);
  CHECK(store->counts().lists - lists == 4);
  std::vector<std::string> prefixes;
  REQUIRE(store->ListDelimited("page/", "/", &objs, &prefixes).ok());
  CHECK(objs.size() == 10);
  CHECK(prefixes == std::vector<std::string>{"page/sub/"});

  // STORAGE_EMULATOR_HOST alone: the endpoint, and no credentials needed.
  ScopedGcsEnv emulator_host("STORAGE_EMULATOR_HOST", emu.host().c_str());
  ScopedGcsEnv no_creds("GOOGLE_APPLICATION_CREDENTIALS", nullptr);
  GcsStoreOptions env_only;
  env_only.bucket = "skyrocks-test";
  REQUIRE(NewGcsStore(env_only, &store).ok());
  REQUIRE(store->Get("resumable/one", &got).ok());
  CHECK(got == big);
}

TEST_CASE(
    "gcs store: the whole object store contract on a fake GCS transport") {
  auto t = std::make_shared<FakeGcsTransport>();
  t->rewrite_calls_needed = 3;  // Copy loops on the rewrite token
  auto store = FakeStore(t);
  ObjectStoreContractScope scope;
  scope.streams_downloads = false;  // the fake answers in one piece
  RunObjectStoreContract(store.get(), scope);
  const auto requests = t->Requests();
  // The 20 MiB + 3 PutFrom, 5 MiB + 1 and 64 MiB went up resumable in
  // 512 KiB chunks.
  CHECK(t->chunk_puts() == 41 + 11 + 128);
  CHECK(
      CountPrefix(
          requests,
          "POST "
          "/upload/storage/v1/b/b/o?uploadType=resumable&name=sizes%2Fobj-") ==
      2);
  // Create-only is ifGenerationMatch=0.
  CHECK(CountPrefix(
            requests,
            "POST "
            "/upload/storage/v1/b/b/"
            "o?uploadType=media&name=race%2Fepoch&ifGenerationMatch=0") == 20);
  CHECK(CountPrefix(
            requests,
            "POST "
            "/storage/v1/b/b/o/list%2F00007/rewriteTo/b/b/o/copied%2Fseven") ==
        3);
  // Each HTTP request counted once: a rewrite's every call is a copy, a
  // resumable upload's session, chunks and status queries are PUTs.
  CHECK(CountedRequests(store->counts()) == requests.size());
  uint64_t rewrites = 0;
  for (const auto& r : requests) {
    rewrites += r.find("/rewriteTo/") != std::string::npos ? 1 : 0;
  }
  CHECK(rewrites == 3);  // one Copy, three calls
  CHECK(store->counts().copies == rewrites);
  for (const auto& a : t->Authorizations()) {
    REQUIRE(a == "Bearer fixed-token-123");
  }
}

TEST_CASE(
    "gcs store: a chunk that fails mid-way resumes from the persisted offset") {
  auto t = std::make_shared<FakeGcsTransport>();
  t->drop_chunks = {1};         // the second chunk's connection drops...
  t->drop_persist = 256 << 10;  // ...after GCS kept 256 KiB of it
  auto store = FakeStore(t, 1 << 20, 1 << 20);
  const std::string data = ContractBytes((3 << 20) + 5, 3);
  ObjectMeta meta;
  REQUIRE(store->Put("big", data, PutOptions(), &meta).ok());
  CHECK(meta.size == data.size());
  std::string stored;
  REQUIRE(t->HasObject("big", &stored));
  CHECK(stored ==
        data);  // the fake refuses a chunk not at the persisted offset
  CHECK(t->status_queries() == 1);
  // [0,1M) [1M,2M) dropped at 1.25M, [1.25M,2.25M) [2.25M,3M+5).
  CHECK(t->chunk_puts() == 4);

  // A 503 on the first chunk: the session is asked (nothing kept, no
  // Range header) and the upload goes on from 0.
  auto t4 = std::make_shared<FakeGcsTransport>();
  t4->scripted = {{-1, ""}, {503, ""}};
  auto store4 = FakeStore(t4, 1 << 20, 1 << 20);
  REQUIRE(store4->Put("big", data, PutOptions()).ok());
  REQUIRE(t4->HasObject("big", &stored));
  CHECK(stored == data);
  CHECK(t4->status_queries() == 1);
  CHECK(t4->chunk_puts() == 4);  // the 503 never reached the fake's store

  // A session that never takes a byte: bounded, an error, no endless loop.
  auto t2 = std::make_shared<FakeGcsTransport>();
  for (int i = 0; i < 100; i++) t2->drop_chunks.insert(i);
  t2->drop_persist = 0;
  auto store2 = FakeStore(t2, 1 << 20, 1 << 20);
  IOStatus s = store2->Put("big", data, PutOptions());
  CHECK_FALSE(s.ok());
  CHECK(t2->chunk_puts() <= 4);
  std::string none;
  CHECK_FALSE(t2->HasObject("big", &none));

  // Create-only resumable uploads: 412 at the start when the object exists.
  auto t3 = std::make_shared<FakeGcsTransport>();
  auto store3 = FakeStore(t3, 1 << 20, 1 << 20);
  PutOptions create;
  create.if_none_match = true;
  REQUIRE(store3->Put("big", data, create).ok());
  s = store3->Put("big", data, create);
  CHECK(s.IsIOFenced());
  CHECK(s.http_status() == 412);
  CHECK(s.provider_code() == "conditionNotMet");
}

TEST_CASE(
    "gcs store: preconditions, errors and integrity on a fake GCS transport") {
  auto t = std::make_shared<FakeGcsTransport>();
  auto store = FakeStore(t);
  ObjectMeta v1;
  REQUIRE(store->Put("k", "v1", PutOptions(), &v1).ok());
  // ifGenerationNotMatch, through the GCS-specific call.
  GcsPreconditions not_current;
  not_current.if_generation_not_match =
      static_cast<int64_t>(std::stoull(v1.etag));
  IOStatus s = GcsPutWithPreconditions(store.get(), "k", "v2", not_current);
  CHECK(s.IsIOFenced());
  not_current.if_generation_not_match = 1;
  ObjectMeta v2;
  REQUIRE(
      GcsPutWithPreconditions(store.get(), "k", "v2", not_current, &v2).ok());
  CHECK(v2.etag != v1.etag);
  std::unique_ptr<ObjectStore> local;
  skyrocks_test::TempDir dir;
  REQUIRE(NewLocalDirStore(dir.path(), &local).ok());
  CHECK(GcsPutWithPreconditions(local.get(), "k", "v", not_current)
            .IsInvalidArgument());
  // An etag that is not a generation is a caller error.
  PutOptions match;
  match.if_match_etag = "abc";
  CHECK(store->Put("k", "v3", match).IsInvalidArgument());

  // 404: NotFound naming bucket and object, with the request id.
  std::string got;
  s = store->Get("dir/missing", &got);
  CHECK(s.IsNotFound());
  CHECK(s.ToString().find("dir/missing") != std::string::npos);
  CHECK(s.ToString().find("bucket b") != std::string::npos);
  CHECK(s.request_id().rfind("fake-upload-", 0) == 0);

  // 403: an auth error naming bucket and whose credentials, not the token.
  t->scripted = {{403,
                  "{\"error\":{\"code\":403,\"message\":\"caller does not have "
                  "storage.objects.get access\","
                  "\"errors\":[{\"reason\":\"forbidden\"}]}}"}};
  s = store->Get("k", &got);
  CHECK(s.http_status() == 403);
  CHECK(s.provider_code() == "forbidden");
  CHECK(s.ToString().find("bucket b") != std::string::npos);
  CHECK(s.ToString().find("configured access token") != std::string::npos);
  CHECK(s.ToString().find("storage.objects.get access") != std::string::npos);
  CHECK(s.ToString().find("fixed-token-123") == std::string::npos);
  CHECK_FALSE(s.GetRetryable());

  // 503 then 429 are retried; 5 x 503 runs out with the detail kept.
  t->scripted = {{503, ""}, {429, ""}};
  REQUIRE(store->Get("k", &got).ok());
  CHECK(got == "v2");
  t->scripted = {{503,
                  "{\"error\":{\"code\":503,\"message\":\"busy\",\"errors\":[{"
                  "\"reason\":\"backendError\"}]}}"},
                 {503, ""},
                 {503, ""},
                 {503,
                  "{\"error\":{\"code\":503,\"errors\":[{\"reason\":"
                  "\"backendError\"}]}}"}};
  s = store->Get("k", &got);
  CHECK(s.http_status() == 503);
  CHECK(s.GetRetryable());
  CHECK(s.provider_code() == "backendError");

  // A create-only upload whose answer was lost: not resent; a metadata
  // GET decides. Absent: still ambiguous, said so. Someone else's bytes:
  // we lost the race.
  PutOptions create;
  create.if_none_match = true;
  t->scripted = {{0, ""}};
  s = store->Put("fresh", "mine", create);
  CHECK_FALSE(s.ok());
  CHECK_FALSE(s.IsIOFenced());
  CHECK(s.ToString().find("outcome unknown") != std::string::npos);
  t->scripted = {{0, ""}};
  s = store->Put("k", "mine", create);
  CHECK(s.IsIOFenced());
  // Stored, then the answer lost: our bytes are there, so we won.
  t->drop_after_insert = {"won"};
  ObjectMeta won;
  REQUIRE(store->Put("won", "mine", create, &won).ok());
  CHECK(won.size == 4);
  REQUIRE(store->Get("won", &got).ok());
  CHECK(got == "mine");

  // Downloads are checked against the object's hashes (x-goog-hash).
  REQUIRE(store->Put("c", std::string(1000, 'x'), PutOptions()).ok());
  t->corrupt_reads = true;
  s = store->Get("c", &got);
  CHECK(s.IsCorruption());
  CHECK(s.ToString().find("x-goog-hash") != std::string::npos);
  CHECK(s.ToString().find("/o/c?alt=media") != std::string::npos);
  ContractStringSink sink;
  CHECK(store->GetToSink("c", &sink).IsCorruption());
  t->corrupt_reads = false;
  REQUIRE(store->GetToSink("c", &sink).ok());
  CHECK(sink.data == std::string(1000, 'x'));

  // Paging with maxResults 2 and opaque tokens.
  GcsStoreOptions o;
  o.bucket = "b";
  o.endpoint = FakeGcsTransport::kEndpoint;
  o.anonymous = true;
  o.transport = t;
  o.list_page_size = 2;
  std::unique_ptr<ObjectStore> paged;
  REQUIRE(NewGcsStore(o, &paged).ok());
  for (int i = 0; i < 5; i++)
    REQUIRE(paged->Put("p/" + std::to_string(i), "x", PutOptions()).ok());
  std::vector<ObjectMeta> objs;
  REQUIRE(paged->List("p/", &objs).ok());
  CHECK(objs.size() == 5);
  CHECK(paged->counts().lists == 3);
  CHECK(objs[4].key == "p/4");
  // "updated" (the fake's write time, whole seconds) reaches ObjectMeta.
  const uint64_t now = static_cast<uint64_t>(time(nullptr)) * 1000000;
  CHECK(objs[4].mtime_micros <= now);
  CHECK(objs[4].mtime_micros + 120000000ull >= now);
  CHECK(ParseRfc3339Micros("2026-11-25T09:58:22.287Z") == 1795600702287000ull);
  CHECK(t->Authorizations().back().empty());  // anonymous: no header
}

TEST_CASE("gcs store: configuration is explicit first, then the environment") {
  ScopedGcsEnv no_emulator("STORAGE_EMULATOR_HOST", nullptr);
  ScopedGcsEnv no_creds("GOOGLE_APPLICATION_CREDENTIALS", nullptr);
  GcsStoreOptions o;
  std::unique_ptr<ObjectStore> store;
  CHECK(NewGcsStore(o, &store).IsInvalidArgument());  // no bucket
  o.bucket = "bkt";
  IOStatus s = NewGcsStore(o, &store);
  CHECK(s.IsInvalidArgument());  // no credentials anywhere
  CHECK(s.ToString().find("GOOGLE_APPLICATION_CREDENTIALS") !=
        std::string::npos);
  o.token = "t";
  o.chunk_size = 1000;
  CHECK(NewGcsStore(o, &store).IsInvalidArgument());  // not 256 KiB steps
  o.chunk_size = 256 << 10;
  o.endpoint = "127.0.0.1:9";
  s = NewGcsStore(o, &store);
  CHECK(s.ToString().find("scheme") != std::string::npos);

  // A credentials file that is not a service account: named, secrets not.
  skyrocks_test::TempDir dir;
  const std::string path = dir.Sub("creds.json");
  std::ofstream(path)
      << "{\"type\":\"authorized_user\",\"refresh_token\":\"SECRET-REFRESH\"}";
  ScopedGcsEnv creds("GOOGLE_APPLICATION_CREDENTIALS", path.c_str());
  GcsStoreOptions from_env;
  from_env.bucket = "bkt";
  s = NewGcsStore(from_env, &store);
  CHECK(s.IsInvalidArgument());
  CHECK(s.ToString().find(path) != std::string::npos);
  CHECK(s.ToString().find("SECRET-REFRESH") == std::string::npos);

  // STORAGE_EMULATOR_HOST (host:port) wins over the credentials file and
  // means no Authorization, as Google's client libraries do.
  ScopedGcsEnv emulator("STORAGE_EMULATOR_HOST", "fake-gcs.test");
  auto t = std::make_shared<FakeGcsTransport>();
  from_env.transport = t;
  REQUIRE(NewGcsStore(from_env, &store).ok());
  REQUIRE(store->Put("k", "v", PutOptions()).ok());
  REQUIRE(t->Authorizations().size() == 1);
  CHECK(t->Authorizations()[0].empty());
}

namespace {

// A python token endpoint (tests/support/http_test_server.py) that checks
// the JWT against pub_pem; killed by PID with the object.
class TokenServer {
 public:
  TokenServer(const std::string& dir, const std::string& pub_pem,
              const std::string& issuer, const std::string& token) {
    const std::string portfile = dir + "/token-port";
    pid_ = fork();
    if (pid_ == 0) {
      const std::string script =
          skyrocks_test::SourceDir() + "/tests/support/http_test_server.py";
      execlp("python3", "python3", script.c_str(), portfile.c_str(),
             pub_pem.c_str(), issuer.c_str(), token.c_str(), nullptr);
      _exit(127);
    }
    for (int i = 0; i < 200 && port_.empty(); i++) {  // bounded: 10 s
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      port_ = skyrocks_test::ReadWholeFile(portfile);
    }
  }
  ~TokenServer() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      int status;
      waitpid(pid_, &status, 0);
    }
  }
  std::string url() const { return "http://127.0.0.1:" + port_ + "/token"; }
  bool running() const { return !port_.empty(); }

 private:
  pid_t pid_ = -1;
  std::string port_;
};

// Token requests to the real endpoint over curl; storage requests to the
// fake GCS.
class SplitTransport : public HttpTransport {
 public:
  SplitTransport(std::string token_url, std::shared_ptr<HttpTransport> fake)
      : token_url_(std::move(token_url)),
        fake_(std::move(fake)),
        curl_(NewCurlTransport(HttpTimeouts())) {}
  IOStatus Send(const HttpRequest& req, HttpResponse* resp) override {
    if (req.url == token_url_) {
      token_requests++;
      return curl_->Send(req, resp);
    }
    return fake_->Send(req, resp);
  }
  std::atomic<int> token_requests{0};

 private:
  std::string token_url_;
  std::shared_ptr<HttpTransport> fake_;
  std::unique_ptr<HttpTransport> curl_;
};

}  // namespace

TEST_CASE(
    "gcs store: service-account JWT flow against a verifying token endpoint") {
  skyrocks_test::TempDir dir;
  std::string out;
  REQUIRE(
      skyrocks_test::RunCommand("cd " + dir.path() +
                                    " && openssl genpkey -algorithm RSA "
                                    "-pkeyopt rsa_keygen_bits:2048 "
                                    "-out key.pem 2>&1 && openssl pkey -in "
                                    "key.pem -pubout -out pub.pem 2>&1 && "
                                    "openssl genpkey -algorithm RSA -pkeyopt "
                                    "rsa_keygen_bits:2048 -out other.pem 2>&1",
                                &out) == 0);
  const std::string email =
      "skyrocks-test@demo-project.iam.gserviceaccount.com";
  const std::string token = "ya29.test-access-token-7f3a";
  TokenServer server(dir.path(), dir.Sub("pub.pem"), email, token);
  REQUIRE_MESSAGE(server.running(), "token endpoint did not start");
  const std::string key_pem = skyrocks_test::ReadWholeFile(dir.Sub("key.pem"));
  auto write_account = [&](const std::string& path, const std::string& pem) {
    std::ofstream(path) << "{\"type\":\"service_account\",\"project_id\":"
                           "\"demo-project\",\"private_key_id\":\"k1\","
                        << "\"private_key\":" << JsonQuote(pem)
                        << ",\"client_email\":\"" << email
                        << "\",\"token_uri\":\"" << server.url() << "\"}";
  };
  write_account(dir.Sub("sa.json"), key_pem);

  auto fake = std::make_shared<FakeGcsTransport>();
  fake->required_token = token;
  auto split = std::make_shared<SplitTransport>(server.url(), fake);
  int64_t clock = time(nullptr);
  GcsStoreOptions o;
  o.bucket = "b";
  o.endpoint = FakeGcsTransport::kEndpoint;
  o.transport = split;
  o.retry.sleep = [](uint64_t) {};
  o.now = [&clock] { return clock; };
  ScopedGcsEnv no_emulator("STORAGE_EMULATOR_HOST", nullptr);
  ScopedGcsEnv creds("GOOGLE_APPLICATION_CREDENTIALS",
                     dir.Sub("sa.json").c_str());
  std::unique_ptr<ObjectStore> store;
  REQUIRE(NewGcsStore(o, &store).ok());
  // Several calls, one token (the endpoint verified its signature).
  REQUIRE(store->Put("a", "1", PutOptions()).ok());
  REQUIRE(store->Put("b", "2", PutOptions()).ok());
  std::string got;
  REQUIRE(store->Get("a", &got).ok());
  CHECK(got == "1");
  ObjectMeta meta;
  REQUIRE(store->Head("b", &meta).ok());
  CHECK(split->token_requests == 1);
  for (const auto& a : fake->Authorizations()) CHECK(a == "Bearer " + token);
  // Shortly before the hour is up, a new token.
  clock += 3600 - 30;
  REQUIRE(store->Get("a", &got).ok());
  CHECK(split->token_requests == 2);
  // A token the server refuses (401) is refreshed once and the call made.
  fake->scripted = {
      {401, "{\"error\":{\"code\":401,\"message\":\"Invalid Credentials\"}}"}};
  REQUIRE(store->Get("a", &got).ok());
  CHECK(split->token_requests == 3);

  // 403 on the bucket: names the bucket and the account, no secrets.
  fake->scripted = {{403,
                     "{\"error\":{\"code\":403,\"message\":\"denied\","
                     "\"errors\":[{\"reason\":\"forbidden\"}]}}"}};
  IOStatus s = store->Get("a", &got);
  CHECK(s.http_status() == 403);
  CHECK(s.ToString().find("bucket b") != std::string::npos);
  CHECK(s.ToString().find(email) != std::string::npos);
  CHECK(s.ToString().find(token) == std::string::npos);

  // A key the endpoint does not know: its invalid_grant, clearly, and
  // neither the key nor the assertion in the message.
  write_account(dir.Sub("other.json"),
                skyrocks_test::ReadWholeFile(dir.Sub("other.pem")));
  o.credentials_file = dir.Sub("other.json");
  REQUIRE(NewGcsStore(o, &store).ok());
  s = store->Get("a", &got);
  CHECK_FALSE(s.ok());
  CHECK(s.http_status() == 400);
  CHECK(s.ToString().find("invalid_grant") != std::string::npos);
  CHECK(s.ToString().find("Invalid JWT Signature") != std::string::npos);
  CHECK(s.ToString().find(email) != std::string::npos);
  CHECK(s.ToString().find(token) == std::string::npos);
  CHECK(s.ToString().find("PRIVATE KEY") == std::string::npos);
  CHECK(s.ToString().find("eyJ") == std::string::npos);  // no JWT
  const std::string other_pem =
      skyrocks_test::ReadWholeFile(dir.Sub("other.pem"));
  CHECK(s.ToString().find(other_pem.substr(40, 40)) == std::string::npos);

  // A broken key: refused before any request, without the key.
  write_account(
      dir.Sub("broken.json"),
      "-----BEGIN PRIVATE KEY-----\nNOTAKEY\n-----END PRIVATE KEY-----\n");
  o.credentials_file = dir.Sub("broken.json");
  const int before = split->token_requests;
  REQUIRE(NewGcsStore(o, &store).ok());
  s = store->Get("a", &got);
  CHECK(s.IsInvalidArgument());
  CHECK(s.ToString().find("NOTAKEY") == std::string::npos);
  CHECK(split->token_requests == before);
}

TEST_CASE(
    "gcs store: DBCloud on the GCS emulator (reopen from the bucket, epochs)") {
  GcsEmulator emu;
  if (!emu.running()) {
    MESSAGE(
        "SKIPPED: the GCS emulator is not installed (bash scripts/install-deps "
        "installs it)");
    return;
  }
  // Configured as Google's libraries are: STORAGE_EMULATOR_HOST, no auth.
  setenv("STORAGE_EMULATOR_HOST", emu.host().c_str(), 1);
  std::unique_ptr<ObjectStore> owned;
  REQUIRE(NewGcsStore(EmulatorOptions(emu), &owned).ok());
  std::shared_ptr<ObjectStore> raw(owned.release());
  skyrocks_test::CloudTestStore t;
  t.bucket = "skyrocks-test";
  t.make_fs = [](const CloudFileSystemOptions& o, CloudFileSystem** out) {
    return CloudFileSystemEnv::NewGcsFileSystem(FileSystem::Default(), o,
                                                nullptr, out);
  };
  t.list = [raw](const std::string& prefix) {
    std::vector<ObjectMeta> objects;
    std::vector<std::string> keys;
    if (raw->List(prefix, &objects).ok()) {
      for (const auto& m : objects) keys.push_back(m.key);
    }
    return keys;
  };
  t.get = [raw](const std::string& k, std::string* d) {
    return raw->Get(k, d).ok();
  };
  t.put = [raw](const std::string& k, const std::string& d) {
    return raw->Put(k, d, PutOptions()).ok();
  };
  t.del = [raw](const std::string& k) { return raw->Delete(k).ok(); };
  {
    // The emulator ignores generation preconditions (real GCS honours
    // them): the probe at open finds it and refuses a writer, naming the
    // option that opts out.
    skyrocks_test::TempDir tmp;
    skyrocks_test::CloudDb c;
    skyrocks_test::OpenCloudDb(
        t, skyrocks_test::CloudOpts(t, "dbs/probe", "dbs/probe"), tmp.Sub("db"),
        &c);
    CHECK(c.status.IsNotSupported());
    CHECK_MESSAGE(
        c.status.ToString().find("allow_unfenced_writes") != std::string::npos,
        c.status.ToString());
  }
  t.conditional_writes = false;
  skyrocks_test::ScenarioReopenFromBucket(t, false);
  skyrocks_test::ScenarioEpochs(t);
  skyrocks_test::ScenarioGcWithClones(t);
  unsetenv("STORAGE_EMULATOR_HOST");
}

namespace {

// The fencing scenarios' store: DBs on a GCS store over a fresh fake
// (whose preconditions hold), inspected through a second store on it.
skyrocks_test::CloudTestStore GcsFakeFencingStore() {
  auto t = std::make_shared<FakeGcsTransport>();
  std::shared_ptr<ObjectStore> db_store(FakeStore(t).release());
  std::shared_ptr<ObjectStore> inspect(FakeStore(t).release());
  return ObjectStoreCloudStore("b", db_store, inspect, "gcs-fake");
}

}  // namespace

TEST_CASE(
    "gcs store: writer fencing on the fake (generation preconditions): writer "
    "A busy across B's open") {
  const skyrocks_test::CloudTestStore store = GcsFakeFencingStore();
  skyrocks_test::ScenarioTwoWriters(store, false);
}

TEST_CASE(
    "gcs store: writer fencing on the fake (generation preconditions): writer "
    "A idle across B's open, then writing") {
  const skyrocks_test::CloudTestStore store = GcsFakeFencingStore();
  skyrocks_test::ScenarioTwoWriters(store, true);
}

TEST_CASE(
    "gcs store: writer fencing on the fake (generation preconditions): "
    "read-only opens and clones fence nobody") {
  const skyrocks_test::CloudTestStore store = GcsFakeFencingStore();
  skyrocks_test::ScenarioReadersDoNotFence(store);
}

TEST_CASE(
    "gcs store: the emulator ignores preconditions, so a writer open is "
    "refused unless allow_unfenced_writes") {
  GcsEmulator emu;
  if (!emu.running()) {
    MESSAGE(
        "SKIPPED: the GCS emulator is not installed (bash scripts/install-deps "
        "installs it)");
    return;
  }
  std::unique_ptr<ObjectStore> owned;
  REQUIRE(NewGcsStore(EmulatorOptions(emu), &owned).ok());
  std::shared_ptr<ObjectStore> db_store(owned.release());
  REQUIRE(NewGcsStore(EmulatorOptions(emu), &owned).ok());
  std::shared_ptr<ObjectStore> inspect(owned.release());
  skyrocks_test::ScenarioUnfencedStoreRefused(
      ObjectStoreCloudStore("skyrocks-test", db_store, inspect, "gcs"));
}

}  // namespace ROCKSDB_NAMESPACE
