"""Conan 2 recipe for skyrocks (doc/packaging.md, "Conan").

The library is built from the amalgamation by CMakeLists.txt. Options:
with_cloud (libcurl, OpenSSL, libxml2: S3, GCS and Azure), with_zstd,
with_lz4; turning one off builds with SKYROCKS_NO_CLOUD / _NO_ZSTD /
_NO_LZ4. Consumers get the CMake target skyrocks::skyrocks.

    conan create . --build=missing
"""
from conan import ConanFile
from conan.tools.cmake import CMake, CMakeDeps, CMakeToolchain, cmake_layout
from conan.tools.files import copy, load
from conan.tools.gnu import PkgConfigDeps
import os
import re


class SkyrocksConan(ConanFile):
    name = "skyrocks"
    license = "Apache-2.0"
    description = ("RocksDB-compatible LSM key-value engine whose data lives "
                   "in object storage, shipped as two amalgamated files")
    topics = ("key-value", "lsm", "rocksdb", "s3", "gcs", "azure")
    settings = "os", "arch", "compiler", "build_type"
    options = {
        "shared": [True, False],
        "fPIC": [True, False],
        "with_cloud": [True, False],
        "with_zstd": [True, False],
        "with_lz4": [True, False],
    }
    default_options = {
        "shared": False,
        "fPIC": True,
        "with_cloud": True,
        "with_zstd": True,
        "with_lz4": True,
    }
    exports_sources = ("CMakeLists.txt", "LICENSE", "amalgamation/*",
                       "packaging/*", "src/include/rocksdb/version.h")

    def set_version(self):
        text = load(self, os.path.join(self.recipe_folder, "src", "include",
                                       "rocksdb", "version.h"))
        self.version = re.search(
            r'#define SKYROCKS_VERSION_STRING "([^"]+)"', text).group(1)

    def config_options(self):
        if self.settings.os == "Windows":
            del self.options.fPIC

    def layout(self):
        cmake_layout(self)

    def requirements(self):
        if self.options.with_cloud:
            self.requires("libcurl/[>=7.78 <9]")
            self.requires("openssl/[>=1.1 <4]")
            self.requires("libxml2/[>=2.9 <3]")
        if self.options.with_zstd:
            self.requires("zstd/[>=1.4 <2]")
        if self.options.with_lz4:
            self.requires("lz4/[>=1.9 <2]")

    def build_requirements(self):
        self.tool_requires("pkgconf/[>=1.7 <3]")

    def validate(self):
        if self.settings.os not in ("Linux",):
            from conan.errors import ConanInvalidConfiguration
            raise ConanInvalidConfiguration("skyrocks targets Linux")

    def generate(self):
        tc = CMakeToolchain(self)
        tc.variables["SKYROCKS_WITH_CLOUD"] = bool(self.options.with_cloud)
        tc.variables["SKYROCKS_WITH_ZSTD"] = bool(self.options.with_zstd)
        tc.variables["SKYROCKS_WITH_LZ4"] = bool(self.options.with_lz4)
        tc.variables["SKYROCKS_BUILD_CLI"] = False
        tc.variables["SKYROCKS_INSTALL"] = True
        tc.generate()
        CMakeDeps(self).generate()
        # zstd and lz4 are found through pkg-config (CMakeLists.txt).
        PkgConfigDeps(self).generate()

    def build(self):
        cmake = CMake(self)
        cmake.configure()
        cmake.build()

    def package(self):
        copy(self, "LICENSE", self.source_folder,
             os.path.join(self.package_folder, "licenses"))
        CMake(self).install()

    def package_info(self):
        self.cpp_info.set_property("cmake_file_name", "skyrocks")
        self.cpp_info.set_property("cmake_target_name", "skyrocks::skyrocks")
        self.cpp_info.set_property("pkg_config_name", "skyrocks")
        self.cpp_info.libs = ["skyrocks"]
        self.cpp_info.includedirs = [os.path.join("include", "skyrocks")]
        self.cpp_info.system_libs = ["pthread"]
