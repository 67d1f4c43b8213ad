#include "cli/check_scheduler.hpp"

#include <utility>

#include "source/source.hpp"

namespace zd {

CheckScheduler::CheckScheduler(const std::vector<size_t>& lane_of, unsigned threads,
                               bool spare_thread, Parse parse, Check check)
    : parse_(std::move(parse)),
      check_(std::move(check)),
      files_(lane_of.size()),
      spare_thread_(spare_thread) {
  for (size_t i = 0; i < lane_of.size(); ++i) {
    if (lane_of[i] >= lanes_.size()) lanes_.resize(lane_of[i] + 1);
    lanes_[lane_of[i]].files.push_back(i);
    files_[i].lane = lane_of[i];
  }
  unchecked_ = files_.size();
  for (unsigned t = 1; t < threads; ++t) threads_.emplace_back([this] { worker(); });
}

CheckScheduler::~CheckScheduler() {
  for (auto& t : threads_) t.join();
  if (freeing_.joinable()) freeing_.join();
}

FileReport CheckScheduler::take(size_t i) {
  std::unique_lock lock(mutex_);
  reporter_ = std::this_thread::get_id();
  while (files_[i].stage != Stage::Checked) {
    if (!work_once(lock)) changed_.wait(lock);
  }
  std::unique_ptr<FileReport> report = std::move(files_[i].report);
  const std::exception_ptr failure = std::exchange(files_[i].failure, nullptr);
  --buffered_;
  taken_ = i + 1;
  changed_.notify_all();  // a lane held back while reports waited may start now
  if (failure) std::rethrow_exception(failure);
  return std::move(*report);
}

void CheckScheduler::worker() {
  std::unique_lock lock(mutex_);
  while (unchecked_ > 0 || !retired_.empty()) {
    if (!retired_.empty()) {
      std::unique_ptr<History> history = std::move(retired_.back());
      retired_.pop_back();
      lock.unlock();
      history.reset();
      lock.lock();
    } else if (!work_once(lock)) {
      changed_.wait(lock);
    }
  }
}

bool CheckScheduler::work_once(std::unique_lock<std::mutex>& lock) {
  const auto finished = [](const Lane& lane) { return lane.next == lane.files.size(); };
  while (first_open_lane_ < lanes_.size() && finished(lanes_[first_open_lane_])) {
    ++first_open_lane_;
  }
  // The earliest lane first, its check before its parses: the check is what the reporter
  // waits for, and a thread only moves on to a later folder when the earlier one has nothing
  // for it. Folders are rarely checked side by side then: each open folder keeps its whole
  // catalog, and the files it checks ahead of the reporter wait in memory. Only so many
  // reports may wait; the file the reporter waits for may always be checked.
  for (size_t l = first_open_lane_; l < lanes_.size(); ++l) {
    Lane& lane = lanes_[l];
    if (finished(lane)) continue;
    const bool may_check = buffered_ < kBufferedReports || lane.files[lane.next] == taken_;
    if (may_check && check_next(lock, lane)) return true;
    if (parse_run(lock, lane)) return true;
  }
  return false;
}

bool CheckScheduler::check_next(std::unique_lock<std::mutex>& lock, Lane& lane) {
  const size_t i = lane.files[lane.next];
  File& file = files_[i];
  if (file.stage != Stage::Parsed) return false;
  file.stage = Stage::Checking;
  --lane.ahead_files;
  lane.ahead_bytes -= file.parsed_bytes;
  if (!lane.history) lane.history = std::make_unique<History>();
  const std::unique_ptr<ParsedFile> parsed = std::move(file.parsed);
  std::exception_ptr failure = file.failure;  // its parse threw
  lock.unlock();
  std::unique_ptr<FileReport> report;
  if (!failure) {
    try {
      report = std::make_unique<FileReport>(check_(i, std::move(*parsed), *lane.history));
    } catch (...) {
      failure = std::current_exception();
    }
  }
  lock.lock();
  file.report = std::move(report);
  file.failure = failure;
  file.stage = Stage::Checked;
  ++buffered_;
  --unchecked_;
  // A folder's history is needed only by its own files. Freeing a long folder's catalog
  // takes a while (3 % of the run on a 50 MB file), and the report waits for neither that
  // nor the lock: a worker frees it, or the reporter itself with none, unlocked. The run's
  // last check keeps its history where it is, freed with the scheduler: the run ends with
  // it, and a caller that ends the process then leaves that memory to the system.
  std::unique_ptr<History> finished;
  if (++lane.next == lane.files.size() && unchecked_ > 0) finished = std::move(lane.history);
  if (finished && !threads_.empty() && std::this_thread::get_id() == reporter_) {
    retired_.push_back(std::move(finished));
  }
  changed_.notify_all();
  if (finished) {
    lock.unlock();
    if (threads_.empty() && spare_thread_) {
      // One large file on threads that parsed its parts: its report is written while its
      // catalog (tens of thousands of small blocks) is freed.
      if (freeing_.joinable()) freeing_.join();
      freeing_ = std::jthread([history = std::move(finished)]() mutable { history.reset(); });
    }
    finished.reset();
    lock.lock();
  }
  return true;
}

bool CheckScheduler::parse_run(std::unique_lock<std::mutex>& lock, Lane& lane) {
  const auto may_parse = [&lane] {
    return lane.next_to_parse < lane.files.size() && lane.ahead_files < kParseAheadFiles &&
           lane.ahead_bytes < kParseAheadBytes;
  };
  if (!may_parse()) return false;
  do {
    const size_t i = lane.files[lane.next_to_parse++];
    File& file = files_[i];
    file.stage = Stage::Parsing;
    ++lane.ahead_files;
    lock.unlock();
    std::unique_ptr<ParsedFile> parsed;
    std::exception_ptr failure;
    try {
      parsed = std::make_unique<ParsedFile>(parse_(i));
    } catch (...) {
      failure = std::current_exception();  // for its check to report
    }
    lock.lock();
    file.parsed_bytes = parsed && parsed->source ? parsed->source->text().size() : 0;
    lane.ahead_bytes += file.parsed_bytes;
    file.parsed = std::move(parsed);
    file.failure = failure;
    file.stage = Stage::Parsed;
    changed_.notify_all();
  } while (may_parse());
  return true;
}

}  // namespace zd
