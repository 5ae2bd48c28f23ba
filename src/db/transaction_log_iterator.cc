// See db/transaction_log_iterator.h.
#include "db/transaction_log_iterator.h"

#include <utility>

#include "db/filename.h"
#include "db/write_batch_internal.h"

namespace ROCKSDB_NAMESPACE {

TransactionLogIteratorImpl::TransactionLogIteratorImpl(
    std::shared_ptr<FileSystem> fs, std::string wal_dir,
    const TransactionLogIterator::ReadOptions& ro, SequenceNumber seq,
    VectorLogPtr files, const VersionSet* versions)
    : fs_(std::move(fs)),
      wal_dir_(std::move(wal_dir)),
      read_options_(ro),
      starting_sequence_(seq),
      files_(std::move(files)),
      versions_(versions) {
  SeekToStartSequence();
}

Status TransactionLogIteratorImpl::OpenLogReader(const LogFile& file) {
  const uint64_t n = file.LogNumber();
  std::string fname = file.Type() == kArchivedLogFile
                          ? ArchivedLogFileName(wal_dir_, n)
                          : LogFileName(wal_dir_, n);
  std::unique_ptr<FSSequentialFile> f;
  IOStatus io = fs_->NewSequentialFile(fname, FileOptions(), &f, nullptr);
  if (!io.ok() && file.Type() == kAliveLogFile) {
    // Archived since it was listed.
    fname = ArchivedLogFileName(wal_dir_, n);
    io = fs_->NewSequentialFile(fname, FileOptions(), &f, nullptr);
  }
  if (!io.ok()) return std::move(io);
  reader_ = std::make_unique<log::Reader>(std::move(f), fname, nullptr,
                                          read_options_.verify_checksums_, n);
  return Status::OK();
}

BatchResult TransactionLogIteratorImpl::GetBatch() {
  BatchResult r;
  r.sequence = current_batch_seq_;
  r.writeBatchPtr = std::move(current_batch_);
  return r;
}

bool TransactionLogIteratorImpl::RestrictedRead(Slice* record) {
  if (current_last_seq_ >= versions_->LastSequence()) return false;
  return reader_->ReadRecord(record, &scratch_);
}

void TransactionLogIteratorImpl::SeekToStartSequence(size_t start_file_index,
                                                     bool strict) {
  started_ = false;
  is_valid_ = false;
  if (files_.size() <= start_file_index || !status_.ok()) return;
  current_file_index_ = start_file_index;
  Status s = OpenLogReader(*files_[start_file_index]);
  if (!s.ok()) {
    status_ = s;
    return;
  }
  Slice record;
  while (RestrictedRead(&record)) {
    if (record.size() < WriteBatchInternal::kHeader) continue;
    UpdateCurrentWriteBatch(record);
    if (current_last_seq_ >= starting_sequence_) {
      if (strict && current_batch_seq_ != starting_sequence_) {
        status_ = Status::Corruption(
            "Gap in sequence number. Could not seek to required sequence "
            "number");
        return;
      }
      is_valid_ = true;
      started_ = true;
      return;
    }
    is_valid_ = false;
  }
  // Not in the first file: normally it is the only one.
  if (strict) {
    status_ = Status::Corruption(
        "Gap in sequence number. Could not seek to required sequence number");
  } else if (files_.size() != 1) {
    status_ = Status::Corruption(
        "Start sequence was not found, skipping to the next available");
    NextImpl(true);
  }
}

void TransactionLogIteratorImpl::Next() {
  if (!status_.ok()) return;
  NextImpl(false);
}

void TransactionLogIteratorImpl::NextImpl(bool internal) {
  is_valid_ = false;
  if (!internal && !started_) {
    SeekToStartSequence();  // until the start sequence was reached
  }
  if (!reader_) return;
  Slice record;
  while (true) {
    // The live WAL may have grown since the reader reached its end.
    if (reader_->IsEOF()) reader_->UnmarkEOF();
    while (RestrictedRead(&record)) {
      if (record.size() < WriteBatchInternal::kHeader) continue;
      UpdateCurrentWriteBatch(record);
      if (internal && !started_) started_ = true;
      return;
    }
    if (current_file_index_ + 1 < files_.size()) {
      ++current_file_index_;
      Status s = OpenLogReader(*files_[current_file_index_]);
      if (!s.ok()) {
        status_ = s;
        return;
      }
    } else {
      status_ = current_last_seq_ == versions_->LastSequence()
                    ? Status::OK()
                    : Status::TryAgain(
                          "Create a new iterator to fetch the new tail.");
      return;
    }
  }
}

void TransactionLogIteratorImpl::UpdateCurrentWriteBatch(const Slice& record) {
  auto batch = std::make_unique<WriteBatch>();
  Status s = WriteBatchInternal::SetContents(batch.get(), record);
  s.PermitUncheckedError();  // its header was checked by the caller
  const SequenceNumber expected = current_last_seq_ + 1;
  const SequenceNumber seq = WriteBatchInternal::Sequence(batch.get());
  if (started_ && seq != expected) {
    // Reseek to the expected batch, in the previous file if it must be.
    if (expected < files_[current_file_index_]->StartSequence() &&
        current_file_index_ != 0) {
      current_file_index_--;
    }
    starting_sequence_ = expected;
    status_ = Status::NotFound("Gap in sequence numbers");
    SeekToStartSequence(current_file_index_, true);
    return;
  }
  current_batch_seq_ = seq;
  current_last_seq_ = seq + WriteBatchInternal::Count(batch.get()) - 1;
  current_batch_ = std::move(batch);
  is_valid_ = true;
  status_ = Status::OK();
}

}  // namespace ROCKSDB_NAMESPACE
