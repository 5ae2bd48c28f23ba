// Platform seam: the only place where includes are chosen by #if. Everything
// that depends on the compiler, CPU or OS is named here with a SKYROCKS_
// macro, so the rest of src/ stays unconditional. skyrocks targets
// little-endian Linux (x86-64 and aarch64) with GCC or Clang.
#ifndef SKYROCKS_PORT_PORT_H_
#define SKYROCKS_PORT_PORT_H_

#include <cstddef>
#include <cstdint>

// On x86-64 the SSE4.2 (crc32) and PCLMUL intrinsics are declared whatever
// the -m flags; code using them is compiled per function with
// SKYROCKS_TARGET_SSE42_PCLMUL and called only after SKYROCKS_CPU_HAS_CRC32C.
#if defined(__x86_64__)
#include <immintrin.h>
#define SKYROCKS_X86_64 1
#define SKYROCKS_CPU_HAS_CRC32C() \
  (__builtin_cpu_supports("sse4.2") && __builtin_cpu_supports("pclmul"))
#else
#define SKYROCKS_X86_64 0
#define SKYROCKS_CPU_HAS_CRC32C() false
#endif

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "skyrocks supports little-endian targets only"
#endif

#define SKYROCKS_LIKELY(x) (__builtin_expect(!!(x), 1))
#define SKYROCKS_UNLIKELY(x) (__builtin_expect(!!(x), 0))
#define SKYROCKS_CACHE_LINE_SIZE 64
// A hint to start loading the cache line at addr (for reading).
#define SKYROCKS_PREFETCH(addr) __builtin_prefetch((addr), 0, 3)

// Per-function target attribute for code paths selected at run time by CPUID.
#if SKYROCKS_X86_64
#define SKYROCKS_TARGET_SSE42_PCLMUL __attribute__((target("sse4.2,pclmul")))
#else
#define SKYROCKS_TARGET_SSE42_PCLMUL
#endif

#endif  // SKYROCKS_PORT_PORT_H_
