// The optional codec libraries: the only place that includes them. Each
// can be left out of a build, as RocksDB's WITH_LZ4 / WITH_ZSTD do:
//   SKYROCKS_NO_LZ4   no <lz4.h>, no -llz4: LZ4 and LZ4HC blocks are
//                     NotSupported (table/block_codecs.h);
//   SKYROCKS_NO_ZSTD  no <zstd.h>, no -lzstd: likewise for ZSTD.
// SKYROCKS_HAVE_LZ4 / SKYROCKS_HAVE_ZSTD say what is compiled in; only
// table/codec_lz4.cc and table/codec_zstd.cc test them. Snappy is built in
// (util/snappy.cc) and always present.
#ifndef SKYROCKS_PORT_COMPRESSION_LIBS_H_
#define SKYROCKS_PORT_COMPRESSION_LIBS_H_

#if defined(SKYROCKS_NO_LZ4)
#define SKYROCKS_HAVE_LZ4 0
#else
#include <lz4.h>
#define SKYROCKS_HAVE_LZ4 1
#endif

#if defined(SKYROCKS_NO_ZSTD)
#define SKYROCKS_HAVE_ZSTD 0
#else
#include <zstd.h>
#define SKYROCKS_HAVE_ZSTD 1
#endif

#endif  // SKYROCKS_PORT_COMPRESSION_LIBS_H_
