// The local-directory ObjectStore (NewLocalDirStore): the embedded default
// and the reference store in tests. Contract in cloud/object_store.h.
//
// An object is the file <root>/<key> (subdirectories for '/'). A Put writes
// <root>/.skyrocks-tmp/<unique>, fsyncs it, then publishes it atomically:
// rename(2) for a plain Put; link(2), which fails if the name exists, for a
// create-if-absent (so two racing writers, even in two processes, cannot
// both win); and, for if-match, the etag check and the rename under an
// flock(2) on <root>/.skyrocks-lock. The directory is fsynced after. The
// etag is inode, size and nanosecond mtime: every Put makes a new file, so
// it changes with each version. List walks the tree and returns keys in
// byte order, skipping the store's own dot entries.
#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>

#include "cloud/object_store.h"
#include "env/io_posix.h"

namespace ROCKSDB_NAMESPACE {

namespace {

const char kLocalDirTmp[] = ".skyrocks-tmp";
const char kLocalDirLock[] = ".skyrocks-lock";

std::string LocalDirEtag(const struct stat& st) {
  char buf[96];
  snprintf(buf, sizeof(buf), "%llx-%llx-%lx.%09lx",
           static_cast<unsigned long long>(st.st_ino),
           static_cast<unsigned long long>(st.st_size),
           static_cast<long>(st.st_mtim.tv_sec),
           static_cast<long>(st.st_mtim.tv_nsec));
  return buf;
}

ObjectMeta LocalDirMeta(const std::string& key, const struct stat& st) {
  ObjectMeta m;
  m.key = key;
  m.size = static_cast<uint64_t>(st.st_size);
  m.etag = LocalDirEtag(st);
  m.mtime_micros = static_cast<uint64_t>(st.st_mtim.tv_sec) * 1000000 +
                   static_cast<uint64_t>(st.st_mtim.tv_nsec) / 1000;
  return m;
}

// mkdir -p for the parents of path (below root).
IOStatus LocalDirMakeParents(const std::string& root, const std::string& path) {
  for (size_t pos = root.size() + 1; pos < path.size(); pos++) {
    if (path[pos] != '/') continue;
    const std::string dir = path.substr(0, pos);
    if (mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
      return PosixIOError("While creating directory", dir, errno);
    }
  }
  return IOStatus::OK();
}

class LocalDirStore : public ObjectStore {
 public:
  explicit LocalDirStore(std::string root) : root_(std::move(root)) {}
  const char* Name() const override { return "localdir"; }

  IOStatus Init() {
    for (const std::string& d : {root_, root_ + "/" + kLocalDirTmp}) {
      if (mkdir(d.c_str(), 0755) != 0 && errno != EEXIST) {
        return PosixIOError("While creating store directory", d, errno);
      }
    }
    return IOStatus::OK();
  }

  IOStatus Get(const std::string& key, std::string* data) override {
    return ReadRange(key, 0, SIZE_MAX, data);
  }

  IOStatus GetRange(const std::string& key, uint64_t offset, size_t n,
                    std::string* data) override {
    return ReadRange(key, offset, n, data);
  }

  // 1 MiB at a time from one open file (a Put replaces the file by rename,
  // so the open one stays whole).
  IOStatus GetToSink(const std::string& key, ObjectSink* sink) override {
    IOStatus s = ValidateObjectKey(key);
    if (!s.ok()) return s;
    const std::string path = root_ + "/" + key;
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
      const int err = errno;
      if (fd >= 0) close(fd);
      Count(Kind::kGet);
      if (fd >= 0 || err == ENOENT || err == ENOTDIR)
        return IOStatus::NotFound("no such object", key);
      return PosixIOError("While reading object", path, err);
    }
    const uint64_t size = static_cast<uint64_t>(st.st_size);
    s = sink->Restart();
    std::string buf;
    uint64_t off = 0;
    while (s.ok() && off < size) {
      const size_t take =
          static_cast<size_t>(std::min<uint64_t>(1 << 20, size - off));
      buf.resize(take);
      size_t got = 0;
      s = PosixPreadFull(fd, off, take, &buf[0], &got, path);
      if (s.ok() && got == 0) break;  // shorter than it was
      if (s.ok()) s = sink->Append(Slice(buf.data(), got));
      off += got;
    }
    close(fd);
    Count(Kind::kGet, off);
    return s;
  }

