// The C API's callback-made objects (rocksdb/c.h, "Merge operators,
// comparators, environments"): merge operators and comparators that call
// the caller's functions with its state pointer, RocksDB's UInt64Add merge
// operator, and the default Env.
#include <cstdlib>
#include <string>
#include <vector>

#include "c/c_types.h"
#include "util/coding.h"

rocksdb_mergeoperator_t::~rocksdb_mergeoperator_t() {
  if (destructor != nullptr) (*destructor)(state);
}

const char* rocksdb_mergeoperator_t::Name() const { return (*name)(state); }

void rocksdb_mergeoperator_t::TakeResult(char* result, size_t len,
                                         std::string* out) const {
  if (result == nullptr) {
    out->clear();
    return;
  }
  out->assign(result, len);
  if (delete_value != nullptr) {
    (*delete_value)(state, result, len);
  } else {
    std::free(result);
  }
}

bool rocksdb_mergeoperator_t::FullMergeV2(
    const MergeOperationInput& merge_in,
    MergeOperationOutput* merge_out) const {
  std::vector<const char*> operands;
  std::vector<size_t> sizes;
  for (const ROCKSDB_NAMESPACE::Slice& op : merge_in.operand_list) {
    operands.push_back(op.data());
    sizes.push_back(op.size());
  }
  const ROCKSDB_NAMESPACE::Slice* existing = merge_in.existing_value;
  unsigned char success = 0;
  size_t new_value_len = 0;
  char* result = (*full_merge)(
      state, merge_in.key.data(), merge_in.key.size(),
      existing == nullptr ? nullptr : existing->data(),
      existing == nullptr ? 0 : existing->size(), operands.data(),
      sizes.data(), static_cast<int>(operands.size()), &success,
      &new_value_len);
  TakeResult(result, new_value_len, &merge_out->new_value);
  return success != 0;
}

bool rocksdb_mergeoperator_t::PartialMerge(
    const ROCKSDB_NAMESPACE::Slice& key, const ROCKSDB_NAMESPACE::Slice& left,
    const ROCKSDB_NAMESPACE::Slice& right, std::string* new_value,
    ROCKSDB_NAMESPACE::Logger* /*logger*/) const {
  if (partial_merge == nullptr) return false;
  const char* operands[2] = {left.data(), right.data()};
  size_t sizes[2] = {left.size(), right.size()};
  unsigned char success = 0;
  size_t new_value_len = 0;
  char* result = (*partial_merge)(state, key.data(), key.size(), operands,
                                  sizes, 2, &success, &new_value_len);
  TakeResult(result, new_value_len, new_value);
  return success != 0;
}

rocksdb_comparator_t::~rocksdb_comparator_t() {
  if (destructor != nullptr) (*destructor)(state);
}

int rocksdb_comparator_t::Compare(const ROCKSDB_NAMESPACE::Slice& a,
                                  const ROCKSDB_NAMESPACE::Slice& b) const {
  return (*compare)(state, a.data(), a.size(), b.data(), b.size());
}

const char* rocksdb_comparator_t::Name() const { return (*name)(state); }

namespace ROCKSDB_NAMESPACE {
namespace {

class CApiUInt64AddOperator : public AssociativeMergeOperator {
 public:
  bool Merge(const Slice& /*key*/, const Slice* existing_value,
             const Slice& value, std::string* new_value,
             Logger* /*logger*/) const override {
    uint64_t sum = (existing_value == nullptr ? 0 : Decode(*existing_value)) +
                   Decode(value);
    new_value->clear();
    PutFixed64(new_value, sum);
    return true;
  }
  const char* Name() const override { return "UInt64AddOperator"; }

 private:
  static uint64_t Decode(const Slice& s) {
    return s.size() == sizeof(uint64_t) ? DecodeFixed64(s.data()) : 0;
  }
};

}  // namespace

std::shared_ptr<MergeOperator> CApiNewUInt64AddOperator() {
  return std::make_shared<CApiUInt64AddOperator>();
}

extern "C" {

rocksdb_mergeoperator_t* rocksdb_mergeoperator_create(
    void* state, void (*destructor)(void*),
    char* (*full_merge)(void*, const char* key, size_t key_length,
                        const char* existing_value,
                        size_t existing_value_length,
                        const char* const* operands_list,
                        const size_t* operands_list_length, int num_operands,
                        unsigned char* success, size_t* new_value_length),
    char* (*partial_merge)(void*, const char* key, size_t key_length,
                           const char* const* operands_list,
                           const size_t* operands_list_length,
                           int num_operands, unsigned char* success,
                           size_t* new_value_length),
    void (*delete_value)(void*, const char* value, size_t value_length),
    const char* (*name)(void*)) {
  auto* result = new rocksdb_mergeoperator_t;
  result->state = state;
  result->destructor = destructor;
  result->full_merge = full_merge;
  result->partial_merge = partial_merge;
  result->delete_value = delete_value;
  result->name = name;
  return result;
}

void rocksdb_mergeoperator_destroy(rocksdb_mergeoperator_t* merge_operator) {
  delete merge_operator;
}

rocksdb_comparator_t* rocksdb_comparator_create(
    void* state, void (*destructor)(void*),
    int (*compare)(void*, const char* a, size_t alen, const char* b,
                   size_t blen),
    const char* (*name)(void*)) {
  auto* result = new rocksdb_comparator_t;
  result->state = state;
  result->destructor = destructor;
  result->compare = compare;
  result->name = name;
  return result;
}

void rocksdb_comparator_destroy(rocksdb_comparator_t* cmp) { delete cmp; }

rocksdb_env_t* rocksdb_create_default_env(void) {
  return new rocksdb_env_t{Env::Default(), true};
}

void rocksdb_env_set_background_threads(rocksdb_env_t* env, int n) {
  env->rep->SetBackgroundThreads(n, Env::LOW);
}

int rocksdb_env_get_background_threads(rocksdb_env_t* env) {
  return env->rep->GetBackgroundThreads(Env::LOW);
}

void rocksdb_env_set_high_priority_background_threads(rocksdb_env_t* env,
                                                      int n) {
  env->rep->SetBackgroundThreads(n, Env::HIGH);
}

int rocksdb_env_get_high_priority_background_threads(rocksdb_env_t* env) {
  return env->rep->GetBackgroundThreads(Env::HIGH);
}

void rocksdb_env_destroy(rocksdb_env_t* env) {
  if (!env->is_default) delete env->rep;
  delete env;
}

}  // extern "C"

}  // namespace ROCKSDB_NAMESPACE
