#include "table/dbformat.h"

#include <doctest/doctest.h>

namespace ROCKSDB_NAMESPACE {

TEST_CASE("dbformat: internal key layout matches RocksDB's worked example") {
  // doc/table_format.md, "Example": 'apple' seq 1 type 1 -> 'apple' 01 01 00..
  std::string k;
  AppendInternalKey(&k, "apple", 1, kTypeValue);
  CHECK(k == std::string("apple\x01\x01\x00\x00\x00\x00\x00\x00", 13));
  ParsedInternalKey p;
  REQUIRE(ParseInternalKey(k, &p).ok());
  CHECK(p.user_key == Slice("apple"));
  CHECK(p.sequence == 1);
  CHECK(p.type == kTypeValue);
  CHECK(ParseInternalKey("short", &p).IsCorruption());
  std::string bad;
  AppendInternalKey(&bad, "k", 5, static_cast<ValueType>(0x40));
  CHECK(ParseInternalKey(bad, &p).IsCorruption());
}

TEST_CASE("dbformat: ordering is user key asc, sequence desc, type desc") {
  InternalKeyComparator icmp(BytewiseComparator());
  CHECK(std::string(icmp.Name()) ==
        "rocksdb.InternalKeyComparator:leveldb.BytewiseComparator");
  auto ik = [](const char* u, SequenceNumber s, ValueType t) {
    std::string r;
    AppendInternalKey(&r, u, s, t);
    return r;
  };
  CHECK(icmp.Compare(ik("a", 1, kTypeValue), ik("b", 9, kTypeValue)) < 0);
  CHECK(icmp.Compare(ik("a", 9, kTypeValue), ik("a", 1, kTypeValue)) < 0);
  CHECK(icmp.Compare(ik("a", 5, kTypeValue), ik("a", 5, kTypeDeletion)) < 0);
  CHECK(icmp.Compare(ik("a", 5, kValueTypeForSeek), ik("a", 5, kTypeValue)) <
        0);
  CHECK(icmp.Compare(ik("ab", 5, kTypeValue), ik("ab", 5, kTypeValue)) == 0);
}

TEST_CASE("dbformat: separators stay between their bounds") {
  InternalKeyComparator icmp(BytewiseComparator());
  auto check_sep = [&](const std::string& a, const std::string& b) {
    std::string start, limit;
    AppendInternalKey(&start, a, 100, kTypeValue);
    AppendInternalKey(&limit, b, 200, kTypeValue);
    std::string sep = start;
    icmp.FindShortestSeparator(&sep, limit);
    CHECK(icmp.Compare(start, sep) <= 0);
    CHECK(icmp.Compare(sep, limit) < 0);
    return ExtractUserKey(sep).ToString();
  };
  CHECK(check_sep("abcdef", "abzzzz") == "abd");
  CHECK(check_sep("abc", "abcd") == "abc");
  CHECK(check_sep("ab1", "ab2") == "ab1");
  CHECK(check_sep(std::string("ab\x01\xff\x05", 5), "ab\x02") ==
        std::string("ab\x01\xff\x06", 5));
  std::string succ;
  AppendInternalKey(&succ, "abc", 7, kTypeValue);
  icmp.FindShortSuccessor(&succ);
  CHECK(ExtractUserKey(succ).ToString() == "b");
}

TEST_CASE("comparator: bytewise and reverse names and order") {
  CHECK(std::string(BytewiseComparator()->Name()) ==
        "leveldb.BytewiseComparator");
  CHECK(BytewiseComparator()->Compare("a", "ab") < 0);
  CHECK(BytewiseComparator()->Compare("\xff", "a") > 0);
  CHECK(std::string(ReverseBytewiseComparator()->Name()) ==
        "rocksdb.ReverseBytewiseComparator");
  CHECK(ReverseBytewiseComparator()->Compare("a", "b") > 0);
}

}  // namespace ROCKSDB_NAMESPACE
