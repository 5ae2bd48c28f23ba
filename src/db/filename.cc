// File names of a DB directory (db/filename.h).
#include "db/filename.h"

#include <cinttypes>
#include <cstdio>

#include "util/coding.h"
#include "util/string_util.h"

namespace ROCKSDB_NAMESPACE {

namespace {

std::string NumberedFileName(const std::string& prefix, uint64_t number,
                             const char* suffix) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%06" PRIu64 ".%s", number, suffix);
  return prefix.empty() ? std::string(buf) : prefix + "/" + buf;
}

bool ConsumeFileNamePrefix(Slice* in, const char* prefix) {
  const Slice p(prefix);
  if (!in->starts_with(p)) return false;
  in->remove_prefix(p.size());
  return true;
}

}  // namespace

std::string LogFileName(const std::string& dbname, uint64_t number) {
  return NumberedFileName(dbname, number, "log");
}
std::string LogFileName(uint64_t number) {
  return NumberedFileName("", number, "log");
}
std::string WalDirFor(const std::string& dbname, const std::string& wal_dir) {
  auto trimmed = [](std::string d) {
    while (d.size() > 1 && d.back() == '/') d.pop_back();
    return d;
  };
  const std::string w = trimmed(wal_dir);
  return w.empty() || w == trimmed(dbname) ? dbname : w;
}
std::string ArchivalDirectory(const std::string& dbname) {
  return dbname + "/archive";
}
std::string ArchivedLogFileName(const std::string& dbname, uint64_t number) {
  return NumberedFileName(ArchivalDirectory(dbname), number, "log");
}
std::string MakeTableFileName(const std::string& name, uint64_t number) {
  return NumberedFileName(name, number, "sst");
}
std::string MakeTableFileName(uint64_t number) {
  return NumberedFileName("", number, "sst");
}
std::string BlobFileName(const std::string& dbname, uint64_t number) {
  return NumberedFileName(dbname, number, "blob");
}
std::string DescriptorFileName(uint64_t number) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "MANIFEST-%06" PRIu64, number);
  return buf;
}
std::string DescriptorFileName(const std::string& dbname, uint64_t number) {
  return dbname + "/" + DescriptorFileName(number);
}
std::string CurrentFileName(const std::string& dbname) {
  return dbname + "/CURRENT";
}
std::string LockFileName(const std::string& dbname) { return dbname + "/LOCK"; }
std::string TempFileName(const std::string& dbname, uint64_t number) {
  return NumberedFileName(dbname, number, "dbtmp");
}
std::string InfoLogFileName(const std::string& dbname) {
  return dbname + "/LOG";
}
std::string OldInfoLogFileName(const std::string& dbname, uint64_t ts) {
  return dbname + "/LOG.old." + std::to_string(ts);
}
std::string OptionsFileName(const std::string& dbname, uint64_t file_num) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "OPTIONS-%06" PRIu64, file_num);
  return dbname + "/" + buf;
}
std::string TempOptionsFileName(const std::string& dbname, uint64_t file_num) {
  return OptionsFileName(dbname, file_num) + ".dbtmp";
}
std::string IdentityFileName(const std::string& dbname) {
  return dbname + "/IDENTITY";
}
std::string MetaDatabaseName(const std::string& dbname, uint64_t number) {
  return dbname + "/METADB-" + std::to_string(number);
}

std::string CurrentFileContents(uint64_t manifest_number) {
  return DescriptorFileName(manifest_number) + "\n";
}

bool ParseFileName(const std::string& filename, uint64_t* number,
                   FileType* type, WalFileType* log_type) {
  Slice rest(filename);
  if (rest.empty()) return false;
  uint64_t num = 0;
  if (filename == "IDENTITY") {
    *number = 0;
    *type = kIdentityFile;
    return true;
  }
  if (filename == "CURRENT") {
    *number = 0;
    *type = kCurrentFile;
    return true;
  }
  if (filename == "LOCK") {
    *number = 0;
    *type = kDBLockFile;
    return true;
  }
  if (filename == "LOG" || filename == "LOG.old") {
    *number = 0;
    *type = kInfoLogFile;
    return true;
  }
  if (ConsumeFileNamePrefix(&rest, "LOG.old.")) {
    if (!ConsumeDecimalNumber(&rest, &num) || !rest.empty()) return false;
    *number = num;
    *type = kInfoLogFile;
    return true;
  }
  if (ConsumeFileNamePrefix(&rest, "MANIFEST-")) {
    if (!ConsumeDecimalNumber(&rest, &num) || !rest.empty()) return false;
    *number = num;
    *type = kDescriptorFile;
    return true;
  }
  if (ConsumeFileNamePrefix(&rest, "OPTIONS-")) {
    if (!ConsumeDecimalNumber(&rest, &num)) return false;
    if (rest.empty()) {
      *type = kOptionsFile;
    } else if (rest == Slice(".dbtmp")) {
      *type = kTempFile;
    } else {
      return false;
    }
    *number = num;
    return true;
  }
  if (ConsumeFileNamePrefix(&rest, "METADB-")) {
    if (!ConsumeDecimalNumber(&rest, &num) || !rest.empty()) return false;
    *number = num;
    *type = kMetaDatabase;
    return true;
  }
  bool archived = false;
  if (ConsumeFileNamePrefix(&rest, "archive/")) archived = true;
  if (!ConsumeDecimalNumber(&rest, &num)) return false;
  if (rest == Slice(".log")) {
    *type = kWalFile;
    if (log_type != nullptr) {
      *log_type = archived ? kArchivedLogFile : kAliveLogFile;
    }
  } else if (archived) {
    return false;
  } else if (rest == Slice(".sst") || rest == Slice(".ldb")) {
    *type = kTableFile;
  } else if (rest == Slice(".blob")) {
    *type = kBlobFile;
  } else if (rest == Slice(".dbtmp")) {
    *type = kTempFile;
  } else {
    return false;
  }
  *number = num;
  return true;
}

}  // namespace ROCKSDB_NAMESPACE
