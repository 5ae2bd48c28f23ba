// An in-process HttpTransport that answers like Google Cloud Storage's JSON
// API does (per GCS's documentation), for what the firebase emulator gets
// wrong or cannot show: ifGenerationMatch / ifGenerationNotMatch checked
// atomically (412 conditionNotMet), chunked resumable uploads (308 Resume
// Incomplete with a Range header, chunks other than the last a multiple of
// 256 KiB, a session status query "Content-Range: bytes */N"), 416 for a
// range past the end, opaque list page tokens with maxResults counting
// items and prefixes, rewrite in several calls with a rewriteToken, bearer
// token checks (401), and injected faults: a chunk whose connection drops
// after the server persisted part of it, scripted error answers.
// Thread-safe (one mutex), so the contract's 20-writer race runs on it.
#ifndef SKYROCKS_TESTS_UNIT_CLOUD_FAKE_GCS_TRANSPORT_H_
#define SKYROCKS_TESTS_UNIT_CLOUD_FAKE_GCS_TRANSPORT_H_

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "cloud/http.h"
#include "cloud/json.h"
#include "util/crc32c.h"
#include "util/crypto.h"

namespace ROCKSDB_NAMESPACE {

class FakeGcsTransport : public HttpTransport {
 public:
  static constexpr const char* kEndpoint = "http://fake-gcs.test";

  struct Scripted {
    int status;
    std::string body;
  };

  // --- configuration and observations (set before use / read after) ---
  std::string required_token;    // non-empty: "Bearer <it>" or 401
  int rewrite_calls_needed = 1;  // rewrite answers done:false before this
  // Chunk PUT numbers (0-based, across sessions) whose connection drops
  // after the server persisted `drop_persist` bytes of them.
  std::set<int> drop_chunks;
  size_t drop_persist = 256 << 10;
  bool corrupt_reads = false;  // flip a byte of every media download
  // Object names whose media upload is stored and then its connection
  // drops (the client cannot know it succeeded).
  std::set<std::string> drop_after_insert;
  // Answers given, in order, instead of serving the next requests (status
  // -1: serve that request normally; 0: the connection drops).
  std::vector<Scripted> scripted;

  std::vector<std::string> Requests() {
    std::lock_guard<std::mutex> l(mu_);
    return log_;
  }
  std::vector<std::string> Authorizations() {
    std::lock_guard<std::mutex> l(mu_);
    return auths_;
  }
  int chunk_puts() {
    std::lock_guard<std::mutex> l(mu_);
    return chunk_puts_;
  }
  int status_queries() {
    std::lock_guard<std::mutex> l(mu_);
    return status_queries_;
  }
  bool HasObject(const std::string& name, std::string* data) {
    std::lock_guard<std::mutex> l(mu_);
    auto it = objects_.find(name);
    if (it == objects_.end()) return false;
    *data = it->second.data;
    return true;
  }

  IOStatus Send(const HttpRequest& req, HttpResponse* resp) override {
    std::lock_guard<std::mutex> l(mu_);
    resp->request_sent = true;
    resp->headers["x-guploader-uploadid"] =
        "fake-upload-" + std::to_string(++request_counter_);
    auto h = req.headers.find("Authorization");
    const std::string auth = h == req.headers.end() ? "" : h->second;
    auths_.push_back(auth);
    std::string path, query_text;
    if (req.url.rfind(kEndpoint, 0) != 0)
      return Answer(resp, 400, Err(400, "invalid", "bad host"));
    const std::string rest = req.url.substr(strlen(kEndpoint));
    const size_t q = rest.find('?');
    path = rest.substr(0, q);
    query_text = q == std::string::npos ? "" : rest.substr(q + 1);
    log_.push_back(req.method + " " + path +
                   (query_text.empty() ? "" : "?" + query_text));
    if (!scripted.empty() && scripted.front().status == -1) {
      scripted.erase(scripted.begin());  // -1: serve this one normally
    } else if (!scripted.empty()) {
      Scripted s = scripted.front();
      scripted.erase(scripted.begin());
      if (s.status == 0) {
        IOStatus e = IOStatus::IOError("connection reset by peer (fake)");
        e.SetRetryable(true);
        return e;
      }
      return Answer(resp, s.status, s.body);
    }
    if (!required_token.empty() && auth != "Bearer " + required_token) {
      return Answer(resp, 401, Err(401, "authError", "Invalid Credentials"));
    }
    std::map<std::string, std::string> query = ParseQuery(query_text);
    std::vector<std::string> seg = Split(path);
    // /upload/storage/v1/b/B/o
    if (seg.size() == 6 && seg[0] == "upload" && seg[5] == "o") {
      if (req.method == "POST" && query["uploadType"] == "media")
        return Insert(query, req.body, resp);
      if (req.method == "POST" && query["uploadType"] == "resumable")
        return StartSession(query, resp);
      if (req.method == "PUT" && query.count("upload_id"))
        return Chunk(query["upload_id"], req, resp);
      return Answer(resp, 400, Err(400, "invalid", "bad upload request"));
    }
    if (seg.size() >= 4 && seg[0] == "storage" && seg[1] == "v1" &&
        seg[2] == "b") {
      if (seg.size() == 5 && seg[4] == "o" && req.method == "GET")
        return List(query, resp);
      if (seg.size() == 6 && seg[4] == "o") {
        const std::string name = seg[5];
        if (req.method == "GET" && query["alt"] == "media")
          return Media(name, req, resp);
        if (req.method == "GET") return MetaOf(name, resp);
        if (req.method == "DELETE") {
          if (objects_.erase(name) == 0)
            return Answer(resp, 404,
                          Err(404, "notFound", "No such object: b/" + name));
          return Answer(resp, 204, "");
        }
      }
      if (seg.size() == 11 && seg[6] == "rewriteTo" && req.method == "POST")
        return Rewrite(seg[5], seg[10], query, resp);
    }
    return Answer(resp, 501, Err(501, "notImplemented", "not in the fake"));
  }

