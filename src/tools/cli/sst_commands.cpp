// sst_dump's commands on one SST file (a plain NNNNNN.sst or a cloud
// NNNNNN.sst-<epoch>), through the public SstFileReader:
//   sst scan FILE [--from --to --limit --hex]   its entries, "k : v"
//   sst verify FILE                             every block's checksum
//   sst properties FILE                         its table properties
#include <cstdio>
#include <memory>
#include <string>

#include "rocksdb/iterator.h"
#include "rocksdb/options.h"
#include "rocksdb/sst_file_reader.h"
#include "rocksdb/table_properties.h"
#include "tools/cli/cli.h"

namespace skyrocks_cli {

namespace ROCKS = ROCKSDB_NAMESPACE;

namespace {

int SstScan(const Args& args, ROCKS::SstFileReader* reader) {
  std::string from, to;
  Status s = DecodeArg(args, "--from", args.Get("from"), &from);
  if (s.ok()) s = DecodeArg(args, "--to", args.Get("to"), &to);
  uint64_t limit = 0;
  if (s.ok() && args.Has("limit")) {
    s = ParseCount("--limit", args.Get("limit"), &limit);
  }
  if (!s.ok()) return Fail(args, s);
  ROCKS::ReadOptions ro;
  ro.verify_checksums = true;
  std::unique_ptr<ROCKS::Iterator> it(reader->NewIterator(ro));
  if (from.empty()) {
    it->SeekToFirst();
  } else {
    it->Seek(from);
  }
  uint64_t n = 0;
  Progress progress("sst scan");
  if (args.json()) std::printf("{\"entries\":[");
  for (; it->Valid(); it->Next()) {
    if (!to.empty() && it->key().compare(to) >= 0) break;
    if (limit != 0 && n >= limit) break;
    const std::string k = EncodeOut(args, it->key().ToString());
    const std::string v = EncodeOut(args, it->value().ToString());
    if (args.json()) {
      std::printf("%s{\"key\":%s,\"value\":%s}", n == 0 ? "" : ",",
                  JsonStr(k).c_str(), JsonStr(v).c_str());
    } else {
      std::fwrite(k.data(), 1, k.size(), stdout);
      std::fputs(" : ", stdout);
      std::fwrite(v.data(), 1, v.size(), stdout);
      std::fputc('\n', stdout);
    }
    progress.Tick(++n);
  }
  progress.Done();
  if (args.json()) std::printf("],\"count\":%s}\n", JsonNum(n).c_str());
  if (!it->status().ok()) return Fail(args, it->status());
  return kExitOk;
}

int SstProperties(const Args& args, ROCKS::SstFileReader* reader,
                  const std::string& file) {
  auto p = reader->GetTableProperties();
  if (p == nullptr) {
    return Fail(args, Status::Corruption(file + ": no table properties"));
  }
  const std::pair<const char*, uint64_t> nums[] = {
      {"num_entries", p->num_entries},
      {"num_deletions", p->num_deletions},
      {"num_merge_operands", p->num_merge_operands},
      {"num_range_deletions", p->num_range_deletions},
      {"num_data_blocks", p->num_data_blocks},
      {"data_size", p->data_size},
      {"index_size", p->index_size},
      {"filter_size", p->filter_size},
      {"raw_key_size", p->raw_key_size},
      {"raw_value_size", p->raw_value_size},
      {"format_version", p->format_version},
      {"column_family_id", p->column_family_id},
      {"creation_time", p->creation_time},
      {"file_creation_time", p->file_creation_time},
  };
  const std::pair<const char*, std::string> strs[] = {
      {"column_family_name", p->column_family_name},
      {"comparator_name", p->comparator_name},
      {"merge_operator_name", p->merge_operator_name},
      {"filter_policy_name", p->filter_policy_name},
      {"compression_name", p->compression_name},
      {"db_id", p->db_id},
      {"db_session_id", p->db_session_id},
  };
  if (args.json()) {
    std::string out = "{\"file\":" + JsonStr(file);
    for (const auto& n : nums) {
      out += ",\"" + std::string(n.first) + "\":" + JsonNum(n.second);
    }
    for (const auto& n : strs) {
      out += ",\"" + std::string(n.first) + "\":" + JsonStr(n.second);
    }
    std::printf("%s}\n", out.c_str());
  } else {
    for (const auto& n : nums) {
      std::printf("%s: %llu\n", n.first,
                  static_cast<unsigned long long>(n.second));
    }
    for (const auto& n : strs) {
      std::printf("%s: %s\n", n.first, n.second.c_str());
    }
  }
  return kExitOk;
}

}  // namespace

int CmdSst(const Args& args) {
  if (args.positional.size() != 2) {
    return Fail(args, Status::InvalidArgument(
                          "usage: skyrocks sst scan|verify|properties FILE"));
  }
  const std::string& sub = args.positional[0];
  const std::string& file = args.positional[1];
  if (sub != "scan" && sub != "verify" && sub != "properties") {
    return Fail(args, Status::InvalidArgument("unknown sst command: " + sub));
  }
  ROCKS::Options options;
  ROCKS::SstFileReader reader(options);
  Status s = reader.Open(file);
  if (!s.ok()) return Fail(args, s);
  if (sub == "scan") return SstScan(args, &reader);
  if (sub == "properties") return SstProperties(args, &reader, file);
  s = reader.VerifyChecksum();
  if (!s.ok()) return Fail(args, s);
  if (args.json()) {
    std::printf("{\"ok\":true,\"file\":%s}\n", JsonStr(file).c_str());
  } else {
    std::printf("OK %s\n", file.c_str());
  }
  return kExitOk;
}

}  // namespace skyrocks_cli
