#include "db/memtable.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include "db/skiplist.h"

namespace ROCKSDB_NAMESPACE {

namespace {

struct U64Cmp {
  int operator()(const uint64_t& a, const uint64_t& b) const {
    return a < b ? -1 : (a > b ? 1 : 0);
  }
  uint64_t Prefix(const uint64_t& k) const { return k / 16; }
};
using U64List = SkipList<uint64_t, U64Cmp, Arena>;

// Holds a memtable reference for a test.
struct MemTableHolder {
  InternalKeyComparator icmp{BytewiseComparator()};
  MemTable* mem;
  MemTableHolder() : mem(new MemTable(icmp)) { mem->Ref(); }
  ~MemTableHolder() { mem->Unref(); }
};

struct GetResult {
  bool done;
  Status s;
  std::string value;
  std::vector<std::string> operands;
};

GetResult DoGet(MemTable* mem, const std::string& key, SequenceNumber seq) {
  GetResult r;
  LookupKey lk(key, seq);
  MergeContext mc;
  SequenceNumber covering = 0;
  r.done = mem->Get(lk, &r.value, &r.s, &mc, &covering);
  r.operands = mc.GetOperandsNewestFirst();
  return r;
}

}  // namespace

TEST_CASE("skiplist: matches std::set under random inserts") {
  Arena arena;
  U64List list(U64Cmp(), &arena);
  std::set<uint64_t> model;
  std::mt19937_64 rng(301);
  for (int i = 0; i < 5000; i++) {
    const uint64_t k = rng() % 3000;
    CHECK(list.Insert(k) == model.insert(k).second);
  }
  for (uint64_t k = 0; k < 3000; k += 7) {
    CHECK(list.Contains(k) == (model.count(k) == 1));
  }
  U64List::Iterator it(&list);
  it.SeekToFirst();
  for (uint64_t k : model) {
    REQUIRE(it.Valid());
    CHECK(it.key() == k);
    it.Next();
  }
  CHECK(!it.Valid());
  it.SeekToLast();
  for (auto r = model.rbegin(); r != model.rend(); ++r) {
    REQUIRE(it.Valid());
    CHECK(it.key() == *r);
    it.Prev();
  }
  CHECK(!it.Valid());
  for (uint64_t t = 0; t < 3100; t += 13) {
    it.Seek(t);
    auto m = model.lower_bound(t);
    CHECK(it.Valid() == (m != model.end()));
    if (it.Valid()) CHECK(it.key() == *m);
    it.SeekForPrev(t);
    auto p = model.upper_bound(t);
    if (p == model.begin()) {
      CHECK(!it.Valid());
    } else {
      --p;
      REQUIRE(it.Valid());
      CHECK(it.key() == *p);
    }
  }
}

TEST_CASE("skiplist: appends, duplicates of the last key and prepared nodes") {
  // Ascending runs (the append fast path), duplicates of the last key,
  // keys below the last one, and nodes with a payload, against std::set.
  Arena arena;
  U64List list(U64Cmp(), &arena);
  std::set<uint64_t> model;
  std::mt19937_64 rng(7);
  uint64_t next = 1000;
  for (int i = 0; i < 6000; i++) {
    uint64_t k;
    switch (rng() % 4) {
      case 0:
        k = rng() % 4000;
        break;
      case 1:
        k = model.empty() ? 5 : *model.rbegin();
        break;
      default:
        k = next;
        next += 1 + rng() % 3;
        break;
    }
    bool inserted;
    if (i % 2 == 0) {
      inserted = list.Insert(k);
    } else {
      U64List::Prepared p;
      char* payload = list.Prepare(24, &p);
      std::fill(payload, payload + 24, static_cast<char>(0x5a));
      inserted = list.InsertPrepared(p, k);
    }
    CHECK(inserted == model.insert(k).second);
  }
  U64List::Iterator it(&list);
  it.SeekToFirst();
  for (uint64_t k : model) {
    REQUIRE(it.Valid());
    CHECK(it.key() == k);
    it.Next();
  }
  CHECK(!it.Valid());
  it.SeekToLast();
  REQUIRE(it.Valid());
  CHECK(it.key() == *model.rbegin());
  for (uint64_t k = 0; k < next + 5; k += 11) {
    CHECK(list.Contains(k) == (model.count(k) == 1));
  }
}

TEST_CASE("memtable: the inline bytewise order equals InternalKeyComparator") {
  // CompareBytewiseInternalKeys against the generic comparator on keys
  // with shared prefixes, prefixes of each other, high bytes and equal
  // user keys with different sequences/types.
  InternalKeyComparator icmp(BytewiseComparator());
  std::mt19937_64 rng(99);
  const char alphabet[] = {'\0', 'a', 'b', '\x7f', '\x80', '\xff'};
  auto random_key = [&] {
    std::string u;
    // Up to 19 bytes: the word-at-a-time part and the bytewise tail.
    const size_t n = rng() % 4 == 0 ? rng() % 4 : rng() % 20;
    for (size_t i = 0; i < n; i++) {
      // Mostly shared prefixes, so that later words decide.
      u.push_back(i < 9 && rng() % 4 != 0 ? 'k' : alphabet[rng() % 6]);
    }
    std::string ik;
    AppendInternalKey(&ik, u, rng() % 4, static_cast<ValueType>(rng() % 3));
    return ik;
  };
  auto sign = [](int r) { return r < 0 ? -1 : (r > 0 ? 1 : 0); };
  // The skiplist's link prefixes: a smaller prefix means a smaller key.
  const MemTable::KeyComparator kcmp(&icmp);
  auto entry = [](const std::string& ik) {
    std::string e;
    PutVarint32(&e, static_cast<uint32_t>(ik.size()));
    return e + ik;
  };
  for (int i = 0; i < 20000; i++) {
    const std::string a = random_key();
    const std::string b = random_key();
    const int order = sign(icmp.Compare(a, b));
    CHECK(sign(CompareBytewiseInternalKeys(a.data(), a.size(), b.data(),
                                           b.size())) == order);
    const uint64_t pa = kcmp.Prefix(entry(a).data());
    const uint64_t pb = kcmp.Prefix(entry(b).data());
    if (pa != pb) CHECK((pa < pb ? -1 : 1) == order);
  }
}

TEST_CASE("memtable: a non-bytewise user comparator orders the entries") {
  InternalKeyComparator icmp(ReverseBytewiseComparator());
  MemTable* mem = new MemTable(icmp);
  mem->Ref();
  const std::vector<std::string> keys = {"b", "a", "ab", "c", "", "ba"};
  SequenceNumber seq = 1;
  for (const std::string& k : keys) {
    REQUIRE(mem->Add(seq++, kTypeValue, k, "v" + k).ok());
  }
  std::vector<std::string> expected = keys;
  std::sort(expected.rbegin(), expected.rend());
  std::vector<std::string> got;
  std::unique_ptr<MemTable::Iterator> it = mem->NewIterator();
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    got.push_back(ExtractUserKey(it->key()).ToString());
    CHECK(it->value().ToString() == "v" + got.back());
  }
  CHECK(got == expected);
  GetResult r = DoGet(mem, "ab", 100);
  CHECK(r.done);
  CHECK(r.value == "vab");
  it.reset();
  mem->Unref();
}

