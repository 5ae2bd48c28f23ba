// The little XML reading the object stores need (S3 ListObjectsV2 pages,
// Azure List Blobs pages, error bodies of S3 and Azure), by element local name
// so that namespaces (which emulators get wrong) do not matter. The only file
// that includes libxml2. Thread-safe; malformed XML yields empty results, never
// a crash.
#ifndef SKYROCKS_CLOUD_XML_H_
#define SKYROCKS_CLOUD_XML_H_

#include <map>
#include <string>
#include <vector>

#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {

// Text of the first element named local_name ("" if none).
std::string XmlFirstText(const std::string& xml, const std::string& local_name);

// For every element named record: its child elements' text by local name.
std::vector<std::map<std::string, std::string>> XmlRecords(
    const std::string& xml, const std::string& record);

// Like XmlRecords, but each record maps every descendant element, at any
// depth, to its text (the first one of a name wins): Azure nests a blob's
// size and etag under <Properties>.
std::vector<std::map<std::string, std::string>> XmlRecordsDeep(
    const std::string& xml, const std::string& record);

}  // namespace ROCKSDB_NAMESPACE

#endif  // SKYROCKS_CLOUD_XML_H_
