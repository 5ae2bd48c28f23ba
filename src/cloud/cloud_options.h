// What the public cloud options' plain parts (cloud/cloud_options.cc:
// credentials, BucketOptions, options strings) share with the factories
// (cloud/cloud_file_system.cc). cloud_options.cc is built in every variant,
// also with SKYROCKS_NO_CLOUD, so that a program using the options types
// links; the factories are not.
#ifndef SKYROCKS_CLOUD_CLOUD_OPTIONS_H_
#define SKYROCKS_CLOUD_CLOUD_OPTIONS_H_

#include <string>

#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {

// The value of the environment variable `name`, or when it is unset or
// empty that of `alt` (which may be null); empty if neither is set.
std::string CloudEnvValue(const char* name, const char* alt);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_CLOUD_OPTIONS_H_
