# The libraries skyrocks links, found the same way by skyrocks' own
# CMakeLists.txt and by the installed skyrocksConfig.cmake (which sets
# SKYROCKS_WITH_* as the library was built, and skyrocks_in_config, so that
# a missing library fails find_package(skyrocks) the usual way). zstd and
# lz4 through pkg-config: their CMake packages differ between
# distributions and vcpkg.
include(CMakeFindDependencyMacro)
macro(skyrocks_find_dependency name)
  if(skyrocks_in_config)
    find_dependency(${name})
  else()
    find_package(${name} REQUIRED)
  endif()
endmacro()
set(THREADS_PREFER_PTHREAD_FLAG ON)
skyrocks_find_dependency(Threads)
if(SKYROCKS_WITH_CLOUD)
  skyrocks_find_dependency(CURL)
  skyrocks_find_dependency(OpenSSL)
  skyrocks_find_dependency(LibXml2)
endif()
if(SKYROCKS_WITH_ZSTD OR SKYROCKS_WITH_LZ4)
  skyrocks_find_dependency(PkgConfig)
endif()
if(SKYROCKS_WITH_ZSTD AND NOT TARGET PkgConfig::skyrocks_zstd)
  pkg_check_modules(skyrocks_zstd REQUIRED IMPORTED_TARGET GLOBAL libzstd)
endif()
if(SKYROCKS_WITH_LZ4 AND NOT TARGET PkgConfig::skyrocks_lz4)
  pkg_check_modules(skyrocks_lz4 REQUIRED IMPORTED_TARGET GLOBAL liblz4)
endif()
