// The C API's prefix extractors (rocksdb/c.h, "SliceTransform"): the
// built-in fixed-prefix and no-op transforms, one that calls the caller's
// functions with its state pointer (as RocksDB's c.cc: Transform returns
// the callback's pointer and length, never freed), and setting one on the
// options, which then own it.
#include <string>

#include "c/c_types.h"

namespace {

class CApiSliceTransform : public ROCKSDB_NAMESPACE::SliceTransform {
 public:
  using TransformFn = char* (*)(void*, const char*, size_t, size_t*);
  using PredicateFn = unsigned char (*)(void*, const char*, size_t);
  CApiSliceTransform(void* state, void (*destructor)(void*),
                     TransformFn transform, PredicateFn in_domain,
                     PredicateFn in_range, const char* (*name)(void*))
      : state_(state),
        destructor_(destructor),
        transform_(transform),
        in_domain_(in_domain),
        in_range_(in_range),
        name_(name) {}
  ~CApiSliceTransform() override {
    if (destructor_ != nullptr) (*destructor_)(state_);
  }
  const char* Name() const override { return (*name_)(state_); }
  ROCKSDB_NAMESPACE::Slice Transform(
      const ROCKSDB_NAMESPACE::Slice& key) const override {
    size_t len = 0;
    char* dst = (*transform_)(state_, key.data(), key.size(), &len);
    return ROCKSDB_NAMESPACE::Slice(dst, len);
  }
  bool InDomain(const ROCKSDB_NAMESPACE::Slice& key) const override {
    return (*in_domain_)(state_, key.data(), key.size()) != 0;
  }
  bool InRange(const ROCKSDB_NAMESPACE::Slice& key) const override {
    return (*in_range_)(state_, key.data(), key.size()) != 0;
  }

 private:
  void* const state_;
  void (*const destructor_)(void*);
  const TransformFn transform_;
  const PredicateFn in_domain_;
  const PredicateFn in_range_;
  const char* (*const name_)(void*);
};

}  // namespace

rocksdb_slicetransform_t* rocksdb_slicetransform_create(
    void* state, void (*destructor)(void*),
    char* (*transform)(void*, const char* key, size_t length,
                       size_t* dst_length),
    unsigned char (*in_domain)(void*, const char* key, size_t length),
    unsigned char (*in_range)(void*, const char* key, size_t length),
    const char* (*name)(void*)) {
  return new rocksdb_slicetransform_t{std::make_shared<CApiSliceTransform>(
      state, destructor, transform, in_domain, in_range, name)};
}

rocksdb_slicetransform_t* rocksdb_slicetransform_create_fixed_prefix(
    size_t prefix_len) {
  return new rocksdb_slicetransform_t{
      std::shared_ptr<const ROCKSDB_NAMESPACE::SliceTransform>(
          ROCKSDB_NAMESPACE::NewFixedPrefixTransform(prefix_len))};
}

rocksdb_slicetransform_t* rocksdb_slicetransform_create_noop(void) {
  return new rocksdb_slicetransform_t{
      std::shared_ptr<const ROCKSDB_NAMESPACE::SliceTransform>(
          ROCKSDB_NAMESPACE::NewNoopTransform())};
}

void rocksdb_slicetransform_destroy(rocksdb_slicetransform_t* st) {
  delete st;
}

void rocksdb_options_set_prefix_extractor(rocksdb_options_t* opt,
                                          rocksdb_slicetransform_t* st) {
  if (st == nullptr) {
    opt->rep.prefix_extractor.reset();
    return;
  }
  opt->rep.prefix_extractor = st->rep;
  delete st;
}
