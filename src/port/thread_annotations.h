// Clang thread-safety annotations (no-ops under GCC). They document which
// mutex guards which field and which functions need it held; `make check`
// compiles src/ with clang -Wthread-safety -Werror
// (scripts/check_thread_safety.sh), so a contract broken is a build error.
// SKYROCKS_NO_THREAD_SAFETY_ANALYSIS is for code the analysis cannot follow
// (single-threaded open and close, a lock taken through another object);
// each use says why.
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
#define SKYROCKS_ACQUIRED_BEFORE(...) \
  SKYROCKS_THREAD_ANNOTATION(acquired_before(__VA_ARGS__))
#define SKYROCKS_ACQUIRED_AFTER(...) \
  SKYROCKS_THREAD_ANNOTATION(acquired_after(__VA_ARGS__))
#define SKYROCKS_NO_THREAD_SAFETY_ANALYSIS \
  SKYROCKS_THREAD_ANNOTATION(no_thread_safety_analysis)

#endif  // SKYROCKS_PORT_THREAD_ANNOTATIONS_H_