TEST_CASE("skiplist: one writer and concurrent readers") {
  // Keys are (value << 1); the writer inserts them in random order while
  // readers check that every scan is sorted and that a key seen once stays
  // visible.
  Arena arena;
  U64List list(U64Cmp(), &arena);
  constexpr int kKeys = 20000;
  std::vector<uint64_t> order(kKeys);
  for (int i = 0; i < kKeys; i++) order[i] = static_cast<uint64_t>(i) * 2;
  std::shuffle(order.begin(), order.end(), std::mt19937_64(7));
  std::atomic<int> inserted{0};
  std::atomic<bool> failed{false};
  std::thread writer([&] {
    for (uint64_t k : order) {
      list.Insert(k);
      inserted.store(inserted.load() + 1, std::memory_order_release);
    }
  });
  auto reader = [&](int seed) {
    std::mt19937_64 rng(seed);
    while (inserted.load(std::memory_order_acquire) < kKeys) {
      const int known = inserted.load(std::memory_order_acquire);
      // Everything inserted before `known` must be found.
      for (int j = 0; j < 20 && known > 0; j++) {
        const uint64_t k = order[rng() % known];
        if (!list.Contains(k)) failed = true;
      }
      U64List::Iterator it(&list);
      uint64_t prev = 0;
      bool first = true;
      int n = 0;
      for (it.SeekToFirst(); it.Valid() && n < 2000; it.Next(), n++) {
        if (!first && it.key() <= prev) failed = true;
        if (it.key() % 2 != 0) failed = true;
        prev = it.key();
        first = false;
      }
    }
  };
  std::thread r1(reader, 1), r2(reader, 2);
  writer.join();
  r1.join();
  r2.join();
  CHECK(!failed.load());
  U64List::Iterator it(&list);
  int count = 0;
  for (it.SeekToFirst(); it.Valid(); it.Next()) count++;
  CHECK(count == kKeys);
}

