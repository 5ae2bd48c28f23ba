// Rate-limited appends; contract in env/rate_limited_file.h.
#include "env/rate_limited_file.h"

namespace ROCKSDB_NAMESPACE {

namespace {

class RateLimitedWritableFile : public FSWritableFile {
 public:
  RateLimitedWritableFile(std::unique_ptr<FSWritableFile> base,
                          RateLimiter* limiter, Env::IOPriority pri)
      : base_(std::move(base)), limiter_(limiter), pri_(pri) {}

  IOStatus Append(const Slice& data, const IOOptions& options,
                  IODebugContext* dbg) override {
    size_t done = 0;
    while (done < data.size()) {
      const size_t n = limiter_->RequestToken(data.size() - done, 0, pri_,
                                              nullptr,
                                              RateLimiter::OpType::kWrite);
      IOStatus s = base_->Append(Slice(data.data() + done, n), options, dbg);
      if (!s.ok()) return s;
      done += n;
    }
    return IOStatus::OK();
  }
  IOStatus Close(const IOOptions& options, IODebugContext* dbg) override {
    return base_->Close(options, dbg);
  }
  IOStatus Flush(const IOOptions& options, IODebugContext* dbg) override {
    return base_->Flush(options, dbg);
  }
  IOStatus Sync(const IOOptions& options, IODebugContext* dbg) override {
    return base_->Sync(options, dbg);
  }
  IOStatus Fsync(const IOOptions& options, IODebugContext* dbg) override {
    return base_->Fsync(options, dbg);
  }
  uint64_t GetFileSize(const IOOptions& options, IODebugContext* dbg) override {
    return base_->GetFileSize(options, dbg);
  }
  IOStatus Truncate(uint64_t size, const IOOptions& options,
                    IODebugContext* dbg) override {
    return base_->Truncate(size, options, dbg);
  }
  IOStatus RangeSync(uint64_t offset, uint64_t nbytes, const IOOptions& options,
                     IODebugContext* dbg) override {
    return base_->RangeSync(offset, nbytes, options, dbg);
  }
  void SetPreallocationBlockSize(size_t size) override {
    base_->SetPreallocationBlockSize(size);
  }

 private:
  std::unique_ptr<FSWritableFile> base_;
  RateLimiter* const limiter_;
  const Env::IOPriority pri_;
};

}  // namespace

void RateLimitWritableFile(RateLimiter* limiter, Env::IOPriority pri,
                           std::unique_ptr<FSWritableFile>* file) {
  if (limiter == nullptr || *file == nullptr) return;
  *file = std::make_unique<RateLimitedWritableFile>(std::move(*file), limiter,
                                                    pri);
}

}  // namespace ROCKSDB_NAMESPACE
