// Background errors, DB::Resume and the automatic resume thread (RocksDB
// 7.8.3's ErrorHandler and DBImpl::ResumeImpl); see db/db_impl.h and
// db/error_handler.h.
//
// The resume thread is started at the first retryable error and lives
// until Close; each retryable error hands it one resume episode: up to
// max_bgerror_resume_count calls of ResumeImpl, bgerror_resume_retry_interval
// apart, ending at the first success, at an error that is not retryable,
// or at Close. While an episode runs recovery_in_prog_ is set: background
// flushes may run despite the error, DB::Resume answers Busy.
#include <algorithm>

#include "db/db_impl.h"

namespace ROCKSDB_NAMESPACE {

Status DBImpl::SetBGError(const Status& s, BackgroundErrorReason reason) {
  if (s.ok() || s.IsShutdownInProgress() || s.IsColumnFamilyDropped()) {
    return bg_error_;
  }
  if (reason != BackgroundErrorReason::kWriteCallback &&
      reason != BackgroundErrorReason::kMemTable) {
    bg_error_count_++;  // failed background jobs, as RocksDB counts them
  }
  const BackgroundErrorClass c =
      ClassifyBackgroundError(s, reason, options_.paranoid_checks);
  if (c.severity == Status::kNoError) return bg_error_;
  Status err(s, c.severity);
  NotifyBackgroundError(reason, &err);  // may release the mutex
  if (err.ok()) return bg_error_;       // a listener ignored it
  if (recovery_in_prog_ && recovery_error_.ok()) recovery_error_ = err;
  if (err.severity() > bg_error_.severity()) {
    bg_error_ = err;
    if (c.stops_background_work) soft_no_bg_work_ = true;
  }
  bg_cv_.SignalAll();
  if (c.auto_resume) StartResumeThread();
  return bg_error_;
}

void DBImpl::ClearBGError() {
  const Status old = bg_error_;
  bg_error_ = Status::OK();
  soft_no_bg_work_ = false;
  bg_cv_.SignalAll();
  // As RocksDB's ErrorHandler::ClearBGError, for DB::Resume and for each
  // successful automatic resume (whose episode then ends with a second
  // notification, OK to OK, as in RocksDB).
  NotifyErrorRecoveryEnd(old, Status::OK());
  old.PermitUncheckedError();
}

Status DBImpl::Resume() {
  port::MutexLock l(&mutex_);
  if (bg_error_.ok()) return Status::OK();
  if (recovery_in_prog_) {
    return Status::Busy("Resume: " + dbname_ + " is resuming on its own");
  }
  recovery_in_prog_ = true;
  Status s;
  if (bg_error_.severity() == Status::kSoftError && !soft_no_bg_work_) {
    // Background work went on: nothing to redo.
    ClearBGError();
    MaybeScheduleCompaction();
  } else {
    const bool no_bg_work = soft_no_bg_work_;
    soft_no_bg_work_ = false;
    recovery_error_ = Status::OK();
    s = ResumeImpl();
    if (!s.ok()) soft_no_bg_work_ = no_bg_work;
  }
  recovery_in_prog_ = false;
  bg_cv_.SignalAll();
  return s;
}

Status DBImpl::ResumeImpl() {
  // Let running background work end first (a flush that fails again
  // records its error in recovery_error_).
  while ((bg_flush_scheduled_ || compactions_running_ > 0) && !shutting_down_) {
    bg_cv_.Wait();
  }
  if (shutting_down_) return Status::ShutdownInProgress(dbname_);
  if (bg_error_.severity() > Status::kHardError) return bg_error_;
  Status s;
  if (!versions_->io_status().ok()) {
    // The MANIFEST may end in a torn record: an empty edit starts a new
    // one, which names every live file.
    VersionEdit edit;
    s = versions_->LogAndApply(default_handle_->cfd(), &edit);
    if (!s.ok()) {
      SetBGError(s, BackgroundErrorReason::kManifestWrite)
          .PermitUncheckedError();
      return s;
    }
  }
  // The WAL cannot be trusted: flush every memtable (RocksDB does the
  // same), which also leaves a torn WAL behind for good.
  s = SwitchMemTablesForResume();
  if (!s.ok()) return s;
  for (;;) {
    if (shutting_down_) return Status::ShutdownInProgress(dbname_);
    if (!recovery_error_.ok()) return recovery_error_;
    bool pending = false;
    for (ColumnFamilyData* cfd : versions_->LiveColumnFamilies()) {
      pending = pending || !cfd->imm.empty();
    }
    if (!pending) break;
    ScheduleFlush(nullptr);  // the failed flush's memtables too
    bg_cv_.Wait();
  }
  // Column families left with nothing unflushed need no older WAL.
  s = AdvanceIdleLogNumbers(nullptr, nullptr);
  if (!s.ok()) {
    SetBGError(s, BackgroundErrorReason::kManifestWrite).PermitUncheckedError();
    return s;
  }
  if (!recovery_error_.ok()) return recovery_error_;
  ClearBGError();
  DeleteObsoleteFiles();
  MaybeScheduleCompaction();
  return Status::OK();
}

void DBImpl::StartResumeThread() {
  if (options_.max_bgerror_resume_count <= 0 || recovery_in_prog_ ||
      end_resume_ || shutting_down_) {
    return;
  }
  recovery_in_prog_ = true;
  resume_requested_ = true;
  if (!resume_thread_.joinable()) {
    resume_thread_ = std::thread([this] { ResumeThreadBody(); });
  }
  bg_cv_.SignalAll();
}

void DBImpl::ResumeThreadBody() {
  port::MutexLock l(&mutex_);
  while (!end_resume_) {
    if (!resume_requested_) {
      bg_cv_.Wait();
      continue;
    }
    resume_requested_ = false;
    int left = options_.max_bgerror_resume_count;
    // How the episode ends, for OnErrorRecoveryEnd's new_bg_error (RocksDB
    // 7.8.3's RecoverFromRetryableBGIOError): out of retries by default.
    Status end = Status::Aborted("Exceeded resume retry count");
    for (;;) {
      if (end_resume_ || shutting_down_) {
        end = Status::ShutdownInProgress(dbname_);
        break;
      }
      if (left-- <= 0) break;
      recovery_error_ = Status::OK();
      Status s = ResumeImpl();
      if (s.ok()) {
        end = Status::OK();
        break;
      }
      if (s.IsShutdownInProgress() ||
          bg_error_.severity() >= Status::kFatalError) {
        end = bg_error_;
        break;
      }
      const Status& e = recovery_error_.ok() ? s : recovery_error_;
      if (!BackgroundErrorRetryable(e)) {
        end = e;
        break;
      }
      if (left <= 0) break;
      const uint64_t wait = options_.bgerror_resume_retry_interval;
      const uint64_t until = env_->NowMicros() + wait;
      while (!end_resume_ && !shutting_down_) {
        const uint64_t now = env_->NowMicros();
        if (now >= until) break;
        bg_cv_.TimedWaitMicros(until - now);
      }
    }
    recovery_in_prog_ = false;
    bg_cv_.SignalAll();
    NotifyErrorRecoveryEnd(bg_error_, end);
    end.PermitUncheckedError();
  }
}

void DBImpl::EndResume() {
  {
    port::MutexLock l(&mutex_);
    end_resume_ = true;
    bg_cv_.SignalAll();
  }
  if (resume_thread_.joinable()) resume_thread_.join();
}

}  // namespace ROCKSDB_NAMESPACE
