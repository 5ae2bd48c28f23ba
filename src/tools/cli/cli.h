// The `skyrocks` command-line tool: what its commands share. A command gets
// the parsed command line (Args), prints text or JSON (--json) to stdout,
// errors to stderr, and returns an exit code (ExitCodeFor). A DB is named by
// a local directory or a URL (file://, s3://, gs://, az://); a cloud DB is
// opened through DBCloud with a local cache directory (--cache-dir, else a
// temporary one removed at exit). Public headers only (src/tools/ rule).
//
// Single-threaded: the tool runs one command and exits.
#ifndef SKYROCKS_TOOLS_CLI_CLI_H_
#define SKYROCKS_TOOLS_CLI_CLI_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "rocksdb/cloud/cloud_file_system.h"
#include "rocksdb/cloud/db_cloud.h"
#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/status.h"

namespace skyrocks_cli {

using ROCKSDB_NAMESPACE::Status;

// Exit codes, distinct per kind of failure (README, "The skyrocks tool").
enum ExitCode {
  kExitOk = 0,
  kExitError = 1,
  kExitUsage = 2,
  kExitNotFound = 3,
  kExitCorruption = 4,
};

// NotFound -> 3, Corruption -> 4, InvalidArgument -> 2, other errors -> 1.
int ExitCodeFor(const Status& s);
// Prints "skyrocks CMD: message" to stderr (and {"error":...} on stdout
// with --json); returns ExitCodeFor(s).
struct Args;
int Fail(const Args& args, const Status& s);

// The command line after the command name: flags (--name=value or
// --name value for flags that take one, --name alone for switches) and
// positional arguments in order.
struct Args {
  std::string command;
  std::vector<std::string> positional;
  std::map<std::string, std::string> flags;

  bool Has(const std::string& name) const { return flags.count(name) > 0; }
  std::string Get(const std::string& name, const std::string& def = "") const {
    auto it = flags.find(name);
    return it == flags.end() ? def : it->second;
  }
  bool json() const { return Has("json"); }
  bool hex() const { return Has("hex"); }
};

// Flags that take a value (everything else is a switch).
bool FlagTakesValue(const std::string& name);
// Flags any command accepts (a command ignores those it does not use).
bool KnownFlag(const std::string& name);

// JSON text helpers: a string literal (quotes included; control
// characters, quote and backslash escaped) and a number.
std::string JsonStr(const std::string& s);
std::string JsonNum(uint64_t n);

// Bytes as uppercase hex ("0x" not included), and back; false on odd
// length or a non-hex digit.
std::string ToHex(const std::string& s);
bool FromHex(const std::string& hex, std::string* out);
// text as a count (strtoull's reading of all of it); InvalidArgument
// "WHAT is not a number: TEXT" otherwise.
Status ParseCount(const std::string& what, const std::string& text,
                  uint64_t* n);
// A key or value as the user typed it: hex-decoded with --hex (a leading
// "0x" is allowed). InvalidArgument naming what on bad hex.
Status DecodeArg(const Args& args, const std::string& what,
                 const std::string& in, std::string* out);
// A key or value for printing: hex with --hex, else as stored.
std::string EncodeOut(const Args& args, const std::string& bytes);

// Where a DB or bucket lives, parsed from a directory or URL.
struct Location {
  std::string url;      // as given
  std::string scheme;   // "" (local directory), "file", "s3", "gs", "az"
  std::string local;    // the directory, for a local DB
  std::string root;     // file://: the directory holding the buckets
  std::string bucket;   // full bucket (or Azure container) name
  std::string path;     // object path inside the bucket ("" for a bucket)
  std::string account;  // az://: the storage account
  bool cloud() const { return !scheme.empty(); }
};

// Parses spec. file://DIR/BUCKET/PATH is split where DIR/BUCKET/PATH holds
// a CLOUDMANIFEST, else where DIR/BUCKET holds a dbid registry (.rockset),
// else at --file-root (or root_hint) if given; otherwise InvalidArgument.
// bucket_only: the URL names a bucket (no object path required).
Status ParseLocation(const Args& args, const std::string& spec,
                     bool bucket_only, const std::string& root_hint,
                     Location* out);

// A cloud file system over src (read from) and dest (written to; may be
// null: nothing is uploaded). Both must use the same scheme (and root).
// create_bucket: a missing bucket is created (else an error).
Status NewCloudFs(const Location* src, const Location* dest,
                  ROCKSDB_NAMESPACE::CloudFileSystem** cfs,
                  bool create_bucket = false);

// An open DB (plain or DBCloud) with every column family.
class OpenDb {
 public:
  OpenDb() = default;
  OpenDb(const OpenDb&) = delete;
  OpenDb& operator=(const OpenDb&) = delete;
  ~OpenDb();

