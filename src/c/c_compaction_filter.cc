// The C API's compaction filters and their factories (rocksdb/c.h,
// "Compaction filters"), RocksDB 7.8.3's c.cc semantics: the filter
// callback returns non-zero to remove the value, or sets *value_changed
// and *new_value (the caller's memory, copied) to rewrite it.
#include <memory>
#include <string>

#include "c/c_types.h"

rocksdb_compactionfilter_t::~rocksdb_compactionfilter_t() {
  if (destructor != nullptr) (*destructor)(state);
}

bool rocksdb_compactionfilter_t::Filter(
    int level, const ROCKSDB_NAMESPACE::Slice& key,
    const ROCKSDB_NAMESPACE::Slice& existing_value, std::string* new_value,
    bool* value_changed) const {
  char* c_new_value = nullptr;
  size_t new_value_length = 0;
  unsigned char c_value_changed = 0;
  const unsigned char remove = (*filter)(
      state, level, key.data(), key.size(), existing_value.data(),
      existing_value.size(), &c_new_value, &new_value_length, &c_value_changed);
  if (c_value_changed) {
    new_value->assign(c_new_value, new_value_length);
    *value_changed = true;
  }
  return remove != 0;
}

rocksdb_compactionfilterfactory_t::~rocksdb_compactionfilterfactory_t() {
  if (destructor != nullptr) (*destructor)(state);
}

std::unique_ptr<ROCKSDB_NAMESPACE::CompactionFilter>
rocksdb_compactionfilterfactory_t::CreateCompactionFilter(
    const ROCKSDB_NAMESPACE::CompactionFilter::Context& context) {
  rocksdb_compactionfiltercontext_t c;
  c.rep = context;
  return std::unique_ptr<ROCKSDB_NAMESPACE::CompactionFilter>(
      (*create)(state, &c));
}

namespace ROCKSDB_NAMESPACE {

extern "C" {

rocksdb_compactionfilter_t* rocksdb_compactionfilter_create(
    void* state, void (*destructor)(void*),
    unsigned char (*filter)(void*, int level, const char* key,
                            size_t key_length, const char* existing_value,
                            size_t value_length, char** new_value,
                            size_t* new_value_length,
                            unsigned char* value_changed),
    const char* (*name)(void*)) {
  auto* f = new rocksdb_compactionfilter_t;
  f->state = state;
  f->destructor = destructor;
  f->filter = filter;
  f->name = name;
  return f;
}

void rocksdb_compactionfilter_set_ignore_snapshots(
    rocksdb_compactionfilter_t* filter, unsigned char whether_ignore) {
  filter->ignore_snapshots = whether_ignore != 0;
}

void rocksdb_compactionfilter_destroy(rocksdb_compactionfilter_t* filter) {
  delete filter;
}

unsigned char rocksdb_compactionfiltercontext_is_full_compaction(
    rocksdb_compactionfiltercontext_t* context) {
  return context->rep.is_full_compaction;
}

unsigned char rocksdb_compactionfiltercontext_is_manual_compaction(
    rocksdb_compactionfiltercontext_t* context) {
  return context->rep.is_manual_compaction;
}

rocksdb_compactionfilterfactory_t* rocksdb_compactionfilterfactory_create(
    void* state, void (*destructor)(void*),
    rocksdb_compactionfilter_t* (*create_compaction_filter)(
        void*, rocksdb_compactionfiltercontext_t* context),
    const char* (*name)(void*)) {
  auto* f = new rocksdb_compactionfilterfactory_t;
  f->state = state;
  f->destructor = destructor;
  f->create = create_compaction_filter;
  f->name = name;
  return f;
}

void rocksdb_compactionfilterfactory_destroy(
    rocksdb_compactionfilterfactory_t* factory) {
  delete factory;
}

void rocksdb_options_set_compaction_filter(rocksdb_options_t* opt,
                                           rocksdb_compactionfilter_t* filter) {
  opt->rep.compaction_filter = filter;
}

void rocksdb_options_set_compaction_filter_factory(
    rocksdb_options_t* opt, rocksdb_compactionfilterfactory_t* factory) {
  opt->rep.compaction_filter_factory =
      std::shared_ptr<CompactionFilterFactory>(factory);
}

}  // extern "C"

}  // namespace ROCKSDB_NAMESPACE
