// DBIter over a MergingIterator, model-checked: random internal entries
// (values, deletions, merges with an appending operator, range tombstones)
// spread over several children, read at random snapshots and bounds, with
// random moves in both directions; every step is compared with a model
// computed directly from the entries.
#include "db/db_iter.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "db/merging_iterator.h"
#include "db/range_del.h"

namespace ROCKSDB_NAMESPACE {

namespace {

// An InternalIterator over a sorted vector of (internal key, value).
class VectorInternalIterator : public InternalIterator {
 public:
  VectorInternalIterator(const InternalKeyComparator* cmp,
                         std::vector<std::pair<std::string, std::string>> kv)
      : cmp_(cmp), kv_(std::move(kv)) {
    std::sort(kv_.begin(), kv_.end(), [this](const auto& a, const auto& b) {
      return cmp_->Compare(a.first, b.first) < 0;
    });
  }
  bool Valid() const override { return pos_ >= 0 && pos_ < Size(); }
  void SeekToFirst() override { pos_ = 0; }
  void SeekToLast() override { pos_ = Size() - 1; }
  void Seek(const Slice& t) override {
    pos_ = 0;
    while (pos_ < Size() && cmp_->Compare(kv_[pos_].first, t) < 0) pos_++;
  }
  void SeekForPrev(const Slice& t) override {
    pos_ = Size() - 1;
    while (pos_ >= 0 && cmp_->Compare(kv_[pos_].first, t) > 0) pos_--;
  }
  void Next() override { pos_++; }
  void Prev() override { pos_--; }
  Slice key() const override { return kv_[pos_].first; }
  Slice value() const override { return kv_[pos_].second; }
  Status status() const override { return Status::OK(); }