  ROCKSDB_NAMESPACE::DB* db() const { return db_; }
  ROCKSDB_NAMESPACE::DBCloud* cloud_db() const { return cloud_db_; }
  ROCKSDB_NAMESPACE::CloudFileSystem* cfs() const { return cfs_; }
  // The handle of --cf (default "default"); InvalidArgument if absent.
  Status Cf(const Args& args, ROCKSDB_NAMESPACE::ColumnFamilyHandle** cf) const;
  const std::vector<ROCKSDB_NAMESPACE::ColumnFamilyHandle*>& handles() const {
    return handles_;
  }
  const std::string& local_dir() const { return local_dir_; }
  // Closes the DB (reporting a failed close), then the file system.
  Status Close();

 private:
  friend Status OpenLocation(const Args&, const Location&, const Location*,
                             bool, OpenDb*);
  std::shared_ptr<ROCKSDB_NAMESPACE::FileSystem> fs_;
  ROCKSDB_NAMESPACE::CloudFileSystem* cfs_ = nullptr;
  std::unique_ptr<ROCKSDB_NAMESPACE::Env> env_;
  ROCKSDB_NAMESPACE::DB* db_ = nullptr;
  ROCKSDB_NAMESPACE::DBCloud* cloud_db_ = nullptr;
  std::vector<ROCKSDB_NAMESPACE::ColumnFamilyHandle*> handles_;
  std::string local_dir_;
  std::string temp_dir_;  // removed by the destructor
};

// Opens loc (read-only unless write) with all its column families. A cloud
// location reads from loc and, when write, writes to dest (default: loc
// itself; a different dest makes a clone; a Location() dest, an ephemeral
// clone that uploads nothing). --create_if_missing creates a
// missing DB on a write open.
Status OpenLocation(const Args& args, const Location& loc, const Location* dest,
                    bool write, OpenDb* out);

// Commands: each returns an exit code.
int CmdGet(const Args& args);
int CmdPut(const Args& args);
int CmdDelete(const Args& args);
int CmdScan(const Args& args);
int CmdDump(const Args& args);
int CmdLoad(const Args& args);
int CmdListColumnFamilies(const Args& args);
int CmdCompact(const Args& args);
int CmdProperties(const Args& args);
int CmdApproxSize(const Args& args);
int CmdCheckConsistency(const Args& args);
int CmdManifestDump(const Args& args);
int CmdSst(const Args& args);
int CmdLs(const Args& args);
int CmdInfo(const Args& args);
int CmdClone(const Args& args);
int CmdSavepoint(const Args& args);
int CmdGc(const Args& args);
int CmdDrop(const Args& args);
int CmdVerify(const Args& args);
int CmdCheckpoint(const Args& args);
int CmdMigrate(const Args& args);

// The current and past epochs (first file number, epoch) of the
// CLOUDMANIFEST file at path (manifest_internal.cpp).
Status CloudManifestEpochs(const std::string& path, std::string* current,
                           std::vector<std::pair<uint64_t, std::string>>* past);

// Progress on a terminal: Tick(n) redraws "what: n" at most every 200 ms
// when stderr is a terminal; Done() clears it. Prints nothing otherwise.
class Progress {
 public:
  explicit Progress(std::string what);
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  ~Progress();
  void Tick(uint64_t n);
  void Done();

 private:
  std::string what_;
  bool tty_;
  bool drawn_ = false;
  uint64_t last_micros_ = 0;
  uint64_t start_micros_ = 0;
};

}  // namespace skyrocks_cli

#endif  // SKYROCKS_TOOLS_CLI_CLI_H_