  IOStatus Put(const std::string& key, const Slice& data,
               const PutOptions& opts, ObjectMeta* meta) override {
    return PutFrom(key, SlicePutSource(data), opts, meta);
  }

  IOStatus PutFrom(const std::string& key, const PutSource& data,
                   const PutOptions& opts, ObjectMeta* meta) override {
    IOStatus s = ValidateObjectKey(key);
    if (!s.ok()) return s;
    Count(Kind::kPut, 0, data.size());
    const std::string path = root_ + "/" + key;
    std::string tmp;
    s = WriteTemp(data, &tmp);
    if (!s.ok()) return s;
    s = LocalDirMakeParents(root_, path);
    if (s.ok()) {
      if (opts.if_none_match) {
        if (link(tmp.c_str(), path.c_str()) != 0) {
          s = errno == EEXIST
                  ? IOStatus::IOFenced(
                        "object exists (create-if-absent failed)", key)
                  : PosixIOError("While publishing object", path, errno);
        }
        unlink(tmp.c_str());
      } else if (!opts.if_match_etag.empty()) {
        s = ReplaceIfMatch(key, path, tmp, opts.if_match_etag);
      } else if (rename(tmp.c_str(), path.c_str()) != 0) {
        s = PosixIOError("While publishing object", path, errno);
      }
    }
    if (!s.ok()) {
      unlink(tmp.c_str());
      if (s.IsIOFenced()) s.SetHttpDetail(412, "PreconditionFailed", "");
      return s;
    }
    s = PosixFsyncDir(PosixDirName(path));
    if (s.ok() && meta != nullptr) s = Stat(key, meta);
    return s;
  }

  IOStatus Head(const std::string& key, ObjectMeta* meta) override {
    IOStatus s = ValidateObjectKey(key);
    if (!s.ok()) return s;
    Count(Kind::kHead);
    return Stat(key, meta);
  }

  IOStatus List(const std::string& prefix,
                std::vector<ObjectMeta>* objects) override {
    Count(Kind::kList);
    objects->clear();
    IOStatus s = Walk("", prefix, objects);
    std::sort(
        objects->begin(), objects->end(),
        [](const ObjectMeta& a, const ObjectMeta& b) { return a.key < b.key; });
    return s;
  }

  IOStatus Delete(const std::string& key) override {
    IOStatus s = ValidateObjectKey(key);
    if (!s.ok()) return s;
    Count(Kind::kDelete);
    const std::string path = root_ + "/" + key;
    if (unlink(path.c_str()) != 0) {
      // Missing (maybe its directory too): nothing to delete.
      if (errno == ENOENT || errno == ENOTDIR) return IOStatus::OK();
      return PosixIOError("While deleting object", path, errno);
    }
    return PosixFsyncDir(PosixDirName(path));
  }

  IOStatus Copy(const std::string& src, const std::string& dst) override {
    IOStatus s = ValidateObjectKey(dst);
    if (!s.ok()) return s;
    std::string data;
    s = Get(src, &data);
    if (!s.ok()) return s;
    Count(Kind::kCopy);
    return Put(dst, data, PutOptions(), nullptr);
  }

 private:
  IOStatus ReadRange(const std::string& key, uint64_t offset, size_t n,
                     std::string* data) {
    IOStatus s = ValidateObjectKey(key);
    if (!s.ok()) return s;
    data->clear();
    const std::string path = root_ + "/" + key;
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      Count(Kind::kGet);
      if (errno == ENOENT || errno == ENOTDIR)
        return IOStatus::NotFound("no such object", key);
      return PosixIOError("While reading object", path, errno);
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
      close(fd);
      Count(Kind::kGet);
      return IOStatus::NotFound("no such object", key);
    }
    const uint64_t size = static_cast<uint64_t>(st.st_size);
    const size_t take =
        offset >= size
            ? 0
            : static_cast<size_t>(std::min<uint64_t>(n, size - offset));
    data->resize(take);
    size_t got = 0;
    if (take > 0) s = PosixPreadFull(fd, offset, take, &(*data)[0], &got, path);
    close(fd);
    data->resize(got);
    Count(Kind::kGet, got);
    return s;
  }

