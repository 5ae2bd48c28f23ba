// Backup meta files and backup file names; contract in
// utilities/backup_meta.h, format in doc/backup_format.md.
#include "utilities/backup_meta.h"

#include <cstdlib>

namespace ROCKSDB_NAMESPACE {

namespace {

constexpr char kBackupMetaPrefix[] = "metadata ";
constexpr char kBackupSchemaPrefix[] = "schema_version ";

bool NextBackupMetaLine(const Slice& data, size_t* pos, std::string* line) {
  if (*pos >= data.size()) return false;
  const std::string_view all = data.ToStringView();
  size_t end = all.find('\n', *pos);
  if (end == std::string_view::npos) end = all.size();
  line->assign(all.substr(*pos, end - *pos));
  *pos = end + 1;
  return true;
}

bool ParseBackupUint(const std::string& s, uint64_t* v) {
  if (s.empty() || s.size() > 20) return false;
  uint64_t r = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    const uint64_t next = r * 10 + static_cast<uint64_t>(c - '0');
    if (next / 10 != r) return false;
    r = next;
  }
  *v = r;
  return true;
}

bool DecodeBackupHex(const std::string& hex, std::string* out) {
  if (hex.size() % 2 != 0) return false;
  out->clear();
  for (size_t i = 0; i < hex.size(); i += 2) {
    int v = 0;
    for (size_t j = i; j < i + 2; j++) {
      const char c = hex[j];
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        d = c - 'A' + 10;
      } else {
        return false;
      }
      v = v * 16 + d;
    }
    out->push_back(static_cast<char>(v));
  }
  return true;
}

std::vector<std::string> SplitBackupFields(const std::string& line) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < line.size()) {
    size_t j = line.find(' ', i);
    if (j == std::string::npos) j = line.size();
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

}  // namespace

std::string EncodeBackupMeta(const BackupMeta& meta) {
  std::string out = std::to_string(meta.timestamp) + "\n" +
                    std::to_string(meta.sequence) + "\n";
  if (!meta.app_metadata.empty()) {
    out += kBackupMetaPrefix + Slice(meta.app_metadata).ToString(true) + "\n";
  }
  out += std::to_string(meta.files.size()) + "\n";
  for (const auto& f : meta.files) {
    out += f.rel + " crc32 " + std::to_string(f.crc32c) + "\n";
  }
  return out;
}

Status DecodeBackupMeta(const std::string& fname, const Slice& data,
                        BackupMeta* meta) {
  auto bad = [&](const std::string& why) {
    return Status::Corruption("backup meta file " + fname, why);
  };
  size_t pos = 0;
  std::string line;
  if (!NextBackupMetaLine(data, &pos, &line)) return bad("empty");
  if (line.rfind(kBackupSchemaPrefix, 0) == 0) {
    const std::string v = line.substr(sizeof(kBackupSchemaPrefix) - 1);
    if (v != "1" && v.rfind("1.", 0) != 0 && v != "2" &&
        v.rfind("2.", 0) != 0) {
      return bad("unsupported schema version " + v);
    }
    if (!NextBackupMetaLine(data, &pos, &line)) return bad("no timestamp");
  }
  uint64_t v = 0;
  if (!ParseBackupUint(line, &v)) return bad("bad timestamp '" + line + "'");
  meta->timestamp = static_cast<int64_t>(v);
  if (!NextBackupMetaLine(data, &pos, &line) ||
      !ParseBackupUint(line, &meta->sequence)) {
    return bad("bad sequence number");
  }
  meta->app_metadata.clear();
  for (;;) {
    if (!NextBackupMetaLine(data, &pos, &line)) return bad("no file count");
    if (line.rfind(kBackupMetaPrefix, 0) == 0) {
      if (!DecodeBackupHex(line.substr(sizeof(kBackupMetaPrefix) - 1),
                           &meta->app_metadata)) {
        return bad("bad app metadata");
      }
    } else if (line.rfind("ni::", 0) == 0) {
      continue;  // schema 2: a field readers may ignore
    } else {
      break;
    }
  }
  uint64_t count = 0;
  if (!ParseBackupUint(line, &count)) return bad("bad file count");
  meta->files.clear();
  for (uint64_t i = 0; i < count; i++) {
    if (!NextBackupMetaLine(data, &pos, &line)) {
      return bad("file count " + std::to_string(count) + ", found " +
                 std::to_string(i));
    }
    const std::vector<std::string> fields = SplitBackupFields(line);
    if (fields.empty()) return bad("empty file line");
    BackupFileEntry e;
    e.rel = fields[0];
    bool have_crc = false;
    for (size_t j = 1; j < fields.size(); j += 2) {
      if (j + 1 >= fields.size()) return bad("odd fields in '" + line + "'");
      uint64_t n = 0;
      const bool num = ParseBackupUint(fields[j + 1], &n);
      if (fields[j] == "crc32" && num && n <= UINT32_MAX) {
        e.crc32c = static_cast<uint32_t>(n);
        have_crc = true;
      } else if (fields[j] == "size" && num) {
        e.size = n;
      } else if (fields[j] == "temp" && num) {
        // schema 2: the file's temperature; skyrocks has one
      } else if (fields[j].rfind("ni::", 0) != 0) {
        return bad("unknown field '" + fields[j] + "' in '" + line + "'");
      }
    }
    if (!have_crc) return bad("no crc32 for " + e.rel);
    meta->files.push_back(std::move(e));
  }
  return Status::OK();
}

std::string SharedChecksumName(const std::string& db_fname,
                               const std::string& session_id, uint32_t crc,
                               uint64_t size,
                               BackupEngineOptions::ShareFilesNaming naming) {
  const size_t dot = db_fname.rfind('.');
  const std::string stem = db_fname.substr(0, dot);
  const std::string ext = dot == std::string::npos ? "" : db_fname.substr(dot);
  const uint32_t kind = naming & BackupEngineOptions::kMaskNoNamingFlags;
  if (kind == BackupEngineOptions::kUseDbSessionId && !session_id.empty()) {
    std::string name = stem + "_s" + session_id;
    if ((naming & BackupEngineOptions::kFlagIncludeFileSize) != 0) {
      name += "_" + std::to_string(size);
    }
    return name + ext;
  }
  return stem + "_" + std::to_string(crc) + "_" + std::to_string(size) + ext;
}

std::string RestoredFileName(const std::string& rel) {
  const size_t slash = rel.rfind('/');
  const std::string base =
      slash == std::string::npos ? rel : rel.substr(slash + 1);
  if (rel.rfind("shared_checksum/", 0) != 0) return base;
  const size_t us = base.find('_');
  const size_t dot = base.rfind('.');
  if (us == std::string::npos) return base;
  return base.substr(0, us) +
         (dot == std::string::npos ? "" : base.substr(dot));
}

bool ParseBackupId(const std::string& name, BackupID* id) {
  uint64_t v = 0;
  if (!ParseBackupUint(name, &v) || v == 0 || v > UINT32_MAX) return false;
  *id = static_cast<BackupID>(v);
  return true;
}

}  // namespace ROCKSDB_NAMESPACE
