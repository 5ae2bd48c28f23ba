// The cloud commands, on DBs named by URL (doc/cloud_layout.md):
//   ls BUCKET_URL             the dbid registry of a bucket
//   info URL                  epoch, MANIFEST, live SSTs and bytes, requests
//   clone SRC DEST            a durable zero-copy clone of SRC at DEST
//   savepoint URL             make a clone independent of its sources
//   gc URL [--dry-run] [--min-age S] [--grace S] [--no-clones]
//   drop URL                  CloudFileSystem::DropDatabase
//   checkpoint SRC DEST       CheckpointToCloud: a consistent copy of SRC at
//                             DEST (same store), openable on its own
//   migrate DIR URL           a plain RocksDB directory into the bucket
//                             (MigrateFromPureRocksDB on a copy, then a
//                             checkpoint); DIR is left as it was
//   verify URL                every live SST's object exists with the size
//                             the MANIFEST records, then every checksum
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "rocksdb/metadata.h"
#include "tools/cli/cli.h"

namespace skyrocks_cli {

namespace ROCKS = ROCKSDB_NAMESPACE;

namespace {

// The one cloud URL of a command (bucket_only: a bucket URL will do).
Status OneCloudLocation(const Args& args, bool bucket_only, Location* loc) {
  if (args.positional.size() != 1) {
    return Status::InvalidArgument("expected one URL, got " +
                                   std::to_string(args.positional.size()));
  }
  Status s = ParseLocation(args, args.positional[0], bucket_only, "", loc);
  if (s.ok() && !loc->cloud()) {
    s = Status::InvalidArgument(args.positional[0] +
                                ": a cloud URL is needed (file://, s3://, "
                                "gs://, az://)");
  }
  return s;
}

Status ParseSeconds(const Args& args, const std::string& name,
                    std::chrono::seconds* out) {
  uint64_t v = 0;
  Status s = ParseCount("--" + name, args.Get(name), &v);
  if (s.ok()) *out = std::chrono::seconds(v);
  return s;
}

std::string CountsJson(const ROCKS::CloudStoreCounts& c) {
  return "{\"gets\":" + JsonNum(c.gets) + ",\"puts\":" + JsonNum(c.puts) +
         ",\"lists\":" + JsonNum(c.lists) + ",\"heads\":" + JsonNum(c.heads) +
         ",\"deletes\":" + JsonNum(c.deletes) +
         ",\"copies\":" + JsonNum(c.copies) +
         ",\"bytes_read\":" + JsonNum(c.bytes_read) +
         ",\"bytes_written\":" + JsonNum(c.bytes_written) + "}";
}

void PrintCounts(const ROCKS::CloudStoreCounts& c) {
  std::printf(
      "requests: %llu GET, %llu PUT, %llu LIST, %llu HEAD, %llu DELETE, "
      "%llu COPY; %llu bytes read, %llu written\n",
      static_cast<unsigned long long>(c.gets),
      static_cast<unsigned long long>(c.puts),
      static_cast<unsigned long long>(c.lists),
      static_cast<unsigned long long>(c.heads),
      static_cast<unsigned long long>(c.deletes),
      static_cast<unsigned long long>(c.copies),
      static_cast<unsigned long long>(c.bytes_read),
      static_cast<unsigned long long>(c.bytes_written));
}

}  // namespace

int CmdLs(const Args& args) {
  Location loc;
  Status s = OneCloudLocation(args, true, &loc);
  if (!s.ok()) return Fail(args, s);
  ROCKS::CloudFileSystem* raw = nullptr;
  s = NewCloudFs(nullptr, &loc, &raw);
  std::unique_ptr<ROCKS::CloudFileSystem> cfs(raw);
  ROCKS::DbidList list;
  if (s.ok()) s = cfs->GetDbidList(loc.bucket, &list);
  if (!s.ok()) return Fail(args, s);
  std::string json;
  for (const auto& e : list) {
    // The registry's paths are object paths; a bucket URL with a path
    // lists only the DBs under it.
    if (!loc.path.empty() && e.second.rfind(loc.path, 0) != 0 &&
        e.second.rfind("/" + loc.path, 0) != 0) {
      continue;
    }
    if (args.json()) {
      json += (json.empty() ? "" : ",");
      json += "{\"dbid\":" + JsonStr(e.first) +
              ",\"path\":" + JsonStr(e.second) + "}";
    } else {
      std::printf("%s\t%s\n", e.first.c_str(), e.second.c_str());
    }
  }
  if (args.json()) {
    std::printf("{\"bucket\":%s,\"dbs\":[%s]}\n", JsonStr(loc.bucket).c_str(),
                json.c_str());
  }
  return kExitOk;
}

int CmdInfo(const Args& args) {
  Location loc;
  Status s = OneCloudLocation(args, false, &loc);
  if (!s.ok()) return Fail(args, s);
  OpenDb db;
  s = OpenLocation(args, loc, nullptr, false, &db);
  std::vector<std::string> live_ssts;
  std::string manifest, dbid;
  if (s.ok()) {
    s = db.cfs()->FindAllLiveFiles(db.local_dir(), &live_ssts, &manifest);
  }
  if (s.ok()) s = db.db()->GetDbIdentity(dbid);
  if (!s.ok()) return Fail(args, s);
  std::vector<ROCKS::LiveFileMetaData> meta;
  db.db()->GetLiveFilesMetaData(&meta);
  uint64_t bytes = 0, entries = 0;
  std::string files_json;
  for (const auto& f : meta) {
    bytes += f.size;
    entries += f.num_entries;
    files_json += (files_json.empty() ? "" : ",");
    files_json += "{\"name\":" + JsonStr(db.cfs()->RemapFilename(f.name)) +
                  ",\"column_family\":" + JsonStr(f.column_family_name) +
                  ",\"level\":" + JsonNum(static_cast<uint64_t>(f.level)) +
                  ",\"size\":" + JsonNum(f.size) + "}";
  }
  const std::string epoch = db.cfs()->GetCurrentEpoch();
  // The epochs, from the CLOUDMANIFEST the open fetched.
  std::string current;
  std::vector<std::pair<uint64_t, std::string>> past;
  s = CloudManifestEpochs(db.local_dir() + "/CLOUDMANIFEST", &current, &past);
  if (!s.ok()) return Fail(args, s);
  std::string epochs_json;
  for (const auto& e : past) {
    epochs_json += (epochs_json.empty() ? "" : ",");
    epochs_json += "{\"epoch\":" + JsonStr(e.second) +
                   ",\"numbers_below\":" + JsonNum(e.first) + "}";
  }
  const ROCKS::CloudStoreCounts counts = db.cfs()->GetStoreCounts();
  if (args.json()) {
    std::printf(
        "{\"url\":%s,\"bucket\":%s,\"path\":%s,\"dbid\":%s,\"epoch\":%s,"
        "\"past_epochs\":[%s],\"manifest\":%s,\"live_ssts\":%s,\"live_bytes\":%"
        "s,\"entries\":%s,"
        "\"files\":[%s],\"requests\":%s}\n",
        JsonStr(loc.url).c_str(), JsonStr(loc.bucket).c_str(),
        JsonStr(loc.path).c_str(), JsonStr(dbid).c_str(),
        JsonStr(epoch).c_str(), epochs_json.c_str(), JsonStr(manifest).c_str(),
        JsonNum(live_ssts.size()).c_str(), JsonNum(bytes).c_str(),
        JsonNum(entries).c_str(), files_json.c_str(),
        CountsJson(counts).c_str());
    return kExitOk;
  }
  std::printf("db: %s (bucket %s, path %s)\n", loc.url.c_str(),
              loc.bucket.c_str(), loc.path.c_str());
  std::printf("dbid: %s\n", dbid.c_str());
  std::printf("epoch: %s\n", epoch.c_str());
  for (const auto& e : past) {
    std::printf("  past epoch %s: files numbered below %llu\n",
                e.second.c_str(), static_cast<unsigned long long>(e.first));
  }
  std::printf("manifest: %s\n", manifest.c_str());
  std::printf("live SSTs: %zu, %llu bytes, %llu entries\n", live_ssts.size(),
              static_cast<unsigned long long>(bytes),
              static_cast<unsigned long long>(entries));
  for (const auto& f : meta) {
    std::printf("  %s  %s L%d %llu bytes\n",
                db.cfs()->RemapFilename(f.name).c_str(),
                f.column_family_name.c_str(), f.level,
                static_cast<unsigned long long>(f.size));
  }
  PrintCounts(counts);
  return kExitOk;
}

int CmdClone(const Args& args) {
  if (args.positional.size() != 2) {
    return Fail(args,
                Status::InvalidArgument("usage: skyrocks clone SRC DEST"));
  }
  Location src, dest;
  Status s = ParseLocation(args, args.positional[0], false, "", &src);
  if (s.ok() && !src.cloud()) {
    s = Status::InvalidArgument(src.url + ": clone needs cloud URLs");
  }
  if (s.ok())
    s = ParseLocation(args, args.positional[1], false, src.root, &dest);
  if (s.ok() && (dest.bucket == src.bucket && dest.path == src.path)) {
    s = Status::InvalidArgument("clone: SRC and DEST are the same path");
  }
  OpenDb db;
  if (s.ok()) s = OpenLocation(args, src, &dest, true, &db);
  std::string epoch;
  ROCKS::CloudStoreCounts counts;
  if (s.ok()) {
    epoch = db.cfs()->GetCurrentEpoch();
    counts = db.cfs()->GetStoreCounts();
    s = db.Close();
  }
  if (!s.ok()) return Fail(args, s);
  if (args.json()) {
    std::printf(
        "{\"ok\":true,\"src\":%s,\"dest\":%s,\"epoch\":%s,"
        "\"requests\":%s}\n",
        JsonStr(src.url).c_str(), JsonStr(dest.url).c_str(),
        JsonStr(epoch).c_str(), CountsJson(counts).c_str());
  } else {
    std::printf("cloned %s to %s (epoch %s)\n", src.url.c_str(),
                dest.url.c_str(), epoch.c_str());
    PrintCounts(counts);
  }
  return kExitOk;
}

int CmdSavepoint(const Args& args) {
  Location loc;
  Status s = OneCloudLocation(args, false, &loc);
  OpenDb db;
  if (s.ok()) s = OpenLocation(args, loc, nullptr, true, &db);
  if (s.ok()) s = db.cloud_db()->Savepoint();
  ROCKS::CloudStoreCounts counts;
  if (s.ok()) {
    counts = db.cfs()->GetStoreCounts();
    s = db.Close();
  }
  if (!s.ok()) return Fail(args, s);
  if (args.json()) {
    std::printf("{\"ok\":true,\"requests\":%s}\n", CountsJson(counts).c_str());
  } else {
    std::printf("savepoint of %s done\n", loc.url.c_str());
    PrintCounts(counts);
  }
  return kExitOk;
}

int CmdGc(const Args& args) {
  Location loc;
  Status s = OneCloudLocation(args, false, &loc);
  ROCKS::CloudGcOptions o;
  o.dry_run = args.Has("dry-run");
  o.include_clones = !args.Has("no-clones");
  if (s.ok() && args.Has("min-age")) {
    std::chrono::seconds v;
    s = ParseSeconds(args, "min-age", &v);
    o.min_age = v;
  }
  if (s.ok() && args.Has("grace"))
    s = ParseSeconds(args, "grace", &o.creation_grace);
  ROCKS::CloudFileSystem* raw = nullptr;
  if (s.ok()) s = NewCloudFs(nullptr, &loc, &raw);
  std::unique_ptr<ROCKS::CloudFileSystem> cfs(raw);
  ROCKS::CloudGcReport r;
  if (s.ok()) s = cfs->GarbageCollect(o, &r);
  if (!s.ok() && r.paths.empty()) return Fail(args, s);
  std::string objs;
  for (const auto& g : r.garbage) {
    const char* state = g.deleted   ? "deleted"
                        : o.dry_run ? "would delete"
                                    : "waiting";
    if (args.json()) {
      objs += (objs.empty() ? "" : ",");
      objs += "{\"bucket\":" + JsonStr(g.bucket) +
              ",\"key\":" + JsonStr(g.key) + ",\"size\":" + JsonNum(g.size) +
              ",\"reason\":" + JsonStr(g.reason) +
              ",\"deleted\":" + (g.deleted ? "true" : "false") +
              ",\"eligible_micros\":" + JsonNum(g.eligible_micros) + "}";
    } else {
      std::printf("%s\t%s/%s\t%llu bytes\t%s\n", state, g.bucket.c_str(),
                  g.key.c_str(), static_cast<unsigned long long>(g.size),
                  g.reason.c_str());
    }
  }
  if (args.json()) {
    std::string paths, notes;
    for (const auto& p : r.paths)
      paths += (paths.empty() ? "" : ",") + JsonStr(p);
    for (const auto& n : r.notes)
      notes += (notes.empty() ? "" : ",") + JsonStr(n);
    std::printf(
        "{\"ok\":%s,\"dry_run\":%s,\"paths\":[%s],\"garbage\":[%s],"
        "\"bytes_reclaimed\":%s,\"bytes_waiting\":%s,\"objects_kept\":%s,"
        "\"bytes_kept\":%s,\"notes\":[%s]}\n",
        s.ok() ? "true" : "false", o.dry_run ? "true" : "false", paths.c_str(),
        objs.c_str(), JsonNum(r.bytes_reclaimed).c_str(),
        JsonNum(r.bytes_waiting).c_str(), JsonNum(r.objects_kept).c_str(),
        JsonNum(r.bytes_kept).c_str(), notes.c_str());
  } else {
    for (const auto& n : r.notes) std::printf("note: %s\n", n.c_str());
    std::printf(
        "gc %s: %zu path(s), %zu unneeded object(s), %llu bytes %s, %llu "
        "bytes waiting; kept %llu objects, %llu bytes\n",
        loc.url.c_str(), r.paths.size(), r.garbage.size(),
        static_cast<unsigned long long>(r.bytes_reclaimed),
        o.dry_run ? "reclaimable" : "reclaimed",
        static_cast<unsigned long long>(r.bytes_waiting),
        static_cast<unsigned long long>(r.objects_kept),
        static_cast<unsigned long long>(r.bytes_kept));
  }
  if (!s.ok()) {
    std::fprintf(stderr, "skyrocks gc: %s\n", s.ToString().c_str());
    return ExitCodeFor(s);
  }
  return kExitOk;
}

int CmdVerify(const Args& args) {
  Location loc;
  Status s = OneCloudLocation(args, false, &loc);
  OpenDb db;
  if (s.ok()) s = OpenLocation(args, loc, nullptr, false, &db);
  if (!s.ok()) return Fail(args, s);
  // Sizes first, before any read brings an SST into the local cache: the
  // size then comes from the bucket (dest, src or a clone source).
  std::vector<ROCKS::LiveFileMetaData> meta;
  db.db()->GetLiveFilesMetaData(&meta);
  uint64_t bytes = 0;
  Progress progress("verify");
  for (const auto& f : meta) {
    uint64_t size = 0;
    const std::string object = db.cfs()->RemapFilename(f.name);
    ROCKS::IOStatus io = db.cfs()->GetFileSize(
        db.local_dir() + "/" + f.name, ROCKS::IOOptions(), &size, nullptr);
    if (io.IsNotFound() || io.IsPathNotFound()) {
      s = Status::Corruption(loc.url + ": live SST " + object + " is missing",
                             io.ToString());
    } else if (!io.ok()) {
      s = io;
    } else if (size != f.size) {
      s = Status::Corruption(
          loc.url + ": live SST " + object + " has " + std::to_string(size) +
          " bytes, the MANIFEST says " + std::to_string(f.size));
    }
    if (!s.ok()) break;
    bytes += size;
    progress.Tick(bytes);
  }
  if (s.ok()) s = db.db()->VerifyChecksum();
  progress.Done();
  if (!s.ok()) return Fail(args, s);
  if (args.json()) {
    std::printf("{\"ok\":true,\"live_ssts\":%s,\"bytes\":%s}\n",
                JsonNum(meta.size()).c_str(), JsonNum(bytes).c_str());
  } else {
    std::printf("OK: %zu live SSTs, %llu bytes, sizes and checksums verified\n",
                meta.size(), static_cast<unsigned long long>(bytes));
  }
  return kExitOk;
}

int CmdCheckpoint(const Args& args) {
  if (args.positional.size() != 2) {
    return Fail(args, Status::InvalidArgument(
                          "usage: skyrocks checkpoint SRC_URL DEST_URL"));
  }
  Location src, dest;
  Status s = ParseLocation(args, args.positional[0], false, "", &src);
  if (s.ok() && !src.cloud()) {
    s = Status::InvalidArgument(src.url + ": checkpoint needs cloud URLs");
  }
  if (s.ok()) {
    s = ParseLocation(args, args.positional[1], false, src.root, &dest);
  }
  if (s.ok() && (dest.scheme != src.scheme || dest.root != src.root ||
                 dest.account != src.account)) {
    s = Status::InvalidArgument(src.url + " and " + dest.url +
                                " are not in one store");
  }
  // An ephemeral clone of SRC: writable (so the memtable can be flushed
  // into the copy) without claiming SRC or fencing its writer.
  OpenDb db;
  const Location ephemeral;
  if (s.ok()) s = OpenLocation(args, src, &ephemeral, true, &db);
  ROCKS::BucketOptions to;
  to.SetBucketPrefix("");
  to.SetBucketName(dest.bucket, "");
  to.SetBucketPrefix("");
  to.SetObjectPath(dest.path);
  ROCKS::CheckpointToCloudOptions co;
  co.flush_memtable = true;  // the writes replayed from SRC's WAL too
  if (s.ok()) s = db.cloud_db()->CheckpointToCloud(to, co);
  ROCKS::CloudStoreCounts counts;
  if (s.ok()) {
    counts = db.cfs()->GetStoreCounts();
    s = db.Close();
  }
  if (!s.ok()) return Fail(args, s);
  if (args.json()) {
    std::printf("{\"ok\":true,\"requests\":%s}\n", CountsJson(counts).c_str());
  } else {
    std::printf("checkpoint of %s at %s\n", src.url.c_str(), dest.url.c_str());
    PrintCounts(counts);
  }
  return kExitOk;
}

int CmdMigrate(const Args& args) {
  if (args.positional.size() != 2) {
    return Fail(args,
                Status::InvalidArgument("usage: skyrocks migrate DIR URL"));
  }
  const std::string dir = args.positional[0];
  Location dest;
  Status s = ParseLocation(args, args.positional[1], false, "", &dest);
  if (s.ok() && !dest.cloud()) {
    s = Status::InvalidArgument(dest.url + ": migrate needs a cloud URL");
  }
  std::vector<std::string> names;
  ROCKS::Options options;
  if (s.ok() && !std::filesystem::exists(dir + "/CURRENT")) {
    s = Status::NotFound(dir + ": not a DB (no CURRENT)");
  }
  if (s.ok()) s = ROCKS::DB::ListColumnFamilies(options, dir, &names);
  if (!s.ok()) return Fail(args, s);
  // A copy: MigrateFromPureRocksDB renames its MANIFEST.
  char tmpl[] = "/tmp/skyrocks-cli-migrate-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) {
    return Fail(args, Status::IOError("mkdtemp " + std::string(tmpl)));
  }
  const std::string scratch = tmpl, copy = scratch + "/db";
  std::error_code ec;
  std::filesystem::copy(dir, copy, std::filesystem::copy_options::recursive,
                        ec);
  if (ec) s = Status::IOError("copy " + dir + " to " + copy, ec.message());
  // A file system with no bucket: the migrated DB is opened from its
  // directory alone, then checkpointed to dest.
  Location bucketless = dest;
  bucketless.path.clear();
  ROCKS::CloudFileSystem* raw = nullptr;
  if (s.ok()) s = NewCloudFs(&bucketless, nullptr, &raw, true);
  std::shared_ptr<ROCKS::FileSystem> fs(raw);
  std::unique_ptr<ROCKS::Env> env;
  if (s.ok()) s = raw->MigrateFromPureRocksDB(copy);
  ROCKS::DBCloud* db = nullptr;
  std::vector<ROCKS::ColumnFamilyHandle*> handles;
  if (s.ok()) {
    env = ROCKS::NewCompositeEnv(fs);
    options.env = env.get();
    std::vector<ROCKS::ColumnFamilyDescriptor> cfs;
    for (const auto& n : names) {
      cfs.emplace_back(n, ROCKS::ColumnFamilyOptions(options));
    }
    s = ROCKS::DBCloud::Open(options, copy, cfs, "", 0, &handles, &db, false);
  }
  if (s.ok()) {
    ROCKS::BucketOptions to;
    to.SetBucketPrefix("");
    to.SetBucketName(dest.bucket, "");
    to.SetBucketPrefix("");
    to.SetObjectPath(dest.path);
    ROCKS::CheckpointToCloudOptions co;
    co.flush_memtable = true;  // the WAL's writes too
    s = db->CheckpointToCloud(to, co);
  }
  if (db != nullptr) {
    for (auto* h : handles) {
      Status d = db->DestroyColumnFamilyHandle(h);
      if (s.ok() && !d.ok()) s = d;
    }
    Status c = db->Close();
    if (s.ok() && !c.ok() && !c.IsNotSupported()) s = c;
    delete db;
  }
  env.reset();
  fs.reset();
  std::filesystem::remove_all(scratch, ec);
  if (!s.ok()) return Fail(args, s);
  if (args.json()) {
    std::printf("{\"ok\":true,\"dest\":%s}\n", JsonStr(dest.url).c_str());
  } else {
    std::printf("migrated %s to %s\n", dir.c_str(), dest.url.c_str());
  }
  return kExitOk;
}

int CmdDrop(const Args& args) {
  Location loc;
  Status s = OneCloudLocation(args, false, &loc);
  ROCKS::CloudFileSystem* raw = nullptr;
  if (s.ok()) s = NewCloudFs(nullptr, &loc, &raw);
  std::unique_ptr<ROCKS::CloudFileSystem> cfs(raw);
  if (s.ok()) s = cfs->DropDatabase();
  if (!s.ok()) return Fail(args, s);
  if (args.json()) {
    std::printf("{\"ok\":true,\"dropped\":%s}\n", JsonStr(loc.url).c_str());
  } else {
    std::printf("dropped %s (run gc to delete its objects)\n", loc.url.c_str());
  }
  return kExitOk;
}

}  // namespace skyrocks_cli
