// GCS's answers: a GCS store (fixed token) whose transport plays answers
// cut from the input (status, headers, JSON bodies: object metadata,
// listings, rewrite progress, error bodies) to calls chosen by the input;
// and the JSON reader on the first chunk, whose accessors are exercised on
// what it accepts.
#include "cloud/gcs_store.h"
#include "cloud/json.h"
#include "fuzz/harnesses.h"

namespace skyrocks_fuzz {

namespace {

void GcsFuzzWalk(const rocksdb::JsonValue& v, int depth) {
  FuzzCheck(depth <= rocksdb::kJsonMaxDepth + 1, "JSON depth bound");
  uint64_t n = 0;
  (void)v.AsUint64(&n);
  (void)v.boolean();
  (void)v.StringMember("name");
  (void)v.Find("items");
  if (v.is_object()) {
    FuzzCheck(v.keys().size() == v.items().size(), "object keys and values");
  }
  for (const rocksdb::JsonValue& item : v.items()) GcsFuzzWalk(item, depth + 1);
}

}  // namespace

int FuzzGcsAnswer(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  const std::string json = in.Chunk(2);
  rocksdb::JsonValue value;
  std::string error;
  if (rocksdb::JsonParse(json, &value, &error)) {
    GcsFuzzWalk(value, 0);
    // What parses, quoted as a string, parses back to that string.
    rocksdb::JsonValue quoted;
    FuzzCheck(rocksdb::JsonParse(rocksdb::JsonQuote(json), &quoted) &&
                  quoted.is_string() && quoted.text() == json,
              "JsonQuote round trip");
  }

  auto transport = std::make_shared<ScriptedTransport>(&in);
  rocksdb::GcsStoreOptions o;
  o.bucket = "fuzz-bucket";
  o.endpoint = "http://127.0.0.1:1";
  o.token = "fuzz-token";
  o.transport = transport;
  o.retry = FuzzRetryOptions();
  o.list_page_size = 2;
  o.now = [] { return int64_t{1764072000}; };
  std::unique_ptr<rocksdb::ObjectStore> store;
  FuzzCheck(rocksdb::NewGcsStore(o, &store).ok(), "NewGcsStore");
  FuzzStoreOps(store.get(), &in);
  return 0;
}

}  // namespace skyrocks_fuzz

SKYROCKS_FUZZ_ENTRY(FuzzGcsAnswer)