TEST_CASE("memtable: entries ordered by user key then newest first") {
  MemTableHolder h;
  MemTable* mem = h.mem;
  REQUIRE(mem->Add(1, kTypeValue, "b", "b1").ok());
  REQUIRE(mem->Add(2, kTypeValue, "a", "a2").ok());
  REQUIRE(mem->Add(3, kTypeDeletion, "b", "").ok());
  REQUIRE(mem->Add(4, kTypeMerge, "c", "m4").ok());
  REQUIRE(mem->Add(5, kTypeValue, "b", "b5").ok());
  CHECK(mem->Add(5, kTypeValue, "b", "again").IsInvalidArgument());
  CHECK(mem->Add(6, kTypeLogData, "x", "").IsInvalidArgument());
  CHECK(mem->num_entries() == 5);
  CHECK(mem->num_deletes() == 1);
  CHECK(mem->GetFirstSequenceNumber() == 1);

  auto it = mem->NewIterator();
  std::vector<std::string> got;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ParsedInternalKey p;
    REQUIRE(ParseInternalKey(it->key(), &p).ok());
    got.push_back(p.user_key.ToString() + "@" + std::to_string(p.sequence) +
                  "=" + it->value().ToString());
  }
  CHECK(got == std::vector<std::string>{"a@2=a2", "b@5=b5", "b@3=", "b@1=b1",
                                        "c@4=m4"});
  // Seek on internal keys honours the sequence.
  it->Seek(InternalKey("b", 4, kValueTypeForSeek).Encode());
  REQUIRE(it->Valid());
  CHECK(it->value().ToString() == "");  // b@3 deletion
  it->SeekForPrev(InternalKey("b", 4, kValueTypeForSeek).Encode());
  REQUIRE(it->Valid());
  CHECK(it->value().ToString() == "b5");
  it->SeekToLast();
  CHECK(it->value().ToString() == "m4");
  it->Prev();
  CHECK(it->value().ToString() == "b1");
}

