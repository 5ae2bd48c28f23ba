// env/mock_clock: time moves only when told or slept on.
#include "env/mock_clock.h"

#include <doctest/doctest.h>

namespace ROCKSDB_NAMESPACE {

TEST_CASE("mock clock: deterministic time") {
  MockSystemClock clock(5000000);
  CHECK(clock.NowMicros() == 5000000);
  clock.SleepForMicroseconds(1500);
  CHECK(clock.NowMicros() == 5001500);
  CHECK(clock.sleeps() == 1);
  clock.AdvanceMicros(500);
  CHECK(clock.NowNanos() == 5002000000ull);
  int64_t t = 0;
  CHECK(clock.GetCurrentTime(&t).ok());
  CHECK(t == 5);
  CHECK(clock.TimeToString(0).size() == 19);
}

}  // namespace ROCKSDB_NAMESPACE