 private:
  int Size() const { return static_cast<int>(kv_.size()); }
  const InternalKeyComparator* cmp_;
  std::vector<std::pair<std::string, std::string>> kv_;
  int pos_ = -1;
};

class AppendOperator : public AssociativeMergeOperator {
 public:
  bool Merge(const Slice&, const Slice* existing, const Slice& value,
             std::string* out, Logger*) const override {
    *out = existing ? existing->ToString() + "," + value.ToString()
                    : value.ToString();
    return true;
  }
  const char* Name() const override { return "test.append"; }
};

struct ModelEntry {
  std::string key;
  SequenceNumber seq;
  ValueType type;
  std::string value;
};
struct ModelTombstone {
  std::string begin, end;
  SequenceNumber seq;
};

std::string IterKey(int i) {
  char buf[16];
  snprintf(buf, sizeof(buf), "k%03d", i);
  return buf;
}

// key -> visible value at read_seq.
std::map<std::string, std::string> Model(
    const std::vector<ModelEntry>& entries,
    const std::vector<ModelTombstone>& tombs, SequenceNumber read_seq) {
  std::map<std::string, std::vector<const ModelEntry*>> by_key;
  for (const auto& e : entries) {
    if (e.seq <= read_seq) by_key[e.key].push_back(&e);
  }
  std::map<std::string, std::string> out;
  for (auto& kv : by_key) {
    auto& es = kv.second;
    std::sort(es.begin(), es.end(),
              [](const ModelEntry* a, const ModelEntry* b) { return a->seq > b->seq; });
    std::vector<std::string> ops;  // newest first
    bool has = false;
    std::string base;
    for (const ModelEntry* e : es) {
      bool covered = false;
      for (const auto& t : tombs) {
        if (t.seq <= read_seq && t.seq > e->seq && t.begin <= e->key &&
            e->key < t.end) {
          covered = true;
        }
      }
      if (covered || e->type == kTypeDeletion) break;
      if (e->type == kTypeMerge) {
        ops.push_back(e->value);
        continue;
      }
      has = true;
      base = e->value;
      break;
    }
    if (ops.empty() && !has) continue;
    std::string v = has ? base : "";
    bool first = !has;
    for (auto it = ops.rbegin(); it != ops.rend(); ++it) {
      v = first ? *it : v + "," + *it;
      first = false;
    }
    out[kv.first] = v;
  }
  return out;
}

}  // namespace

TEST_CASE("db_iter: model-checked over merged children, snapshots, bounds") {
  InternalKeyComparator icmp(BytewiseComparator());
  AppendOperator op;
  for (uint32_t seed = 1; seed <= 40; seed++) {
    CAPTURE(seed);
    std::mt19937 rng(seed);
    const int nkeys = 5 + rng() % 30;
    std::vector<ModelEntry> entries;
    std::vector<ModelTombstone> tombs;
    SequenceNumber seq = 0;
    const int nops = 20 + rng() % 150;
    for (int i = 0; i < nops; i++) {
      seq++;
      const int r = rng() % 10;
      if (r < 1) {
        int a = rng() % nkeys, b = rng() % (nkeys + 1);
        if (a > b) std::swap(a, b);
        tombs.push_back({IterKey(a), IterKey(b), seq});
        continue;
      }
      ValueType t = r < 5 ? kTypeValue : r < 7 ? kTypeDeletion : kTypeMerge;
      entries.push_back({IterKey(rng() % nkeys), seq, t,
                         t == kTypeDeletion ? "" : "v" + std::to_string(seq)});
    }
    // Spread over 3 children (like memtable, L0, L1).
    std::vector<std::vector<std::pair<std::string, std::string>>> parts(3);
    for (const auto& e : entries) {
      std::string ik;
      AppendInternalKey(&ik, e.key, e.seq, e.type);
      parts[rng() % 3].emplace_back(ik, e.value);
    }
    for (int round = 0; round < 8; round++) {
      const SequenceNumber read_seq = rng() % 3 == 0 ? seq : rng() % (seq + 1);
      std::string lower, upper;
      DBIterArgs args;
      args.ucmp = BytewiseComparator();
      args.merge_operator = &op;
      args.read_seq = read_seq;
      auto rt = std::make_unique<RangeTombstones>(BytewiseComparator(), read_seq);
      for (const auto& t : tombs) rt->Add(t.begin, t.end, t.seq);
      rt->Finish();
      args.tombstones = std::move(rt);
      Slice lower_s, upper_s;
      if (rng() % 3 == 0) {
        lower = IterKey(rng() % nkeys);
        lower_s = lower;
        args.lower_bound = &lower_s;
      }
      if (rng() % 3 == 0) {
        upper = IterKey(rng() % (nkeys + 1));
        upper_s = upper;
        args.upper_bound = &upper_s;
      }
      std::map<std::string, std::string> model = Model(entries, tombs, read_seq);
      std::vector<std::pair<std::string, std::string>> visible;
      for (const auto& kv : model) {
        if (!lower.empty() && kv.first < lower) continue;
        if (!upper.empty() && kv.first >= upper) continue;
        visible.push_back(kv);
      }
      std::vector<InternalIterator*> children;
      for (const auto& p : parts) children.push_back(new VectorInternalIterator(&icmp, p));
      std::unique_ptr<Iterator> it(
          NewDBIterator(NewMergingIterator(&icmp, children), std::move(args)));
      int pos = -1;  // model position; -1 or size() = invalid
      const int n = static_cast<int>(visible.size());
      for (int step = 0; step < 60; step++) {
        const int op_kind = rng() % 6;
        if (op_kind == 0) {
          it->SeekToFirst();
          pos = n > 0 ? 0 : -1;
        } else if (op_kind == 1) {
          it->SeekToLast();
          pos = n - 1;
        } else if (op_kind == 2) {
          const std::string t = IterKey(rng() % (nkeys + 1)) + (rng() % 2 ? "" : "x");
          it->Seek(t);
          pos = static_cast<int>(std::lower_bound(visible.begin(), visible.end(), t,
                                                  [](const auto& a, const std::string& b) {
                                                    return a.first < b;
                                                  }) - visible.begin());
        } else if (op_kind == 3) {
          const std::string t = IterKey(rng() % (nkeys + 1)) + (rng() % 2 ? "" : "x");
          it->SeekForPrev(t);
          pos = static_cast<int>(std::upper_bound(visible.begin(), visible.end(), t,
                                                  [](const std::string& a, const auto& b) {
                                                    return a < b.first;
                                                  }) - visible.begin()) - 1;
        } else if (op_kind == 4) {
          if (!it->Valid()) continue;
          it->Next();
          pos++;
        } else {
          if (!it->Valid()) continue;
          it->Prev();
          pos--;
        }
        const bool model_valid = pos >= 0 && pos < n;
        REQUIRE(it->status().ok());
        REQUIRE(it->Valid() == model_valid);
        if (model_valid) {
          REQUIRE(it->key().ToString() == visible[pos].first);
          REQUIRE(it->value().ToString() == visible[pos].second);
        } else {
          pos = -1;
        }
      }
    }
  }
}

TEST_CASE("db_iter: merge without an operator fails with a clear status") {
  InternalKeyComparator icmp(BytewiseComparator());
  std::string ik;
  AppendInternalKey(&ik, "k", 1, kTypeMerge);
  DBIterArgs args;
  args.ucmp = BytewiseComparator();
  std::unique_ptr<Iterator> it(NewDBIterator(
      new VectorInternalIterator(&icmp, {{ik, "x"}}), std::move(args)));
  it->SeekToFirst();
  CHECK_FALSE(it->Valid());
  CHECK(it->status().IsInvalidArgument());
  CHECK(it->status().ToString().find("'6B'") != std::string::npos);
}

TEST_CASE("range tombstones: fragments answer the newest covering sequence") {
  RangeTombstones t(BytewiseComparator(), 100);
  t.Add("b", "f", 10);
  t.Add("d", "h", 20);
  t.Add("a", "z", 200);  // newer than the read: invisible
  t.Finish();
  CHECK(t.MaxCoveringSeq("a") == 0);
  CHECK(t.MaxCoveringSeq("b") == 10);
  CHECK(t.MaxCoveringSeq("d") == 20);
  CHECK(t.MaxCoveringSeq("f") == 20);
  CHECK(t.MaxCoveringSeq("h") == 0);
  CHECK(t.ShouldDelete("c", 9));
  CHECK_FALSE(t.ShouldDelete("c", 10));
}

TEST_CASE("range tombstones: a point lookup's scan agrees with the fragments") {
  // RaiseMaxCoveringSeq (Get's one-pass scan of an SST's range-deletion
  // block) against RangeTombstones, over random tombstones, read sequences
  // and keys; a starting *max_seq above every answer must stay.
  InternalKeyComparator icmp(BytewiseComparator());
  std::mt19937 rng(7);
  auto key = [&rng] { return std::string(1, static_cast<char>('a' + rng() % 12)); };
  for (int round = 0; round < 200; round++) {
    std::vector<std::pair<std::string, std::string>> kv;
    const SequenceNumber read_seq = 1 + rng() % 40;
    RangeTombstones t(BytewiseComparator(), read_seq);
    for (int i = 0, n = static_cast<int>(rng() % 6); i < n; i++) {
      std::string b = key(), e = key(), ik;
      const SequenceNumber seq = 1 + rng() % 40;
      AppendInternalKey(&ik, b, seq, kTypeRangeDeletion);
      kv.emplace_back(ik, e);
      t.Add(b, e, seq);
    }
    t.Finish();
    VectorInternalIterator it(&icmp, kv);
    for (char c = 'a'; c < 'a' + 13; c++) {
      const std::string k(1, c);
      SequenceNumber got = 0;
      REQUIRE(RaiseMaxCoveringSeq(&it, BytewiseComparator(), read_seq, k, &got).ok());
      CHECK(got == t.MaxCoveringSeq(k));
      SequenceNumber high = 41;
      REQUIRE(RaiseMaxCoveringSeq(&it, BytewiseComparator(), read_seq, k, &high).ok());
      CHECK(high == 41);
    }
  }
  VectorInternalIterator bad(&icmp, {{"x", "z"}});  // shorter than a footer
  SequenceNumber got = 0;
  CHECK(RaiseMaxCoveringSeq(&bad, BytewiseComparator(), 9, "x", &got).IsCorruption());
}

}  // namespace ROCKSDB_NAMESPACE