TEST_CASE("memtable: Get sees the newest entry visible at the sequence") {
  MemTableHolder h;
  MemTable* mem = h.mem;
  REQUIRE(mem->Add(1, kTypeValue, "k", "v1").ok());
  REQUIRE(mem->Add(2, kTypeDeletion, "k", "").ok());
  REQUIRE(mem->Add(3, kTypeValue, "k", "v3").ok());
  REQUIRE(mem->Add(4, kTypeSingleDeletion, "k", "").ok());
  REQUIRE(mem->Add(5, kTypeMerge, "k", "m5").ok());
  REQUIRE(mem->Add(6, kTypeMerge, "k", "m6").ok());
  REQUIRE(mem->Add(7, kTypeValue, "kk", "other").ok());

  GetResult r = DoGet(mem, "k", 0);
  CHECK(!r.done);
  r = DoGet(mem, "k", 1);
  CHECK((r.done && r.s.ok() && r.value == "v1"));
  r = DoGet(mem, "k", 2);
  CHECK((r.done && r.s.IsNotFound()));
  r = DoGet(mem, "k", 3);
  CHECK((r.done && r.s.ok() && r.value == "v3"));
  r = DoGet(mem, "k", 4);
  CHECK((r.done && r.s.IsNotFound()));
  r = DoGet(mem, "k", 6);
  CHECK((r.done && r.s.IsNotFound()));
  CHECK(r.operands == std::vector<std::string>{"m6", "m5"});
  r = DoGet(mem, "missing", 100);
  CHECK(!r.done);
  r = DoGet(mem, "kk", 6);
  CHECK(!r.done);
  r = DoGet(mem, "kk", 7);
  CHECK(r.value == "other");

  MemTableHolder h2;
  REQUIRE(h2.mem->Add(1, kTypeMerge, "m", "x").ok());
  REQUIRE(h2.mem->Add(2, kTypeMerge, "m", "y").ok());
  r = DoGet(h2.mem, "m", 10);
  CHECK(!r.done);
  CHECK(r.s.IsMergeInProgress());
  MergeContext mc;
  LookupKey lk("m", 10);
  std::string v;
  Status s;
  SequenceNumber cov = 0;
  h2.mem->Get(lk, &v, &s, &mc, &cov);
  CHECK(mc.GetOperands() == std::vector<Slice>{"x", "y"});  // oldest first
}

TEST_CASE("memtable: range tombstones hide older entries only") {
  MemTableHolder h;
  MemTable* mem = h.mem;
  REQUIRE(mem->Add(1, kTypeValue, "b", "old").ok());
  REQUIRE(mem->Add(2, kTypeRangeDeletion, "a", "c").ok());
  REQUIRE(mem->Add(3, kTypeValue, "b", "new").ok());
  REQUIRE(mem->Add(4, kTypeValue, "c", "edge").ok());
  CHECK(mem->num_range_deletes() == 1);
  GetResult r = DoGet(mem, "b", 1);
  CHECK(r.value == "old");
  r = DoGet(mem, "b", 2);
  CHECK((r.done && r.s.IsNotFound()));
  r = DoGet(mem, "b", 3);
  CHECK(r.value == "new");
  r = DoGet(mem, "c", 4);  // end key is exclusive
  CHECK(r.value == "edge");
  // A key only in older data, covered here: the search ends (deleted).
  r = DoGet(mem, "a0", 5);
  CHECK((r.done && r.s.IsNotFound()));
  CHECK(mem->MaxCoveringTombstoneSeq("a0", 5) == 2);
  CHECK(mem->MaxCoveringTombstoneSeq("a0", 1) == 0);
  CHECK(mem->MaxCoveringTombstoneSeq("c", 5) == 0);
  auto rit = mem->NewRangeTombstoneIterator();
  rit->SeekToFirst();
  REQUIRE(rit->Valid());
  CHECK(ExtractUserKey(rit->key()) == Slice("a"));
  CHECK(rit->value() == Slice("c"));
  rit->Next();
  CHECK(!rit->Valid());
  // Point iteration does not include tombstones.
  auto it = mem->NewIterator();
  int n = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) n++;
  CHECK(n == 3);
}

