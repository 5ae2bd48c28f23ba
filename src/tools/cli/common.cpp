// What every command of the tool shares: exit codes, error printing, JSON
// and hex text, and progress on a terminal.
#include <sys/time.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "tools/cli/cli.h"

namespace skyrocks_cli {

namespace {

uint64_t NowMicrosForProgress() {
  struct timeval tv;
  gettimeofday(&tv, nullptr);
  return static_cast<uint64_t>(tv.tv_sec) * 1000000u +
         static_cast<uint64_t>(tv.tv_usec);
}

int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

int ExitCodeFor(const Status& s) {
  if (s.ok()) return kExitOk;
  if (s.IsNotFound()) return kExitNotFound;
  if (s.IsCorruption()) return kExitCorruption;
  if (s.IsInvalidArgument()) return kExitUsage;
  return kExitError;
}

int Fail(const Args& args, const Status& s) {
  std::fprintf(stderr, "skyrocks %s: %s\n", args.command.c_str(),
               s.ToString().c_str());
  if (args.json()) {
    std::printf("{\"error\":%s,\"exit_code\":%d}\n",
                JsonStr(s.ToString()).c_str(), ExitCodeFor(s));
  }
  return ExitCodeFor(s);
}

bool FlagTakesValue(const std::string& name) {
  static const char* const kValued[] = {
      "from",      "to",      "limit",    "cf", "cache-dir",
      "file-root", "min-age", "property", "db", "grace"};
  for (const char* v : kValued) {
    if (name == v) return true;
  }
  return false;
}

bool KnownFlag(const std::string& name) {
  static const char* const kSwitches[] = {"json", "hex", "create_if_missing",
                                          "dry-run", "no-clones"};
  for (const char* v : kSwitches) {
    if (name == v) return true;
  }
  return FlagTakesValue(name);
}

std::string JsonStr(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string JsonNum(uint64_t n) { return std::to_string(n); }

std::string ToHex(const std::string& s) {
  static const char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 2);
  for (unsigned char c : s) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

bool FromHex(const std::string& hex, std::string* out) {
  std::string h = hex;
  if (h.size() >= 2 && h[0] == '0' && (h[1] == 'x' || h[1] == 'X')) {
    h = h.substr(2);
  }
  if (h.size() % 2 != 0) return false;
  out->clear();
  for (size_t i = 0; i < h.size(); i += 2) {
    const int hi = HexDigitValue(h[i]), lo = HexDigitValue(h[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>(hi * 16 + lo));
  }
  return true;
}

Status ParseCount(const std::string& what, const std::string& text,
                  uint64_t* n) {
  char* end = nullptr;
  *n = std::strtoull(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0') {
    return Status::InvalidArgument(what + " is not a number: " + text);
  }
  return Status::OK();
}

Status DecodeArg(const Args& args, const std::string& what,
                 const std::string& in, std::string* out) {
  if (!args.hex()) {
    *out = in;
    return Status::OK();
  }
  if (!FromHex(in, out)) {
    return Status::InvalidArgument(what + " is not hex: " + in);
  }
  return Status::OK();
}

std::string EncodeOut(const Args& args, const std::string& bytes) {
  return args.hex() ? "0x" + ToHex(bytes) : bytes;
}

Progress::Progress(std::string what)
    : what_(std::move(what)),
      tty_(isatty(STDERR_FILENO) == 1),
      start_micros_(NowMicrosForProgress()) {}

Progress::~Progress() { Done(); }

void Progress::Tick(uint64_t n) {
  if (!tty_) return;
  const uint64_t now = NowMicrosForProgress();
  if (drawn_ && now - last_micros_ < 200000) return;
  last_micros_ = now;
  const double secs = static_cast<double>(now - start_micros_) / 1e6;
  const double rate = secs > 0 ? static_cast<double>(n) / secs : 0;
  std::fprintf(stderr, "\r%s: %llu (%.0f/s)   ", what_.c_str(),
               static_cast<unsigned long long>(n), rate);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::Done() {
  if (tty_ && drawn_) {
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
  }
  drawn_ = false;
}

}  // namespace skyrocks_cli
