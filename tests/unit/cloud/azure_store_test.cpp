// The Azure store on Azurite (azurite@3.37.0, blob service only, which
// verifies SharedKey and SAS signatures and honours conditional headers and
// leases), started once for this binary, in memory, on 127.0.0.1 and a port
// the kernel picks, killed by PID at exit (and by the kernel if the test
// process dies first): the whole ObjectStore contract with small blocks, list
// pagination, a wrong key (a clear 403 naming the account, no secret), a
// SAS token made by tests/oracle/azure_oracle.py, leases, copies,
// conditional block uploads. Then, against a fake transport: SAS URLs,
// polling a pending copy, a lost create answer, retries, configuration.
// Writer fencing (bucket_wal_scenarios.h) on Azurite, through If-Match /
// If-None-Match. The Azurite tests skip, saying so, only when install-deps
// could not install Azurite.
#include "cloud/azure_store.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>

#include "cloud/azure_auth.h"
#include "object_store_contract.h"
#include "api/db_cloud_gc_scenarios.h"
#include "bucket_wal_scenarios.h"
#include "cloud_faults.h"
#include "cloud_test_stores.h"
#include "support/test_util.h"
#include "util/crypto.h"

namespace ROCKSDB_NAMESPACE {

namespace {

class Azurite {
 public:
  Azurite() {
    const char* env = getenv("SKYROCKS_EMULATOR_DIR");
    const char* home = getenv("HOME");
    std::string dir = env && *env ? env
                                  : std::string(home ? home : "/root") +
                                        "/.cache/skyrocks-emulators";
    const std::string main_js =
        dir + "/azure/node_modules/azurite/dist/src/blob/main.js";
    std::string out;
    if (skyrocks_test::RunCommand("test -f " + main_js + " && command -v node",
                                  &out) != 0) {
      return;  // not installed
    }
    const std::string log = dir_.Sub("log");
    const pid_t parent = getpid();
    pid_ = fork();
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the test process
      if (getppid() != parent) _exit(127);
      const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (fd >= 0) {
        dup2(fd, 1);
        dup2(fd, 2);
      }
      execlp("node", "node", main_js.c_str(), "--blobHost", "127.0.0.1",
             "--blobPort", "0", "--inMemoryPersistence", "--silent",
             "--disableTelemetry", "--skipApiVersionCheck", nullptr);
      _exit(127);
    }
    // Port 0: Azurite prints the port it got. Bounded: 30 s.
    const std::string marker = "listens on http://127.0.0.1:";
    for (int i = 0; i < 600 && port_.empty(); i++) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      const std::string text = skyrocks_test::ReadWholeFile(log);
      const size_t at = text.find(marker);
      if (at != std::string::npos) {
        const size_t start = at + marker.size();
        const size_t end = text.find_first_not_of("0123456789", start);
        if (end != std::string::npos && end > start)
          port_ = text.substr(start, end - start);
      }
      int status;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        MESSAGE("Azurite exited early: " << text);
        return;
      }
    }
    if (port_.empty())
      MESSAGE("Azurite did not start: " << skyrocks_test::ReadWholeFile(log));
  }
  ~Azurite() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      int status;
      waitpid(pid_, &status, 0);
    }
  }
  bool running() const { return !port_.empty(); }
  std::string endpoint() const {
    return "http://127.0.0.1:" + port_ + "/" + AzureDevAccountName();
  }

 private:
  skyrocks_test::TempDir dir_;
  pid_t pid_ = -1;
  std::string port_;
};

// One Azurite for every test case in this binary (start-up costs 1-6 s).
Azurite* SharedAzurite() {
  static Azurite* azurite = new Azurite();  // killed by the exit hook below
  static const bool hooked = [] {
    std::atexit([] { delete SharedAzurite(); });
    return true;
  }();
  (void)hooked;
  return azurite;
}

AzureStoreOptions AzuriteOptions(const std::string& container) {
  AzureStoreOptions o;
  o.container = container;
  o.account = AzureDevAccountName();
  o.key = AzureDevAccountKey();
  o.endpoint = SharedAzurite()->endpoint();
  o.retry.max_attempts = 3;
  return o;
}

std::unique_ptr<AzureStore> AzuriteStore(const AzureStoreOptions& o) {
  std::unique_ptr<AzureStore> store;
  REQUIRE(NewAzureStore(o, &store).ok());
  IOStatus s = store->CreateContainerIfMissing();
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  return store;
}

#define SKYROCKS_TEST_NEED_AZURITE()                                    \
  if (!SharedAzurite()->running()) {                                    \
    MESSAGE(                                                            \
        "SKIPPED: Azurite is not installed (bash scripts/install-deps " \
        "installs it)");                                                \
    return;                                                             \
  }

}  // namespace