TEST_CASE("memtable: matches a std::map model and tracks memory") {
  MemTableHolder h;
  MemTable* mem = h.mem;
  std::map<std::string, std::string> model;  // at the last sequence
  std::mt19937_64 rng(11);
  const size_t before = mem->ApproximateMemoryUsage();
  SequenceNumber seq = 0;
  for (int i = 0; i < 3000; i++) {
    std::string k = "key" + std::to_string(rng() % 500);
    ++seq;
    if (rng() % 4 == 0) {
      REQUIRE(mem->Add(seq, kTypeDeletion, k, "").ok());
      model.erase(k);
    } else {
      std::string v = "v" + std::to_string(seq) + std::string(rng() % 50, 'x');
      REQUIRE(mem->Add(seq, kTypeValue, k, v).ok());
      model[k] = v;
    }
  }
  for (int i = 0; i < 500; i++) {
    const std::string k = "key" + std::to_string(i);
    GetResult r = DoGet(mem, k, seq);
    auto m = model.find(k);
    if (m == model.end()) {
      CHECK((!r.done || r.s.IsNotFound()));
    } else {
      CHECK(r.value == m->second);
    }
  }
  CHECK(mem->ApproximateMemoryUsage() > before + 3000 * 20);
  CHECK(mem->ApproximateMemoryUsage() < 3000 * 200);
}

}  // namespace ROCKSDB_NAMESPACE

namespace ROCKSDB_NAMESPACE {

TEST_CASE("memtable: the prefix Bloom filter answers Gets and prefix seeks") {
  for (const bool whole_keys : {false, true}) {
    INFO("memtable_whole_key_filtering " << whole_keys);
    InternalKeyComparator icmp(BytewiseComparator());
    MemTableBloomOptions bloom;
    bloom.prefix_extractor.reset(NewFixedPrefixTransform(3));
    bloom.bloom_bits = 8 * 1024;
    bloom.whole_key_filtering = whole_keys;
    MemTable* mem = new MemTable(icmp, Arena::kDefaultBlockSize, bloom);
    mem->Ref();
    REQUIRE(mem->Add(1, kTypeValue, "aaa1", "a").ok());
    REQUIRE(mem->Add(2, kTypeValue, "ccc1", "c").ok());
    REQUIRE(mem->Add(3, kTypeValue, "z", "short").ok());  // no prefix
    REQUIRE(mem->Add(4, kTypeRangeDeletion, "bbb0", "bbb9").ok());
    auto seek = [&](bool prefix_seek, const std::string& target) {
      std::unique_ptr<InternalIterator> it(
          NewMemTableInternalIterator(mem, false, prefix_seek));
      std::string ikey;
      AppendInternalKey(&ikey, target, kMaxSequenceNumber, kValueTypeForSeek);
      it->Seek(ikey);
      return it->Valid() ? ExtractUserKey(it->key()).ToString()
                         : std::string("(invalid)");
    };
    // The filter rules "bbb" out: a prefix seek stops there; a total-order
    // seek goes on to the next key. Keys of present prefixes are found.
    CHECK(seek(true, "bbb") == "(invalid)");
    CHECK(seek(false, "bbb") == "ccc1");
    CHECK(seek(true, "ccc") == "ccc1");
    CHECK(seek(true, "aaa0") == "aaa1");
    CHECK(seek(true, "z") == "z");  // outside the domain: not filtered
    CHECK(mem->PrefixMayMatch(Slice("ccc9\0\0\0\0\0\0\0\0", 12)));
    CHECK_FALSE(mem->PrefixMayMatch(Slice("ddd9\0\0\0\0\0\0\0\0", 12)));
    // Gets: found keys are found, the range tombstone still covers.
    CHECK(DoGet(mem, "ccc1", 10).value == "c");
    CHECK(DoGet(mem, "z", 10).value == "short");
    GetResult r = DoGet(mem, "bbb5", 10);
    CHECK(r.done);
    CHECK(r.s.IsNotFound());
    CHECK_FALSE(DoGet(mem, "ddd1", 10).done);
    mem->Unref();
  }
}

}  // namespace ROCKSDB_NAMESPACE