 private:
  struct Obj {
    std::string data;
    int64_t generation;
    time_t updated = 0;  // when written, as GCS's "updated"
  };
  struct Session {
    std::string name;
    std::map<std::string, std::string> query;
    uint64_t total = 0;
    std::string received;
    bool done = false;
    std::string final_body;
  };

  static std::string Err(int code, const std::string& reason,
                         const std::string& message) {
    return "{\"error\":{\"code\":" + std::to_string(code) +
           ",\"message\":" + JsonQuote(message) +
           ",\"errors\":[{\"domain\":\"global\",\"reason\":\"" + reason +
           "\",\"message\":" + JsonQuote(message) + "}]}}";
  }
  static IOStatus Answer(HttpResponse* resp, int status,
                         const std::string& body) {
    resp->status = status;
    resp->body = body;
    return IOStatus::OK();
  }
  static std::string Decode(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); i++) {
      if (s[i] == '%' && i + 2 < s.size()) {
        out.push_back(
            static_cast<char>(strtol(s.substr(i + 1, 2).c_str(), nullptr, 16)));
        i += 2;
      } else if (s[i] == '+') {
        out.push_back('+');  // GCS paths: '+' is itself
      } else {
        out.push_back(s[i]);
      }
    }
    return out;
  }
  static std::vector<std::string> Split(const std::string& path) {
    std::vector<std::string> out;
    size_t start = 1;
    while (start <= path.size()) {
      size_t slash = path.find('/', start);
      if (slash == std::string::npos) slash = path.size();
      out.push_back(Decode(path.substr(start, slash - start)));
      start = slash + 1;
    }
    return out;
  }
  static std::map<std::string, std::string> ParseQuery(const std::string& q) {
    std::map<std::string, std::string> out;
    size_t start = 0;
    while (start < q.size()) {
      size_t amp = q.find('&', start);
      if (amp == std::string::npos) amp = q.size();
      const std::string kv = q.substr(start, amp - start);
      const size_t eq = kv.find('=');
      out[Decode(kv.substr(0, eq))] =
          eq == std::string::npos ? "" : Decode(kv.substr(eq + 1));
      start = amp + 1;
    }
    return out;
  }

  // The generation preconditions of a request against the current object.
  bool ConditionsHold(const std::string& name,
                      std::map<std::string, std::string>& query) {
    auto it = objects_.find(name);
    const int64_t current = it == objects_.end() ? 0 : it->second.generation;
    if (query.count("ifGenerationMatch") &&
        std::stoll(query["ifGenerationMatch"]) != current)
      return false;
    if (query.count("ifGenerationNotMatch") &&
        std::stoll(query["ifGenerationNotMatch"]) == current)
      return false;
    return true;
  }
  static std::string Crc(const std::string& data) {
    const uint32_t c = crc32c::Value(data.data(), data.size());
    const char be[4] = {static_cast<char>(c >> 24), static_cast<char>(c >> 16),
                        static_cast<char>(c >> 8), static_cast<char>(c)};
    return Base64Encode(Slice(be, 4));
  }
  static std::string Rfc3339(time_t t) {
    struct tm tm;
    gmtime_r(&t, &tm);
    char buf[40];
    strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S.000Z", &tm);
    return buf;
  }
  std::string MetaJson(const std::string& name, const Obj& o) {
    return "{\"kind\":\"storage#object\",\"name\":" + JsonQuote(name) +
           ",\"bucket\":\"b\",\"generation\":\"" +
           std::to_string(o.generation) +
           "\",\"metageneration\":\"1\",\"size\":\"" +
           std::to_string(o.data.size()) + "\",\"md5Hash\":\"" +
           Md5Base64(o.data) + "\",\"crc32c\":\"" + Crc(o.data) +
           "\",\"updated\":\"" + Rfc3339(o.updated) + "\"}";
  }
  IOStatus Store(const std::string& name, std::string data,
                 HttpResponse* resp) {
    Obj& o = objects_[name];
    o.data = std::move(data);
    o.generation = ++generation_;
    o.updated = time(nullptr);
    return Answer(resp, 200, MetaJson(name, o));
  }
  IOStatus Fenced(HttpResponse* resp) {
    return Answer(
        resp, 412,
        Err(412, "conditionNotMet",
            "At least one of the pre-conditions you specified did not hold."));
  }
  IOStatus Insert(std::map<std::string, std::string>& query,
                  const std::string& body, HttpResponse* resp) {
    const std::string name = query["name"];
    if (!ConditionsHold(name, query)) return Fenced(resp);
    IOStatus st = Store(name, body, resp);
    if (drop_after_insert.erase(name) > 0) {
      IOStatus e =
          IOStatus::IOError("connection reset by peer (fake, after storing)");
      e.SetRetryable(true);
      return e;
    }
    return st;
  }
  IOStatus StartSession(std::map<std::string, std::string>& query,
                        HttpResponse* resp) {
    if (!ConditionsHold(query["name"], query)) return Fenced(resp);
    const std::string id = "s" + std::to_string(sessions_.size() + 1);
    Session& s = sessions_[id];
    s.name = query["name"];
    s.query = query;
    s.total = ~uint64_t{0};
    resp->headers["location"] =
        std::string(kEndpoint) +
        "/upload/storage/v1/b/b/o?uploadType=resumable&upload_id=" + id;
    return Answer(resp, 200, "");
  }
  IOStatus Incomplete(const Session& s, HttpResponse* resp) {
    if (!s.received.empty())
      resp->headers["range"] =
          "bytes=0-" + std::to_string(s.received.size() - 1);
    return Answer(resp, 308, "");
  }
  IOStatus Chunk(const std::string& id, const HttpRequest& req,
                 HttpResponse* resp) {
    auto it = sessions_.find(id);
    if (it == sessions_.end())
      return Answer(resp, 404, Err(404, "notFound", "No such upload session"));
    Session& s = it->second;
    auto cr = req.headers.find("Content-Range");
    if (cr == req.headers.end())
      return Answer(resp, 400, Err(400, "invalid", "no Content-Range"));
    const std::string range = cr->second;
    if (range.rfind("bytes */", 0) == 0) {  // status query
      status_queries_++;
      if (s.done) return Answer(resp, 200, s.final_body);
      return Incomplete(s, resp);
    }
    if (s.done) return Answer(resp, 200, s.final_body);
    unsigned long long first = 0, last = 0, total = 0;
    if (sscanf(range.c_str(), "bytes %llu-%llu/%llu", &first, &last, &total) !=
            3 ||
        last < first || last - first + 1 != req.body.size()) {
      return Answer(resp, 400,
                    Err(400, "invalid", "bad Content-Range " + range));
    }
    if (first != s.received.size()) {
      return Answer(
          resp, 400,
          Err(400, "invalid", "chunk does not start at the persisted offset"));
    }
    const bool last_chunk = last + 1 == total;
    if (!last_chunk && req.body.size() % (256 << 10) != 0) {
      return Answer(resp, 400,
                    Err(400, "invalid", "chunk is not a multiple of 256 KiB"));
    }
    const int number = chunk_puts_++;
    if (drop_chunks.count(number)) {
      s.received += req.body.substr(0, std::min(drop_persist, req.body.size()));
      IOStatus e =
          IOStatus::IOError("connection reset by peer (fake, mid-chunk)");
      e.SetRetryable(true);
      return e;
    }
    s.received += req.body;
    if (!last_chunk) return Incomplete(s, resp);
    if (!ConditionsHold(s.name, s.query)) {
      sessions_.erase(it);
      return Fenced(resp);
    }
    s.done = true;
    IOStatus st = Store(s.name, s.received, resp);
    s.final_body = resp->body;
    s.received.clear();
    return st;
  }
  IOStatus Media(const std::string& name, const HttpRequest& req,
                 HttpResponse* resp) {
    auto it = objects_.find(name);
    if (it == objects_.end())
      return Answer(resp, 404, "No such object: b/" + name);
    const std::string& data = it->second.data;
    resp->headers["x-goog-hash"] =
        "crc32c=" + Crc(data) + ",md5=" + Md5Base64(data);
    resp->headers["x-goog-generation"] = std::to_string(it->second.generation);
    if (corrupt_reads && !data.empty()) {
      std::string bad = data;
      bad[bad.size() / 2] ^= 1;
      return Answer(resp, 200, bad);
    }
    auto r = req.headers.find("Range");
    if (r == req.headers.end()) {
      if (req.body_sink) {
        req.body_sink(data.data(), data.size());
        return Answer(resp, 200, "");
      }
      return Answer(resp, 200, data);
    }
    unsigned long long first = 0, last = 0;
    if (sscanf(r->second.c_str(), "bytes=%llu-%llu", &first, &last) != 2)
      return Answer(resp, 400, "");
    if (first >= data.size())
      return Answer(resp, 416, Err(416, "invalid", "range not satisfiable"));
    last = std::min<unsigned long long>(last, data.size() - 1);
    return Answer(resp, 206, data.substr(first, last - first + 1));
  }
  IOStatus MetaOf(const std::string& name, HttpResponse* resp) {
    auto it = objects_.find(name);
    if (it == objects_.end())
      return Answer(resp, 404,
                    Err(404, "notFound", "No such object: b/" + name));
    return Answer(resp, 200, MetaJson(name, it->second));
  }
  IOStatus List(std::map<std::string, std::string>& query, HttpResponse* resp) {
    const std::string prefix = query["prefix"], delim = query["delimiter"];
    const size_t max_results =
        query.count("maxResults") ? std::stoul(query["maxResults"]) : 1000;
    std::string after;  // page token: "pt:" + the last name or prefix given
    if (query.count("pageToken")) {
      if (query["pageToken"].rfind("pt:", 0) != 0)
        return Answer(resp, 400, Err(400, "invalid", "bad pageToken"));
      after = query["pageToken"].substr(3);
    }
    std::vector<std::pair<std::string, const Obj*>> entries;  // null: a prefix
    std::string last_prefix;
    for (auto& kv : objects_) {
      if (kv.first.compare(0, prefix.size(), prefix) != 0) continue;
      if (!delim.empty()) {
        const size_t d = kv.first.find(delim, prefix.size());
        if (d != std::string::npos) {
          const std::string p = kv.first.substr(0, d + delim.size());
          if (p != last_prefix) entries.emplace_back(p, nullptr);
          last_prefix = p;
          continue;
        }
      }
      entries.emplace_back(kv.first, &kv.second);
    }
    std::string items, prefixes, next;
    size_t n = 0;
    for (auto& e : entries) {
      if (!after.empty() && e.first <= after) continue;
      if (n == max_results) {
        next = "pt:" + after;
        break;
      }
      n++;
      after = e.first;
      if (e.second == nullptr) {
        prefixes += (prefixes.empty() ? "" : ",") + JsonQuote(e.first);
      } else {
        items += (items.empty() ? "" : ",") + MetaJson(e.first, *e.second);
      }
    }
    std::string body = "{\"kind\":\"storage#objects\"";
    if (!items.empty()) body += ",\"items\":[" + items + "]";
    if (!prefixes.empty()) body += ",\"prefixes\":[" + prefixes + "]";
    if (!next.empty()) body += ",\"nextPageToken\":" + JsonQuote(next);
    return Answer(resp, 200, body + "}");
  }
  IOStatus Rewrite(const std::string& src, const std::string& dst,
                   std::map<std::string, std::string>& query,
                   HttpResponse* resp) {
    auto it = objects_.find(src);
    if (it == objects_.end())
      return Answer(resp, 404,
                    Err(404, "notFound", "No such object: b/" + src));
    const int call = query.count("rewriteToken")
                         ? std::stoi(query["rewriteToken"].substr(3)) + 1
                         : 1;
    if (query.count("rewriteToken") &&
        query["rewriteToken"].rfind("rw-", 0) != 0) {
      return Answer(resp, 400, Err(400, "invalid", "bad rewriteToken"));
    }
    if (call < rewrite_calls_needed) {
      return Answer(resp, 200,
                    "{\"kind\":\"storage#rewriteResponse\",\"done\":false,"
                    "\"rewriteToken\":\"rw-" +
                        std::to_string(call) + "\"}");
    }
    std::string data = it->second.data;
    Store(dst, data, resp).PermitUncheckedError();
    return Answer(
        resp, 200,
        "{\"kind\":\"storage#rewriteResponse\",\"done\":true,\"resource\":" +
            resp->body + "}");
  }

  std::mutex mu_;
  std::map<std::string, Obj> objects_;
  std::map<std::string, Session> sessions_;
  int64_t generation_ = 1700000000000000;
  uint64_t request_counter_ = 0;
  int chunk_puts_ = 0;
  int status_queries_ = 0;
  std::vector<std::string> log_;
  std::vector<std::string> auths_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_TESTS_UNIT_CLOUD_FAKE_GCS_TRANSPORT_H_
