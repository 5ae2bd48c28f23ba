// `skyrocks`: the command-line tool for skyrocks DBs, local or in a bucket.
// Parses the command line, finds the command in the table below, prints
// --help for the tool or a command, and exits with the command's code
// (0 ok, 1 error, 2 usage, 3 not found, 4 corruption).
#include <cstdio>
#include <cstring>
#include <string>

#include "tools/cli/cli.h"

namespace skyrocks_cli {
namespace {

struct Command {
  const char* name;
  int (*run)(const Args&);
  const char* usage;
  const char* help;
};

const Command kCommands[] = {
    {"get", CmdGet, "get DB KEY", "print the value of KEY"},
    {"put", CmdPut, "put DB KEY VALUE [--create_if_missing]",
     "write KEY=VALUE (synced)"},
    {"delete", CmdDelete, "delete DB KEY", "delete KEY"},
    {"scan", CmdScan, "scan DB [--from K] [--to K] [--limit N]",
     "print 'key : value' for keys in [--from, --to)"},
    {"dump", CmdDump, "dump DB [--from K] [--to K] [--limit N]",
     "print 'key ==> value' lines (the input of load)"},
    {"load", CmdLoad, "load DB [--create_if_missing] < LINES",
     "write 'key ==> value' lines from stdin, then flush"},
    {"list_column_families", CmdListColumnFamilies, "list_column_families DB",
     "print the column families"},
    {"compact", CmdCompact, "compact DB [--from K] [--to K]",
     "compact the key range (default: everything)"},
    {"properties", CmdProperties, "properties DB [--property NAME]",
     "print DB properties and the live SSTs"},
    {"approxsize", CmdApproxSize, "approxsize DB --from K --to K",
     "approximate bytes of the key range"},
    {"checkconsistency", CmdCheckConsistency, "checkconsistency DB",
     "verify every SST block checksum and read every key"},
    {"manifest_dump", CmdManifestDump, "manifest_dump DB|MANIFEST_FILE",
     "print every VersionEdit of the DB's current MANIFEST"},
    {"sst", CmdSst,
     "sst scan|verify|properties FILE [--from K --to K --limit N]",
     "read one SST file (NNNNNN.sst or NNNNNN.sst-EPOCH)"},
    {"ls", CmdLs, "ls BUCKET_URL", "list the DBs of a bucket (dbid registry)"},
    {"info", CmdInfo, "info URL",
     "dbid, epoch, MANIFEST, live SSTs and bytes, requests made"},
    {"verify", CmdVerify, "verify URL",
     "check every live SST object's size, then every checksum"},
    {"clone", CmdClone, "clone SRC_URL DEST_URL",
     "make a durable zero-copy clone of SRC at DEST"},
    {"checkpoint", CmdCheckpoint, "checkpoint SRC_URL DEST_URL",
     "upload a consistent copy of SRC to DEST (same store)"},
    {"migrate", CmdMigrate, "migrate DIR URL",
     "copy a plain RocksDB directory into a bucket (DIR is unchanged)"},
    {"savepoint", CmdSavepoint, "savepoint URL",
     "copy a clone's shared SSTs so it no longer needs its sources"},
    {"gc", CmdGc,
     "gc URL [--dry-run] [--min-age SECONDS] [--grace SECONDS] [--no-clones]",
     "delete the objects the DB and its clones no longer need"},
    {"drop", CmdDrop, "drop URL",
     "drop the DB (its objects go at the next gc)"},
};

void PrintToolHelp(FILE* out) {
  std::fprintf(
      out,
      "usage: skyrocks COMMAND [ARGS] [--json] [--hex] [--cf NAME]\n"
      "\n"
      "DB is a directory or a URL: file:///DIR/BUCKET/PATH,\n"
      "s3://BUCKET/PATH, gs://BUCKET/PATH, az://ACCOUNT/CONTAINER/PATH\n"
      "(credentials and endpoints as the library: AWS_ENDPOINT_URL,\n"
      "STORAGE_EMULATOR_HOST, AZURE_STORAGE_CONNECTION_STRING, ...).\n"
      "A cloud DB is opened through a local cache directory\n"
      "(--cache-dir DIR, else a temporary one); read-only unless the\n"
      "command writes. --file-root DIR says where a file:// store's\n"
      "buckets are when it cannot be told.\n"
      "\n"
      "commands:\n");
  for (const auto& c : kCommands) {
    std::fprintf(out, "  %-22s %s\n", c.name, c.help);
  }
  std::fprintf(
      out,
      "\n"
      "--hex: keys and values in and out as hex (0x...). --json: one\n"
      "JSON document on stdout. Exit codes: 0 ok, 1 error, 2 usage,\n"
      "3 not found, 4 corruption. 'skyrocks COMMAND --help' for more.\n");
}

}  // namespace
}  // namespace skyrocks_cli

int main(int argc, char** argv) {
  using skyrocks_cli::Args;
  if (argc < 2) {
    skyrocks_cli::PrintToolHelp(stderr);
    return skyrocks_cli::kExitUsage;
  }
  const std::string first = argv[1];
  if (first == "--help" || first == "-h" || first == "help") {
    skyrocks_cli::PrintToolHelp(stdout);
    return skyrocks_cli::kExitOk;
  }
  const skyrocks_cli::Command* cmd = nullptr;
  for (const auto& c : skyrocks_cli::kCommands) {
    if (first == c.name) cmd = &c;
  }
  if (cmd == nullptr) {
    std::fprintf(stderr, "skyrocks: unknown command '%s' (skyrocks --help)\n",
                 first.c_str());
    return skyrocks_cli::kExitUsage;
  }
  Args args;
  args.command = cmd->name;
  bool help = false;
  for (int i = 2; i < argc; i++) {
    std::string a = argv[i];
    if (a == "--") {
      for (i++; i < argc; i++) args.positional.push_back(argv[i]);
      break;
    }
    if (a == "-h" || a == "--help") {
      help = true;
      continue;
    }
    if (a.rfind("--", 0) != 0 || a.size() == 2) {
      args.positional.push_back(a);
      continue;
    }
    std::string name = a.substr(2), value;
    const size_t eq = name.find('=');
    if (eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (skyrocks_cli::FlagTakesValue(name)) {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "skyrocks %s: --%s needs a value\n", cmd->name,
                     name.c_str());
        return skyrocks_cli::kExitUsage;
      }
      value = argv[++i];
    }
    if (!skyrocks_cli::KnownFlag(name)) {
      std::fprintf(stderr, "skyrocks %s: unknown option --%s\n", cmd->name,
                   name.c_str());
      return skyrocks_cli::kExitUsage;
    }
    args.flags[name] = value;
  }
  if (help) {
    std::printf("usage: skyrocks %s\n  %s\n", cmd->usage, cmd->help);
    return skyrocks_cli::kExitOk;
  }
  return cmd->run(args);
}
