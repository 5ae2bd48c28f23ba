// Internal key encoding and ordering; contracts in table/dbformat.h.
#include "table/dbformat.h"

namespace ROCKSDB_NAMESPACE {

std::string ParsedInternalKey::DebugString() const {
  return "'" + user_key.ToString(true) + "' seq:" + std::to_string(sequence) +
         ", type:" + std::to_string(static_cast<int>(type));
}

void AppendInternalKey(std::string* result, const Slice& user_key,
                       SequenceNumber seq, ValueType t) {
  result->append(user_key.data(), user_key.size());
  PutFixed64(result, PackSequenceAndType(seq, t));
}

void AppendInternalKey(std::string* result, const ParsedInternalKey& key) {
  AppendInternalKey(result, key.user_key, key.sequence, key.type);
}

Status ParseInternalKey(const Slice& internal_key, ParsedInternalKey* result) {
  const size_t n = internal_key.size();
  if (n < kInternalKeyTrailerSize) {
    return Status::Corruption(
        "internal key too short (" + std::to_string(n) + " bytes)",
        internal_key.ToString(true));
  }
  const uint64_t packed = ExtractInternalKeyFooter(internal_key);
  UnPackSequenceAndType(packed, &result->sequence, &result->type);
  result->user_key = ExtractUserKey(internal_key);
  if (result->type >= kTypeMaxValid) {
    return Status::Corruption(
        "internal key has unknown value type " +
            std::to_string(static_cast<int>(result->type)),
        internal_key.ToString(true));
  }
  return Status::OK();
}

int InternalKeyComparator::CompareWithUserComparator(const Slice& a,
                                                     const Slice& b) const {
  int r = user_comparator_->Compare(ExtractUserKey(a), ExtractUserKey(b));
  if (r == 0) {
    const uint64_t anum = ExtractInternalKeyFooter(a);
    const uint64_t bnum = ExtractInternalKeyFooter(b);
    if (anum > bnum) {
      r = -1;
    } else if (anum < bnum) {
      r = +1;
    }
  }
  return r;
}

int InternalKeyComparator::Compare(const ParsedInternalKey& a,
                                   const ParsedInternalKey& b) const {
  int r = user_comparator_->Compare(a.user_key, b.user_key);
  if (r == 0) {
    if (a.sequence > b.sequence) {
      r = -1;
    } else if (a.sequence < b.sequence) {
      r = +1;
    } else if (a.type > b.type) {
      r = -1;
    } else if (a.type < b.type) {
      r = +1;
    }
  }
  return r;
}

void InternalKeyComparator::FindShortestSeparator(std::string* start,
                                                  const Slice& limit) const {
  const Slice user_start = ExtractUserKey(*start);
  const Slice user_limit = ExtractUserKey(limit);
  std::string tmp(user_start.data(), user_start.size());
  user_comparator_->FindShortestSeparator(&tmp, user_limit);
  if (tmp.size() <= user_start.size() &&
      user_comparator_->Compare(user_start, tmp) < 0) {
    PutFixed64(&tmp,
               PackSequenceAndType(kMaxSequenceNumber, kValueTypeForSeek));
    start->swap(tmp);
  }
}

void InternalKeyComparator::FindShortSuccessor(std::string* key) const {
  const Slice user_key = ExtractUserKey(*key);
  std::string tmp(user_key.data(), user_key.size());
  user_comparator_->FindShortSuccessor(&tmp);
  if (tmp.size() <= user_key.size() &&
      user_comparator_->Compare(user_key, tmp) < 0) {
    PutFixed64(&tmp,
               PackSequenceAndType(kMaxSequenceNumber, kValueTypeForSeek));
    key->swap(tmp);
  }
}

}  // namespace ROCKSDB_NAMESPACE
