// HTTP and RFC 3339 times; see cloud/http_time.h.
#include "cloud/http_time.h"

#include <cstdio>
#include <cstring>
#include <ctime>

namespace ROCKSDB_NAMESPACE {

namespace {

const char* const kHttpMonths[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* const kHttpWeekdays[7] = {"Sun", "Mon", "Tue", "Wed",
                                      "Thu", "Fri", "Sat"};

}  // namespace

std::string FormatHttpDate(int64_t unix_seconds) {
  const time_t t = static_cast<time_t>(unix_seconds);
  struct tm tm;
  gmtime_r(&t, &tm);
  char buf[64];
  snprintf(buf, sizeof(buf), "%s, %02d %s %04d %02d:%02d:%02d GMT",
           kHttpWeekdays[tm.tm_wday % 7], tm.tm_mday,
           kHttpMonths[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour,
           tm.tm_min, tm.tm_sec);
  return buf;
}

bool ParseHttpDate(const std::string& text, int64_t* unix_seconds) {
  char wday[4] = {}, mon[4] = {}, zone[4] = {};
  int day = 0, year = 0, hh = 0, mm = 0, ss = 0;
  // Field widths keep every number in range of an int (an overlong one
  // used to wrap, e.g. to a negative hour that passed the checks below).
  if (sscanf(text.c_str(), "%3s, %2d %3s %4d %2d:%2d:%2d %3s", wday, &day,
             mon, &year, &hh, &mm, &ss, zone) != 8 ||
      strcmp(zone, "GMT") != 0) {
    return false;
  }
  int month = -1;
  for (int i = 0; i < 12; i++) {
    if (strcmp(mon, kHttpMonths[i]) == 0) month = i;
  }
  if (month < 0 || day < 1 || day > 31 || year < 1970 || hh < 0 || hh > 23 ||
      mm < 0 || mm > 59 || ss < 0 || ss > 60) {
    return false;
  }
  struct tm tm = {};
  tm.tm_year = year - 1900;
  tm.tm_mon = month;
  tm.tm_mday = day;
  tm.tm_hour = hh;
  tm.tm_min = mm;
  tm.tm_sec = ss;
  *unix_seconds = static_cast<int64_t>(timegm(&tm));
  return true;
}

uint64_t ParseRfc3339Micros(const std::string& s) {
  int y, mo, d, h, mi, sec;
  if (s.size() < 20 || sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d,
                              &h, &mi, &sec) != 6) {
    return 0;
  }
  struct tm t;
  memset(&t, 0, sizeof(t));
  t.tm_year = y - 1900;
  t.tm_mon = mo - 1;
  t.tm_mday = d;
  t.tm_hour = h;
  t.tm_min = mi;
  t.tm_sec = sec;
  const time_t secs = timegm(&t);
  if (secs < 0) return 0;
  uint64_t micros = static_cast<uint64_t>(secs) * 1000000;
  if (s[19] == '.') {
    uint64_t frac = 0, scale = 100000;
    for (size_t i = 20; i < s.size() && s[i] >= '0' && s[i] <= '9'; i++) {
      frac += static_cast<uint64_t>(s[i] - '0') * scale;
      scale /= 10;
    }
    micros += frac;
  }
  return micros;
}

}  // namespace ROCKSDB_NAMESPACE
