// CLONE_SOURCES, the chain of buckets a clone reads through (one line per
// ancestor: bucket, TAB, object path, TAB, region), as fetched from the
// source bucket when a cloud file system loads (PreloadCloudManifest). The
// buckets live in memory: every bucket name maps to one in-memory store
// that holds a valid CLOUDMANIFEST and MANIFEST for the source, so loading
// reaches the chain. Input: one flags byte (bit 0: also a destination
// bucket, which then gets its own CLONE_SOURCES written), the rest the
// object. Then a file is looked up along the chain.
#include <map>
#include <mutex>

#include "cloud/cloud_file_system_impl.h"
#include "cloud/cloud_manifest.h"
#include "fuzz/harnesses.h"

namespace skyrocks_fuzz {

namespace {

// Objects in a map; enough of ObjectStore for the cloud file system.
class CloneSourcesFuzzStore : public rocksdb::ObjectStore {
 public:
  const char* Name() const override { return "fuzz-memory"; }
  rocksdb::IOStatus Get(const std::string& key, std::string* data) override {
    std::lock_guard<std::mutex> l(mu_);
    auto it = objects_.find(key);
    if (it == objects_.end()) {
      return rocksdb::IOStatus::NotFound("no such object", key);
    }
    *data = it->second;
    return rocksdb::IOStatus::OK();
  }
  rocksdb::IOStatus GetRange(const std::string& key, uint64_t offset, size_t n,
                             std::string* data) override {
    std::string all;
    rocksdb::IOStatus s = Get(key, &all);
    if (!s.ok()) return s;
    *data = offset < all.size() ? all.substr(offset, n) : std::string();
    return rocksdb::IOStatus::OK();
  }
  rocksdb::IOStatus Put(const std::string& key, const rocksdb::Slice& data,
                        const rocksdb::PutOptions&,
                        rocksdb::ObjectMeta* meta) override {
    std::lock_guard<std::mutex> l(mu_);
    objects_[key] = data.ToString();
    if (meta != nullptr) {
      meta->key = key;
      meta->size = data.size();
      meta->etag = "\"1\"";
    }
    return rocksdb::IOStatus::OK();
  }
  rocksdb::IOStatus Head(const std::string& key,
                         rocksdb::ObjectMeta* meta) override {
    std::lock_guard<std::mutex> l(mu_);
    auto it = objects_.find(key);
    if (it == objects_.end()) {
      return rocksdb::IOStatus::NotFound("no such object", key);
    }
    meta->key = key;
    meta->size = it->second.size();
    meta->etag = "\"1\"";
    return rocksdb::IOStatus::OK();
  }
  rocksdb::IOStatus List(const std::string& prefix,
                         std::vector<rocksdb::ObjectMeta>* objects) override {
    std::lock_guard<std::mutex> l(mu_);
    objects->clear();
    for (auto it = objects_.lower_bound(prefix);
         it != objects_.end() &&
         it->first.compare(0, prefix.size(), prefix) == 0;
         ++it) {
      rocksdb::ObjectMeta m;
      m.key = it->first;
      m.size = it->second.size();
      objects->push_back(m);
    }
    return rocksdb::IOStatus::OK();
  }
  rocksdb::IOStatus Delete(const std::string& key) override {
    std::lock_guard<std::mutex> l(mu_);
    objects_.erase(key);
    return rocksdb::IOStatus::OK();
  }
  rocksdb::IOStatus Copy(const std::string& src,
                         const std::string& dst) override {
    std::string data;
    rocksdb::IOStatus s = Get(src, &data);
    if (!s.ok()) return s;
    return Put(dst, data, rocksdb::PutOptions(), nullptr);
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::string> objects_;
};

}  // namespace

int FuzzCloneSources(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  const uint8_t flags = in.Byte();
  const std::string chain = in.Rest();

  std::shared_ptr<rocksdb::FileSystem> base = rocksdb::NewMemFileSystem();
  auto store = std::make_shared<CloneSourcesFuzzStore>();
  {
    // A valid CLOUDMANIFEST (epoch "e1") and its MANIFEST in the source.
    FuzzCheck(
        base->CreateDirIfMissing("/tmp", rocksdb::IOOptions(), nullptr).ok(),
        "mkdir");
    rocksdb::CloudManifest cm("e1");
    FuzzCheck(cm.WriteToFile(base.get(), "/tmp/CLOUDMANIFEST").ok(),
              "write a CLOUDMANIFEST");
    std::unique_ptr<rocksdb::FSSequentialFile> f;
    FuzzCheck(base->NewSequentialFile("/tmp/CLOUDMANIFEST",
                                      rocksdb::FileOptions(), &f, nullptr)
                  .ok(),
              "read the CLOUDMANIFEST");
    std::string bytes(4096, '\0');
    rocksdb::Slice got;
    FuzzCheck(
        f->Read(bytes.size(), rocksdb::IOOptions(), &got, &bytes[0], nullptr)
            .ok(),
        "read the CLOUDMANIFEST");
    rocksdb::PutOptions po;
    (void)store->Put("src/CLOUDMANIFEST", got, po, nullptr);
    (void)store->Put("src/MANIFEST-e1", "", po, nullptr);
    (void)store->Put("src/CLONE_SOURCES", chain, po, nullptr);
  }
  rocksdb::CloudFileSystemOptions opts;
  opts.src_bucket.SetBucketName("srcbucket");
  opts.src_bucket.SetObjectPath("src");
  if ((flags & 1) != 0) {
    opts.dest_bucket.SetBucketName("destbucket");
    opts.dest_bucket.SetObjectPath("dest");
  }
  rocksdb::CloudFileSystem* raw = nullptr;
  rocksdb::Status s = rocksdb::CloudFileSystemImpl::Create(
      base, opts,
      [store](const std::string& bucket, const std::string&,
              std::shared_ptr<rocksdb::ObjectStore>* out) {
        if (bucket.empty()) {
          return rocksdb::IOStatus::InvalidArgument("empty bucket name");
        }
        *out = store;
        return rocksdb::IOStatus::OK();
      },
      "fuzz", &raw);
  FuzzCheck(s.ok(), "CloudFileSystemImpl::Create");
  std::unique_ptr<rocksdb::CloudFileSystem> fs(raw);
  if (fs->PreloadCloudManifest("/db").ok()) {
    uint64_t file_size = 0;
    (void)fs->GetFileSize("/db/000007.sst", rocksdb::IOOptions(), &file_size,
                          nullptr);
    std::unique_ptr<rocksdb::FSRandomAccessFile> file;
    (void)fs->NewRandomAccessFile("/db/000008.sst", rocksdb::FileOptions(),
                                  &file, nullptr);
  }
  return 0;
}

}  // namespace skyrocks_fuzz

SKYROCKS_FUZZ_ENTRY(FuzzCloneSources)