  // Copied 1 MiB at a time: one buffer in memory, whatever the size.
  IOStatus WriteTemp(const PutSource& data, std::string* tmp) {
    char name[64];
    snprintf(
        name, sizeof(name), "/%s/%d-%llu", kLocalDirTmp,
        static_cast<int>(getpid()),
        static_cast<unsigned long long>(LocalDirTempCounter().fetch_add(1)));
    *tmp = root_ + name;
    const int fd =
        open(tmp->c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
      return PosixIOError("While creating object temp file", *tmp, errno);
    IOStatus s;
    const uint64_t chunk = 1 << 20;
    std::string buf;
    Buffered held(this, std::min(chunk, data.size()));
    for (uint64_t off = 0; s.ok() && off < data.size(); off += chunk) {
      s = data.Read(
          off, static_cast<size_t>(std::min(chunk, data.size() - off)), &buf);
      if (s.ok()) s = PosixWriteAll(fd, buf.data(), buf.size(), -1, *tmp);
    }
    if (s.ok() && fdatasync(fd) != 0)
      s = PosixIOError("While syncing object", *tmp, errno);
    close(fd);
    if (!s.ok()) unlink(tmp->c_str());
    return s;
  }

  IOStatus ReplaceIfMatch(const std::string& key, const std::string& path,
                          const std::string& tmp, const std::string& etag) {
    const std::string lock_path = root_ + "/" + kLocalDirLock;
    const int lfd = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lfd < 0)
      return PosixIOError("While opening store lock", lock_path, errno);
    if (flock(lfd, LOCK_EX) != 0) {
      IOStatus s = PosixIOError("While locking store", lock_path, errno);
      close(lfd);
      return s;
    }
    IOStatus s;
    struct stat st;
    if (stat(path.c_str(), &st) != 0) {
      s = IOStatus::IOFenced("object absent (if-match failed)", key);
    } else if (LocalDirEtag(st) != etag) {
      s = IOStatus::IOFenced("object changed (if-match failed)", key);
    } else if (rename(tmp.c_str(), path.c_str()) != 0) {
      s = PosixIOError("While publishing object", path, errno);
    }
    flock(lfd, LOCK_UN);
    close(lfd);
    return s;
  }

  IOStatus Stat(const std::string& key, ObjectMeta* meta) {
    const std::string path = root_ + "/" + key;
    struct stat st;
    if (stat(path.c_str(), &st) != 0 || S_ISDIR(st.st_mode)) {
      if (errno == ENOENT || errno == ENOTDIR || S_ISDIR(st.st_mode)) {
        return IOStatus::NotFound("no such object", key);
      }
      return PosixIOError("While stat object", path, errno);
    }
    *meta = LocalDirMeta(key, st);
    return IOStatus::OK();
  }

  // Adds the objects under <root>/<rel> whose keys start with prefix.
  IOStatus Walk(const std::string& rel, const std::string& prefix,
                std::vector<ObjectMeta>* out) {
    const std::string dir = rel.empty() ? root_ : root_ + "/" + rel;
    DIR* d = opendir(dir.c_str());
    if (d == nullptr) {
      if (errno == ENOENT) return IOStatus::OK();
      return PosixIOError("While listing", dir, errno);
    }
    IOStatus s;
    while (struct dirent* e = readdir(d)) {
      const std::string name = e->d_name;
      if (name == "." || name == ".." ||
          (rel.empty() && (name == kLocalDirTmp || name == kLocalDirLock))) {
        continue;
      }
      const std::string key = rel.empty() ? name : rel + "/" + name;
      // Prune subtrees that cannot hold the prefix.
      const size_t common = std::min(key.size(), prefix.size());
      if (key.compare(0, common, prefix, 0, common) != 0) continue;
      struct stat st;
      if (stat((root_ + "/" + key).c_str(), &st) != 0)
        continue;  // deleted meanwhile
      if (S_ISDIR(st.st_mode)) {
        s = Walk(key, prefix, out);
        if (!s.ok()) break;
      } else if (key.compare(0, prefix.size(), prefix) == 0) {
        out->push_back(LocalDirMeta(key, st));
      }
    }
    closedir(d);
    return s;
  }

  // One counter per process: two stores over one directory never collide.
  static std::atomic<uint64_t>& LocalDirTempCounter() {
    static std::atomic<uint64_t> counter{0};
    return counter;
  }

  const std::string root_;
};

}  // namespace

IOStatus NewLocalDirStore(const std::string& dir,
                          std::unique_ptr<ObjectStore>* store) {
  auto s = std::make_unique<LocalDirStore>(dir);
  IOStatus io = s->Init();
  if (!io.ok()) return io;
  *store = std::move(s);
  return IOStatus::OK();
}

}  // namespace ROCKSDB_NAMESPACE
