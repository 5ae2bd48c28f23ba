// Clang thread-safety annotations (no-ops under GCC). They document which
// mutex guards which field; clang -Wthread-safety checks them.
#ifndef SKYROCKS_PORT_THREAD_ANNOTATIONS_H_
#define SKYROCKS_PORT_THREAD_ANNOTATIONS_H_

#if defined(__clang__)
#define SKYROCKS_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define SKYROCKS_THREAD_ANNOTATION(x)
#endif

#define SKYROCKS_GUARDED_BY(x) SKYROCKS_THREAD_ANNOTATION(guarded_by(x))
#define SKYROCKS_PT_GUARDED_BY(x) SKYROCKS_THREAD_ANNOTATION(pt_guarded_by(x))
#define SKYROCKS_EXCLUSIVE_LOCKS_REQUIRED(...) \
  SKYROCKS_THREAD_ANNOTATION(exclusive_locks_required(__VA_ARGS__))
#define SKYROCKS_LOCKS_EXCLUDED(...) \
  SKYROCKS_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define SKYROCKS_LOCKABLE SKYROCKS_THREAD_ANNOTATION(lockable)
#define SKYROCKS_SCOPED_LOCKABLE SKYROCKS_THREAD_ANNOTATION(scoped_lockable)
#define SKYROCKS_EXCLUSIVE_LOCK_FUNCTION(...) \
  SKYROCKS_THREAD_ANNOTATION(exclusive_lock_function(__VA_ARGS__))
#define SKYROCKS_UNLOCK_FUNCTION(...) \
  SKYROCKS_THREAD_ANNOTATION(unlock_function(__VA_ARGS__))
#define SKYROCKS_ASSERT_EXCLUSIVE_LOCK(...) \
  SKYROCKS_THREAD_ANNOTATION(assert_exclusive_lock(__VA_ARGS__))

#endif  // SKYROCKS_PORT_THREAD_ANNOTATIONS_H_
