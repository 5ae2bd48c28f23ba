// NoDestructor<T>: a T constructed in place and never destroyed, for
// function-local statics that must outlive every other static (no
// destruction-order problems at exit). Use: static NoDestructor<T> x(args);
#ifndef SKYROCKS_UTIL_NO_DESTRUCTOR_H_
#define SKYROCKS_UTIL_NO_DESTRUCTOR_H_

#include <new>
#include <type_traits>
#include <utility>

#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {

template <typename T>
class NoDestructor {
 public:
  template <typename... Args>
  explicit NoDestructor(Args&&... args) {
    new (&storage_) T(std::forward<Args>(args)...);
  }
  NoDestructor(const NoDestructor&) = delete;
  NoDestructor& operator=(const NoDestructor&) = delete;
  ~NoDestructor() = default;  // T's destructor never runs

  T* get() { return std::launder(reinterpret_cast<T*>(&storage_)); }
  const T* get() const {
    return std::launder(reinterpret_cast<const T*>(&storage_));
  }
  T& operator*() { return *get(); }
  T* operator->() { return get(); }

 private:
  typename std::aligned_storage<sizeof(T), alignof(T)>::type storage_;
};

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_UTIL_NO_DESTRUCTOR_H_