TEST_CASE("azure store: the object store contract on Azurite") {
  SKYROCKS_TEST_NEED_AZURITE();
  AzureStoreOptions o = AzuriteOptions("contract");
  o.block_threshold = 1 << 20;  // 5 MiB + 1 and 64 MiB go up in blocks
  o.block_size = 4 << 20;
  std::unique_ptr<AzureStore> store = AzuriteStore(o);
  CHECK(store->CreateContainerIfMissing().ok());  // again: fine
  RunObjectStoreContract(store.get());
  const ObjectStoreCounts c = store->counts();
  CHECK(c.puts >= 2500 + 2 + 16 + 2);  // blocks count as puts
  CHECK(c.lists >= 3);
  CHECK(c.bytes_written >= (size_t{64} << 20));
  MESSAGE("contract on Azurite: " << c.gets << " gets, " << c.puts << " puts, "
                                  << c.lists << " lists, " << c.heads
                                  << " heads, " << c.deletes << " deletes, "
                                  << c.copies << " copies");
}

TEST_CASE("azure store: a corrupted answer is retried, then Corruption (Azurite's Content-MD5)") {
  SKYROCKS_TEST_NEED_AZURITE();
  CheckCorruptedAnswers(
      [](std::shared_ptr<HttpTransport> t) -> std::unique_ptr<ObjectStore> {
        AzureStoreOptions o = AzuriteOptions("flip");
        o.block_threshold = 4096;  // the big object goes up in blocks
        o.block_size = 1024;
        o.transport = std::move(t);
        return AzuriteStore(o);
      },
      "Content-MD5", 1000, 10000);
}

TEST_CASE("azure store: list pagination and delimiters on Azurite") {
  SKYROCKS_TEST_NEED_AZURITE();
  AzureStoreOptions o = AzuriteOptions("pages");
  o.list_page_size = 7;
  std::unique_ptr<AzureStore> store = AzuriteStore(o);
  for (int i = 0; i < 50; i++) {
    char k[32];
    snprintf(k, sizeof(k), "p/%03d", i);
    REQUIRE(store->Put(k, std::string(i, 'x'), PutOptions()).ok());
  }
  for (int d = 0; d < 10; d++) {
    REQUIRE(
        store->Put("d/dir" + std::to_string(d) + "/a", "x", PutOptions()).ok());
  }
  REQUIRE(store->Put("d/file", "x", PutOptions()).ok());
  const uint64_t lists_before = store->counts().lists;
  std::vector<ObjectMeta> objs;
  REQUIRE(store->List("p/", &objs).ok());
  REQUIRE(objs.size() == 50);
  for (int i = 0; i < 50; i++) {
    char k[32];
    snprintf(k, sizeof(k), "p/%03d", i);
    CHECK(objs[i].key == k);
    CHECK(objs[i].size == static_cast<uint64_t>(i));
    CHECK(!objs[i].etag.empty());
    CHECK(objs[i].mtime_micros > 1600000000ull * 1000000);
  }
  CHECK(store->counts().lists - lists_before == 8);  // ceil(50 / 7) pages
  std::vector<std::string> prefixes;
  REQUIRE(store->ListDelimited("d/", "/", &objs, &prefixes).ok());
  REQUIRE(prefixes.size() == 10);  // prefixes spread over pages too
  CHECK(prefixes[0] == "d/dir0/");
  CHECK(prefixes[9] == "d/dir9/");
  REQUIRE(objs.size() == 1);
  CHECK(objs[0].key == "d/file");
  REQUIRE(store->List("none/", &objs).ok());
  CHECK(objs.empty());
  // DeleteMany in parallel, missing keys fine, an invalid key refused
  // before anything is deleted.
  std::vector<std::string> doomed;
  for (int i = 0; i < 50; i += 2) {
    char k[32];
    snprintf(k, sizeof(k), "p/%03d", i);
    doomed.push_back(k);
  }
  doomed.push_back("p/missing");
  CHECK(store->DeleteMany({"p/001", "bad//key"}).IsInvalidArgument());
  const uint64_t deletes_before = store->counts().deletes;
  REQUIRE(store->DeleteMany(doomed).ok());
  CHECK(store->counts().deletes - deletes_before == 26);
  REQUIRE(store->List("p/", &objs).ok());
  REQUIRE(objs.size() == 25);
  CHECK(objs[0].key == "p/001");
}

TEST_CASE(
    "azure store: a wrong key is a clear auth error naming the account, not "
    "the key") {
  SKYROCKS_TEST_NEED_AZURITE();
  AzureStoreOptions o = AzuriteOptions("authz");
  AzuriteStore(o);
  const std::string wrong_key =
      Base64Encode("this is not the devstoreaccount1 key!!");
  o.key = wrong_key;
  std::unique_ptr<ObjectStore> bad;
  REQUIRE(NewAzureStore(o, &bad).ok());
  for (int op = 0; op < 3; op++) {
    CAPTURE(op);
    std::string got;
    ObjectMeta meta;
    IOStatus s = op == 0   ? bad->Put("k", "v", PutOptions())
                 : op == 1 ? bad->Get("k", &got)
                           : bad->Head("k", &meta);
    REQUIRE_FALSE(s.ok());
    CHECK(s.http_status() == 403);
    CHECK_FALSE(s.GetRetryable());
    const std::string msg = s.ToString();
    CHECK(msg.find("devstoreaccount1") != std::string::npos);
    CHECK(msg.find("authz") != std::string::npos);
    CHECK(msg.find("authentication failed") != std::string::npos);
    CHECK(msg.find(wrong_key) == std::string::npos);
    CHECK(msg.find(AzureDevAccountKey()) == std::string::npos);
    CHECK(msg.find("SharedKey") ==
          std::string::npos);  // no Authorization value
  }
}

