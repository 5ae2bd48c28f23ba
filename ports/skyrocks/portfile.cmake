# vcpkg port of skyrocks (doc/packaging.md, "vcpkg"). The three cloud
# providers share one cloud layer (libcurl, OpenSSL, libxml2): the features
# aws, gcs and azure each pull in the feature cloud, which builds it; with
# none of them the library is built with SKYROCKS_NO_CLOUD.
# Until skyrocks is published, point SOURCE_PATH at a checkout:
#   vcpkg install skyrocks --overlay-ports=<checkout>/ports
# with SKYROCKS_SOURCE_DIR=<checkout> in the environment, or replace the
# block below with vcpkg_from_github(... REF v${VERSION} SHA512 ...).
if(DEFINED ENV{SKYROCKS_SOURCE_DIR})
  set(SOURCE_PATH "$ENV{SKYROCKS_SOURCE_DIR}")
else()
  get_filename_component(SOURCE_PATH "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
endif()

vcpkg_check_features(OUT_FEATURE_OPTIONS FEATURE_OPTIONS
  FEATURES
    cloud SKYROCKS_WITH_CLOUD
    zstd SKYROCKS_WITH_ZSTD
    lz4 SKYROCKS_WITH_LZ4
)

vcpkg_find_acquire_program(PKGCONFIG)
vcpkg_cmake_configure(
  SOURCE_PATH "${SOURCE_PATH}"
  OPTIONS
    ${FEATURE_OPTIONS}
    -DSKYROCKS_BUILD_CLI=OFF
    -DSKYROCKS_INSTALL=ON
    "-DPKG_CONFIG_EXECUTABLE=${PKGCONFIG}"
)
vcpkg_cmake_install()
vcpkg_cmake_config_fixup(CONFIG_PATH lib/cmake/skyrocks)
vcpkg_fixup_pkgconfig()

file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/debug/include"
                    "${CURRENT_PACKAGES_DIR}/debug/share")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage"
     DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
