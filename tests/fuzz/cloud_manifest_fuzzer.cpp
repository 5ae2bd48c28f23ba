// A CLOUDMANIFEST fetched from the bucket (CloudManifest::LoadFromFile),
// and the MANIFEST it names (ReadManifestLiveFiles), both from the input
// in an in-memory FileSystem. A manifest that loads answers GetEpoch for
// any file number and survives a clone and an added epoch.
#include "cloud/cloud_manifest.h"
#include "fuzz/harnesses.h"

namespace skyrocks_fuzz {

int FuzzCloudManifest(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  std::shared_ptr<rocksdb::FileSystem> fs = rocksdb::NewMemFileSystem();
  FuzzCheck(fs->CreateDirIfMissing("/db", rocksdb::IOOptions(), nullptr).ok(),
            "mkdir");
  FuzzWriteFile(fs.get(), "/db/CLOUDMANIFEST", bytes);
  std::unique_ptr<rocksdb::CloudManifest> cm;
  rocksdb::Status s =
      rocksdb::CloudManifest::LoadFromFile(fs.get(), "/db/CLOUDMANIFEST", &cm);
  if (s.ok()) {
    FuzzCheck(cm != nullptr, "LoadFromFile OK sets the manifest");
    for (uint64_t n : {uint64_t{0}, uint64_t{1}, uint64_t{1000}, UINT64_MAX}) {
      (void)cm->GetEpoch(n);
    }
    for (const auto& past : cm->past_epochs()) (void)cm->GetEpoch(past.first);
    std::unique_ptr<rocksdb::CloudManifest> copy = cm->Clone();
    (void)copy->AddEpoch(UINT64_MAX, "fuzzepoch");
    FuzzCheck(copy->WriteToFile(fs.get(), "/db/CLOUDMANIFEST-2").ok(),
              "write a loaded manifest back");
    std::unique_ptr<rocksdb::CloudManifest> again;
    FuzzCheck(rocksdb::CloudManifest::LoadFromFile(
                  fs.get(), "/db/CLOUDMANIFEST-2", &again)
                  .ok(),
              "a manifest written back loads");
  }
  FuzzWriteFile(fs.get(), "/db/MANIFEST-000001", bytes);
  std::vector<uint64_t> live;
  uint64_t next = 0;
  (void)rocksdb::ReadManifestLiveFiles(fs.get(), "/db/MANIFEST-000001", &live,
                                       &next);
  return 0;
}

}  // namespace skyrocks_fuzz

SKYROCKS_FUZZ_ENTRY(FuzzCloudManifest)