TEST_CASE("azure store: a SAS token on Azurite, and no signature in errors") {
  SKYROCKS_TEST_NEED_AZURITE();
  AzuriteStore(AzuriteOptions("sas"));
  auto make_sas = [](const std::string& permissions) {
    skyrocks_test::TempDir dir;
    {
      std::ofstream f(dir.Sub("req.json"));
      f << "{\"mode\": \"account_sas\", \"account\": \""
        << AzureDevAccountName() << "\", \"key\": \"" << AzureDevAccountKey()
        << "\", \"permissions\": \"" << permissions
        << "\", \"services\": \"b\", \"resource_types\": \"sco\", \"expiry\": "
           "\"2099-01-01T00:00:00Z\", \"version\": \"2021-08-06\", "
           "\"protocol\": "
           "\"https,http\"}";
    }
    std::string out;
    const int rc = skyrocks_test::RunCommand(
        "/usr/bin/python3 " + skyrocks_test::SourceDir() +
            "/tests/oracle/azure_oracle.py < " + dir.Sub("req.json"),
        &out);
    REQUIRE_MESSAGE(rc == 0, out);
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
  };
  AzureStoreOptions o;
  o.container = "sas";
  o.sas = "?" + make_sas("rwdlac");
  o.endpoint = SharedAzurite()->endpoint();
  o.block_threshold = 100;
  o.block_size = 64;
  o.retry.max_attempts = 2;
  std::unique_ptr<AzureStore> store;
  REQUIRE(NewAzureStore(o, &store).ok());
  const std::string big = ContractBytes(1000, 3);
  ObjectMeta meta;
  IOStatus s = store->Put("big", big, PutOptions(), &meta);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  std::string got;
  REQUIRE(store->Get("big", &got).ok());
  CHECK(got == big);
  REQUIRE(store->Copy("big", "big2").ok());
  REQUIRE(store->GetRange("big2", 990, 20, &got).ok());
  CHECK(got == big.substr(990));
  std::vector<ObjectMeta> objs;
  REQUIRE(store->List("big", &objs).ok());
  CHECK(objs.size() == 2);
  REQUIRE(store->Delete("big2").ok());

  // Read-only: writes fail with 403, and the message holds no signature.
  AzureStoreOptions ro = o;
  const std::string ro_sas = make_sas("rl");
  ro.sas = ro_sas;
  const std::string sig = ro_sas.substr(ro_sas.find("sig=") + 4);
  REQUIRE(NewAzureStore(ro, &store).ok());
  REQUIRE(store->Get("big", &got).ok());
  s = store->Put("k", "v", PutOptions());
  CHECK(s.http_status() == 403);
  CHECK(s.ToString().find("SAS token") != std::string::npos);
  CHECK(s.ToString().find(sig) == std::string::npos);
  // A transport failure names the URL: the SAS is redacted there too.
  ro.endpoint = "http://127.0.0.1:1/devstoreaccount1";  // nothing listens
  ro.retry.max_attempts = 1;
  REQUIRE(NewAzureStore(ro, &store).ok());
  s = store->Get("k", &got);
  REQUIRE_FALSE(s.ok());
  CHECK(s.ToString().find("sig=") == std::string::npos);
  CHECK(s.ToString().find(sig) == std::string::npos);
}

TEST_CASE("azure store: leases fence writers on Azurite") {
  SKYROCKS_TEST_NEED_AZURITE();
  AzureStoreOptions o = AzuriteOptions("leases");
  o.block_threshold = 100;  // also through Put Block / Put Block List
  o.block_size = 40;
  std::unique_ptr<AzureStore> store = AzuriteStore(o);
  REQUIRE(store->Put("lock", "v0", PutOptions()).ok());
  std::string lease;
  REQUIRE(store->AcquireLease("lock", 15, &lease).ok());
  CHECK(lease.size() == 36);
  // Without the lease, or with another, writes are fenced.
  IOStatus s = store->Put("lock", "intruder", PutOptions());
  CHECK(s.IsIOFenced());
  CHECK(s.http_status() == 412);
  CHECK(store
            ->PutWithLease("lock", ContractBytes(300, 1),
                           "00000000-0000-4000-8000-000000000000", PutOptions())
            .IsIOFenced());
  CHECK(store->Delete("lock").IsIOFenced());
  // A second acquirer loses.
  std::string other;
  CHECK(store->AcquireLease("lock", 15, &other).IsIOFenced());
  // The holder writes, small and in blocks; renews; acquires again.
  REQUIRE(store->PutWithLease("lock", "v1", lease, PutOptions()).ok());
  const std::string big = ContractBytes(300, 2);
  REQUIRE(store->PutWithLease("lock", big, lease, PutOptions()).ok());
  std::string got;
  REQUIRE(store->Get("lock", &got).ok());
  CHECK(got == big);
  REQUIRE(store->RenewLease("lock", lease).ok());
  std::string again = lease;
  REQUIRE(store->AcquireLease("lock", 15, &again).ok());  // a retried acquire
  CHECK(again == lease);
  CHECK(store->RenewLease("lock", "00000000-0000-4000-8000-000000000001")
            .IsIOFenced());
  // Change, release; then anyone may write.
  const std::string changed = "11111111-2222-4333-8444-555555555555";
  REQUIRE(store->ChangeLease("lock", lease, changed).ok());
  CHECK(store->PutWithLease("lock", "v2", lease, PutOptions()).IsIOFenced());
  REQUIRE(store->ReleaseLease("lock", changed).ok());
  REQUIRE(store->Put("lock", "free", PutOptions()).ok());
  // Break: immediately, then a new holder can acquire.
  lease.clear();
  REQUIRE(store->AcquireLease("lock", -1, &lease).ok());
  int remaining = -1;
  REQUIRE(store->BreakLease("lock", 0, &remaining).ok());
  CHECK(remaining == 0);
  CHECK(store->RenewLease("lock", lease).IsIOFenced());  // broken
  std::string next;
  REQUIRE(store->AcquireLease("lock", 15, &next).ok());
  CHECK(next != lease);
  REQUIRE(store->ReleaseLease("lock", next).ok());
  CHECK(store->AcquireLease("missing", 15, &next).IsNotFound());
}

TEST_CASE("azure store: copies, conditional block uploads, errors on Azurite") {
  SKYROCKS_TEST_NEED_AZURITE();
  AzureStoreOptions o = AzuriteOptions("cond");
  o.block_threshold = 1000;
  o.block_size = 256;
  o.upload_threads = 3;
  std::unique_ptr<AzureStore> store = AzuriteStore(o);
  const std::string big = ContractBytes(5000, 9);  // 20 blocks
  PutOptions create;
  create.if_none_match = true;
  ObjectMeta m1;
  const uint64_t puts_before = store->counts().puts;
  REQUIRE(store->Put("big", big, create, &m1).ok());
  CHECK(store->counts().puts - puts_before == 21);  // 20 blocks + the list
  CHECK(m1.size == 5000);
  IOStatus s =
      store->Put("big", big, create);  // exists: the block list is refused
  CHECK(s.IsIOFenced());
  CHECK(s.http_status() == 412);
  CHECK(s.provider_code() == "BlobAlreadyExists");
  CHECK(s.ToString().find("cond/big") != std::string::npos);
  PutOptions match;
  match.if_match_etag = m1.etag;
  ObjectMeta m2;
  const std::string big2 = ContractBytes(4000, 10);
  REQUIRE(store->Put("big", big2, match, &m2).ok());
  CHECK(m2.etag != m1.etag);
  s = store->Put("big", big, match);  // stale etag
  CHECK(s.IsIOFenced());
  CHECK(s.provider_code() == "ConditionNotMet");
  ObjectMeta head;
  REQUIRE(store->Head("big", &head).ok());
  CHECK(head.size == 4000);
  CHECK(head.etag == m2.etag);
  CHECK(head.mtime_micros > 0);
  // Copy of a block blob, under an awkward name; copy of a missing source.
  REQUIRE(store->Copy("big", "copy of/big+1").ok());
  std::string got;
  REQUIRE(store->Get("copy of/big+1", &got).ok());
  CHECK(got == big2);
  s = store->Copy("nope", "x");
  CHECK(s.IsNotFound());
  CHECK(s.ToString().find("nope") != std::string::npos);
  // A missing container is NotFound naming it, not "no such blob".
  AzureStoreOptions none = AzuriteOptions("no-such-container");
  std::unique_ptr<AzureStore> missing;
  REQUIRE(NewAzureStore(none, &missing).ok());
  s = missing->Get("k", &got);
  CHECK(s.IsNotFound());
  CHECK(s.ToString().find("no such container") != std::string::npos);
  CHECK(s.provider_code() == "ContainerNotFound");
  CHECK_FALSE(s.request_id().empty());
  // A bad container name: Azure's own error code and message.
  AzureStoreOptions bad = AzuriteOptions("c1");  // too short
  REQUIRE(NewAzureStore(bad, &missing).ok());
  s = missing->CreateContainerIfMissing();
  CHECK_FALSE(s.ok());
  CHECK(s.http_status() == 400);
  CHECK(s.ToString().find("c1") != std::string::npos);
}

}  // namespace ROCKSDB_NAMESPACE

// Against a fake transport: what goes on the wire and what comes back.
namespace ROCKSDB_NAMESPACE {

namespace {

class CannedAzureTransport : public HttpTransport {
 public:
  struct Answer {
    int status;  // 0: connection reset after sending
    std::map<std::string, std::string> headers;
    std::string body;
  };
  explicit CannedAzureTransport(std::vector<Answer> answers)
      : answers_(std::move(answers)) {}
  IOStatus Send(const HttpRequest& req, HttpResponse* resp) override {
    std::lock_guard<std::mutex> l(mu_);
    requests.push_back(req);
    const Answer a =
        next_ < answers_.size() ? answers_[next_++] : Answer{201, {}, ""};
    resp->request_sent = true;
    if (a.status == 0) {
      IOStatus s = IOStatus::IOError("connection reset by peer");
      s.SetRetryable(true);
      return s;
    }
    resp->status = a.status;
    resp->headers = a.headers;
    resp->body = a.body;
    return IOStatus::OK();
  }
  std::vector<HttpRequest> requests;

 private:
  std::mutex mu_;
  std::vector<Answer> answers_;
  size_t next_ = 0;
};

std::unique_ptr<AzureStore> CannedAzureStore(
    std::shared_ptr<CannedAzureTransport> t, const std::string& sas = "") {
  AzureStoreOptions o;
  o.container = "cont";
  o.account = "acct";
  if (sas.empty()) o.key = Base64Encode("k");
  o.sas = sas;
  o.transport = std::move(t);
  o.retry.sleep = [](uint64_t) {};
  o.retry.max_attempts = 4;
  o.now = [] { return int64_t{1764072000}; };
  std::unique_ptr<AzureStore> store;
  REQUIRE(NewAzureStore(o, &store).ok());
  return store;
}

}  // namespace

TEST_CASE("azure store: requests on the wire (fake transport)") {
  // SharedKey: signed, dated, versioned; default endpoint.
  auto t = std::make_shared<CannedAzureTransport>(
      std::vector<CannedAzureTransport::Answer>{
          {201, {{"etag", "\"0x1\""}}, ""}, {206, {}, "abc"}});
  auto store = CannedAzureStore(t);
  REQUIRE(store->Put("a b/c", "xyz", PutOptions()).ok());
  std::string got;
  REQUIRE(store->GetRange("a b/c", 1, 3, &got).ok());
  REQUIRE(t->requests.size() == 2);
  const HttpRequest& put = t->requests[0];
  CHECK(put.url == "https://acct.blob.core.windows.net/cont/a%20b/c");
  CHECK(put.headers.at("x-ms-blob-type") == "BlockBlob");
  CHECK(put.headers.at("x-ms-date") == "Tue, 25 Nov 2025 12:00:00 GMT");
  CHECK(put.headers.at("x-ms-version") == "2021-08-06");
  CHECK(put.headers.at("Content-MD5") == Md5Base64("xyz"));
  CHECK(put.headers.at("Authorization").rfind("SharedKey acct:", 0) == 0);
  CHECK(t->requests[1].headers.at("x-ms-range") == "bytes=1-3");

  // SAS: appended to every URL (the copy source too), nothing signed.
  t = std::make_shared<CannedAzureTransport>(
      std::vector<CannedAzureTransport::Answer>{
          {200,
           {},
           "<EnumerationResults><Blobs/><NextMarker/></EnumerationResults>"},
          {202, {{"x-ms-copy-status", "success"}}, ""}});
  store = CannedAzureStore(t, "?sv=2021-08-06&sig=S%2Bg");
  std::vector<ObjectMeta> objs;
  REQUIRE(store->List("p/q", &objs).ok());
  REQUIRE(store->Copy("s", "d").ok());
  REQUIRE(t->requests.size() == 2);
  CHECK(t->requests[0].url ==
        "https://acct.blob.core.windows.net/"
        "cont?restype=container&comp=list&prefix=p%2Fq"
        "&sv=2021-08-06&sig=S%2Bg");
  CHECK(t->requests[0].headers.count("Authorization") == 0);
  CHECK(t->requests[1].url ==
        "https://acct.blob.core.windows.net/cont/d?sv=2021-08-06&sig=S%2Bg");
  CHECK(t->requests[1].headers.at("x-ms-copy-source") ==
        "https://acct.blob.core.windows.net/cont/s?sv=2021-08-06&sig=S%2Bg");

  // Every request is counted, by kind: a container's creation and a lease
  // call are PUTs, a lost answer retried is still one request.
  t = std::make_shared<CannedAzureTransport>(
      std::vector<CannedAzureTransport::Answer>{
          {201, {}, ""},
          {201, {{"x-ms-lease-id", "L"}}, ""},
          {0, {}, ""},
          {200, {}, ""}});
  store = CannedAzureStore(t);
  REQUIRE(store->CreateBucketIfMissing("").ok());
  std::string lease;
  REQUIRE(store->AcquireLease("k", 15, &lease).ok());
  CHECK(lease == "L");
  REQUIRE(store->RenewLease("k", lease).ok());
  REQUIRE(t->requests.size() == 4);
  CHECK(store->counts().puts == 3);
  CHECK(CountedRequests(store->counts()) == 3);
}

TEST_CASE("azure store: a pending copy is polled, bounded (fake transport)") {
  using A = CannedAzureTransport::Answer;
  auto t = std::make_shared<CannedAzureTransport>(
      std::vector<A>{{202, {{"x-ms-copy-status", "pending"}}, ""},
                     {200, {{"x-ms-copy-status", "pending"}}, ""},
                     {200, {{"x-ms-copy-status", "success"}}, ""}});
  auto store = CannedAzureStore(t);
  REQUIRE(store->Copy("s", "d").ok());
  REQUIRE(t->requests.size() == 3);
  CHECK(t->requests[1].method == "HEAD");
  CHECK(store->counts().heads == 2);

  t = std::make_shared<CannedAzureTransport>(
      std::vector<A>{{202, {{"x-ms-copy-status", "pending"}}, ""},
                     {200,
                      {{"x-ms-copy-status", "failed"},
                       {"x-ms-copy-status-description", "500 InternalError"}},
                      ""}});
  store = CannedAzureStore(t);
  IOStatus s = store->Copy("s", "d");
  CHECK(s.IsIOError());
  CHECK(s.ToString().find("failed") != std::string::npos);

  std::vector<A> forever(1000, A{200, {{"x-ms-copy-status", "pending"}}, ""});
  forever[0] = A{202, {{"x-ms-copy-status", "pending"}}, ""};
  t = std::make_shared<CannedAzureTransport>(forever);
  store = CannedAzureStore(t);  // waits 60 s in 200 ms polls (sleep faked)
  s = store->Copy("s", "d");
  CHECK(s.IsTimedOut());
  CHECK(t->requests.size() == 301);
}

TEST_CASE(
    "azure store: faults — retried when safe, a lost create answer resolved by "
    "Head") {
  using A = CannedAzureTransport::Answer;
  const std::string busy =
      "<Error><Code>ServerBusy</Code><Message>busy\nRequestId:1</Message></"
      "Error>";
  {
    auto t = std::make_shared<CannedAzureTransport>(
        std::vector<A>{{503, {}, busy}, {500, {}, ""}, {200, {}, "data"}});
    auto store = CannedAzureStore(t);
    std::string got;
    REQUIRE(store->Get("k", &got).ok());
    CHECK(got == "data");
    CHECK(t->requests.size() == 3);
  }
  {
    // Out of attempts: the error has the code, the message's first line and
    // the request id.
    auto t = std::make_shared<CannedAzureTransport>(
        std::vector<A>(4, A{503, {{"x-ms-request-id", "req-7"}}, busy}));
    auto store = CannedAzureStore(t);
    std::string got;
    IOStatus s = store->Get("k", &got);
    CHECK(s.http_status() == 503);
    CHECK(s.provider_code() == "ServerBusy");
    CHECK(s.request_id() == "req-7");
    CHECK(s.GetRetryable());
    CHECK(s.ToString().find("ServerBusy: busy") != std::string::npos);
    CHECK(s.ToString().find("RequestId:1") == std::string::npos);
  }
  PutOptions create;
  create.if_none_match = true;
  {
    // Lost answer, then Head finds our bytes (same MD5): we won.
    auto t = std::make_shared<CannedAzureTransport>(
        std::vector<A>{{0, {}, ""},
                       {200,
                        {{"content-md5", Md5Base64("mine")},
                         {"etag", "\"0x5\""},
                         {"content-length", "4"}},
                        ""}});
    auto store = CannedAzureStore(t);
    ObjectMeta meta;
    REQUIRE(store->Put("CLOUDMANIFEST", "mine", create, &meta).ok());
    CHECK(meta.etag == "0x5");
    REQUIRE(t->requests.size() == 2);
    CHECK(t->requests[0].headers.at("If-None-Match") == "*");
    CHECK(t->requests[1].method == "HEAD");
  }
  {
    // Someone else's bytes: fenced.
    auto t = std::make_shared<CannedAzureTransport>(std::vector<A>{
        {0, {}, ""}, {200, {{"content-md5", Md5Base64("theirs")}}, ""}});
    auto store = CannedAzureStore(t);
    CHECK(store->Put("CLOUDMANIFEST", "mine", create).IsIOFenced());
  }
  {
    // Absent: still ambiguous, said so.
    auto t = std::make_shared<CannedAzureTransport>(std::vector<A>{
        {0, {}, ""}, {404, {{"x-ms-error-code", "BlobNotFound"}}, ""}});
    auto store = CannedAzureStore(t);
    IOStatus s = store->Put("CLOUDMANIFEST", "mine", create);
    CHECK_FALSE(s.ok());
    CHECK_FALSE(s.IsIOFenced());
    CHECK(s.ToString().find("outcome unknown") != std::string::npos);
  }
  {
    // A block upload stops at a failed block and never commits.
    AzureStoreOptions o;
    o.container = "cont";
    o.account = "acct";
    o.key = Base64Encode("k");
    o.block_threshold = 10;
    o.block_size = 4;
    o.upload_threads = 1;
    auto t = std::make_shared<CannedAzureTransport>(std::vector<A>{
        {201, {}, ""}, {400, {{"x-ms-error-code", "Md5Mismatch"}}, ""}});
    o.transport = t;
    std::unique_ptr<ObjectStore> store;
    REQUIRE(NewAzureStore(o, &store).ok());
    IOStatus s = store->Put("k", "0123456789abcdef", PutOptions());
    CHECK(s.ToString().find("Md5Mismatch") != std::string::npos);
    CHECK(t->requests.size() == 2);
    CHECK(t->requests[0].url.find("comp=block&blockid=") != std::string::npos);
  }
}

TEST_CASE(
    "azure store: configuration from options, connection strings, "
    "environment") {
  auto t = std::make_shared<CannedAzureTransport>(
      std::vector<CannedAzureTransport::Answer>{});
  AzureStoreOptions o;
  o.transport = t;
  std::unique_ptr<ObjectStore> store;
  CHECK(NewAzureStore(o, &store).IsInvalidArgument());  // no container
  o.container = "c-1";
  unsetenv("AZURE_STORAGE_CONNECTION_STRING");
  unsetenv("AZURE_STORAGE_ACCOUNT");
  unsetenv("AZURE_STORAGE_KEY");
  unsetenv("AZURE_STORAGE_SAS_TOKEN");
  IOStatus s = NewAzureStore(o, &store);
  CHECK(s.IsInvalidArgument());
  CHECK(s.ToString().find("AZURE_STORAGE_ACCOUNT") != std::string::npos);

  // A key that is not base64: named by account, never shown.
  o.account = "acct";
  o.key = "not*base64*secret";
  s = NewAzureStore(o, &store);
  CHECK(s.IsInvalidArgument());
  CHECK(s.ToString().find("acct") != std::string::npos);
  CHECK(s.ToString().find("secret") == std::string::npos);

  // Development storage by connection string (the options' own).
  o = AzureStoreOptions();
  o.container = "c-1";
  o.transport = t;
  o.connection_string = "UseDevelopmentStorage=true";
  REQUIRE(NewAzureStore(o, &store).ok());
  std::string got;
  CHECK_FALSE(store->Get("k", &got).ok());  // canned 201
  CHECK(t->requests.back().url ==
        "http://127.0.0.1:10000/devstoreaccount1/c-1/k");
  CHECK(t->requests.back()
            .headers.at("Authorization")
            .rfind("SharedKey devstoreaccount1:", 0) == 0);

  // The environment: connection string first, then the single variables.
  o.connection_string.clear();
  setenv("AZURE_STORAGE_CONNECTION_STRING",
         "BlobEndpoint=https://example.test/"
         "acct2;SharedAccessSignature=sv=1&sig=zz",
         1);
  REQUIRE(NewAzureStore(o, &store).ok());
  CHECK_FALSE(store->Get("k", &got).ok());
  CHECK(t->requests.back().url ==
        "https://example.test/acct2/c-1/k?sv=1&sig=zz");
  CHECK(t->requests.back().headers.count("Authorization") == 0);
  unsetenv("AZURE_STORAGE_CONNECTION_STRING");
  setenv("AZURE_STORAGE_ACCOUNT", "envacct", 1);
  setenv("AZURE_STORAGE_KEY", Base64Encode("envkey").c_str(), 1);
  REQUIRE(NewAzureStore(o, &store).ok());
  CHECK_FALSE(store->Get("k", &got).ok());
  CHECK(t->requests.back().url ==
        "https://envacct.blob.core.windows.net/c-1/k");
  CHECK(t->requests.back()
            .headers.at("Authorization")
            .rfind("SharedKey envacct:", 0) == 0);
  // A SAS for an endpoint alone: errors still name the account (from the
  // host), never the signature.
  unsetenv("AZURE_STORAGE_ACCOUNT");
  unsetenv("AZURE_STORAGE_KEY");
  {
    AzureStoreOptions sas_only;
    sas_only.container = "c-1";
    sas_only.endpoint = "https://hostacct.blob.core.windows.net/";
    sas_only.sas = "sv=2021-08-06&sig=SECRETSIGNATURE%3D";
    auto denied = std::make_shared<CannedAzureTransport>(
        std::vector<CannedAzureTransport::Answer>{
            {403,
             {{"x-ms-error-code", "AuthenticationFailed"}},
             "<Error><Code>AuthenticationFailed</Code><Message>Signature "
             "SECRETSIGNATURE= did not match</Message></Error>"}});
    sas_only.transport = denied;
    REQUIRE(NewAzureStore(sas_only, &store).ok());
    s = store->Get("k", &got);
    CHECK(s.http_status() == 403);
    CHECK(s.ToString().find("account hostacct") != std::string::npos);
    CHECK(s.ToString().find("SECRETSIGNATURE") == std::string::npos);
    CHECK(denied->requests.back().url ==
          "https://hostacct.blob.core.windows.net/c-1/"
          "k?sv=2021-08-06&sig=SECRETSIGNATURE%3D");
  }
  setenv("AZURE_STORAGE_ACCOUNT", "envacct", 1);
  setenv("AZURE_STORAGE_KEY", Base64Encode("envkey").c_str(), 1);
  // Explicit options win over the environment.
  o.endpoint = "http://127.0.0.1:9/x";
  o.sas = "sv=2&sig=yy";
  REQUIRE(NewAzureStore(o, &store).ok());
  CHECK_FALSE(store->Get("k", &got).ok());
  CHECK(t->requests.back().url == "http://127.0.0.1:9/x/c-1/k?sv=2&sig=yy");
  unsetenv("AZURE_STORAGE_ACCOUNT");
  unsetenv("AZURE_STORAGE_KEY");
  o.endpoint = "127.0.0.1:9";
  s = NewAzureStore(o, &store);
  CHECK(s.IsInvalidArgument());
  CHECK(s.ToString().find("scheme") != std::string::npos);
}

TEST_CASE("azure store: DBCloud on Azurite (reopen from the container, clone)") {
  SKYROCKS_TEST_NEED_AZURITE();
  // The dev account through the environment, as a user would configure it.
  setenv("AZURE_STORAGE_CONNECTION_STRING", "UseDevelopmentStorage=true", 1);
  std::shared_ptr<AzureStore> raw = AzuriteStore(AzuriteOptions("skyrocks-db"));
  skyrocks_test::CloudTestStore t;
  t.bucket = "skyrocks-db";
  t.make_fs = [](const CloudFileSystemOptions& co, CloudFileSystem** out) {
    CloudFileSystemOptions o = co;
    o.endpoint_override = SharedAzurite()->endpoint();
    return CloudFileSystemEnv::NewAzureFileSystem(FileSystem::Default(), o, nullptr, out);
  };
  t.list = [raw](const std::string& prefix) {
    std::vector<ObjectMeta> objects;
    std::vector<std::string> keys;
    if (raw->List(prefix, &objects).ok()) {
      for (const auto& m : objects) keys.push_back(m.key);
    }
    return keys;
  };
  t.get = [raw](const std::string& k, std::string* d) { return raw->Get(k, d).ok(); };
  t.put = [raw](const std::string& k, const std::string& d) {
    return raw->Put(k, d, PutOptions()).ok();
  };
  t.del = [raw](const std::string& k) { return raw->Delete(k).ok(); };
  skyrocks_test::ScenarioReopenFromBucket(t, false);
  skyrocks_test::ScenarioClone(t);
  skyrocks_test::ScenarioCloneSurvivesSourceCleanup(t);
  skyrocks_test::ScenarioGcWithClones(t);
  skyrocks_test::ScenarioGcKeepsRunningWriter(t);
  skyrocks_test::ScenarioDeletionAfterRestart(t);
}

namespace {

// The fencing scenarios' store: DBs through NewAzureFileSystem with the
// dev account from the environment (as a user configures it; each test case
// unsets the variable at its end), container "skyrocks-fence".
skyrocks_test::CloudTestStore AzuriteFencingStore() {
  setenv("AZURE_STORAGE_CONNECTION_STRING", "UseDevelopmentStorage=true", 1);
  std::shared_ptr<ObjectStore> inspect =
      AzuriteStore(AzuriteOptions("skyrocks-fence"));
  skyrocks_test::CloudTestStore store =
      ObjectStoreCloudStore("skyrocks-fence", inspect, inspect, "azure");
  store.make_fs = [](const CloudFileSystemOptions& co, CloudFileSystem** out) {
    CloudFileSystemOptions o = co;
    o.endpoint_override = SharedAzurite()->endpoint();
    return CloudFileSystemEnv::NewAzureFileSystem(FileSystem::Default(), o,
                                                  nullptr, out);
  };
  return store;
}

}  // namespace

TEST_CASE(
    "azure store: writer fencing on Azurite: writer A busy across B's open") {
  SKYROCKS_TEST_NEED_AZURITE();
  const skyrocks_test::CloudTestStore store = AzuriteFencingStore();
  skyrocks_test::ScenarioTwoWriters(store, false);
  unsetenv("AZURE_STORAGE_CONNECTION_STRING");
}

TEST_CASE(
    "azure store: writer fencing on Azurite: writer A idle across B's open, "
    "then writing") {
  SKYROCKS_TEST_NEED_AZURITE();
  const skyrocks_test::CloudTestStore store = AzuriteFencingStore();
  skyrocks_test::ScenarioTwoWriters(store, true);
  unsetenv("AZURE_STORAGE_CONNECTION_STRING");
}

TEST_CASE(
    "azure store: writer fencing on Azurite: read-only opens and clones fence "
    "nobody") {
  SKYROCKS_TEST_NEED_AZURITE();
  const skyrocks_test::CloudTestStore store = AzuriteFencingStore();
  skyrocks_test::ScenarioReadersDoNotFence(store);
  unsetenv("AZURE_STORAGE_CONNECTION_STRING");
}

}  // namespace ROCKSDB_NAMESPACE

#undef SKYROCKS_TEST_NEED_AZURITE
