// Files parsed and checked on several threads, reported strictly in input order.
//
// A file's check replays it into its migration folder's history, so the files of one
// folder are checked one after another, in order; files of different folders (different
// databases) are independent. Each folder is a lane: any thread may check a lane's next
// file once the one before it is checked, and parse files ahead of the lane's checks. A
// thread takes the earliest lane's work first and moves to a later folder only when the
// earlier one has none for it: so one folder parses on one thread while it checks on
// another, and a second folder, with a catalog of its own and reports that wait for the
// first one's, is opened only when the first cannot keep the threads busy.
//
// The thread that reports works too: while the next report is not ready it takes tasks
// like any worker, so `--jobs 1` is one thread doing everything in order.
//
// A thread parses a lane's files in runs, one after another, and a file is never parsed
// just before its own check: parsing (libpg_query's grammar tables) and checking (the
// catalog, the rules' code) each use more than the core's cache holds, and taking turns
// file by file made each start cold. The same 833 generated migrations took 0.24 s as
// files and 0.17 s as one file; with `--jobs 1` the thread parses up to 16 of them, then
// checks those.
//
// Memory: a lane has at most `kParseAheadFiles` files parsed ahead of its checks, and a run
// stops once they hold `kParseAheadBytes` of SQL (a file's size is known once it is parsed,
// so each thread may be parsing one more); a lane's history is freed when its last file is
// checked (by a worker when there is one, else on the spare thread when the run has one;
// the run's last history goes with the scheduler), and at most `kBufferedReports` reports
// (the findings of files checked ahead of the reporter) wait for it.
#pragma once

#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "context/context.hpp"
#include "lint/lint.hpp"

namespace zd {

class CheckScheduler {
 public:
  using Parse = std::function<ParsedFile(size_t file)>;
  using Check = std::function<FileReport(size_t file, ParsedFile parsed, History& history)>;

  // `lane_of[i]`: file i's migration folder, numbered from 0 in order of first appearance.
  // Starts `threads - 1` workers besides the reporting thread. `spare_thread`: the run may
  // use one thread more than `threads` (the threads a large file's parts are parsed on), so
  // with no worker a finished history is freed on a thread of its own.
  CheckScheduler(const std::vector<size_t>& lane_of, unsigned threads, bool spare_thread,
                 Parse parse, Check check);
  ~CheckScheduler();
  CheckScheduler(const CheckScheduler&) = delete;
  CheckScheduler& operator=(const CheckScheduler&) = delete;

  // File i's report; called for i = 0, 1, … in order, by one thread. What parsing or
  // checking the file threw is rethrown here, on the reporting thread, once the file's turn
  // comes: a worker thread that let it through would end the process, and the other files
  // would go unreported.
  FileReport take(size_t i);

 private:
  enum class Stage : uint8_t { Waiting, Parsing, Parsed, Checking, Checked };
  // One per input, for the whole run: held by pointer, what waits costs nothing for the
  // thousands of files that are not parsed yet or already reported.
  struct File {
    size_t lane = 0;
    Stage stage = Stage::Waiting;
    std::unique_ptr<ParsedFile> parsed;
    size_t parsed_bytes = 0;  // its SQL, while it waits parsed
    std::unique_ptr<FileReport> report;
    std::exception_ptr failure;  // what parsing or checking it threw
  };
  struct Lane {
    std::vector<size_t> files;
    size_t next = 0;  // the position in `files` of the next file to check
    // The position of the next file to parse: files are parsed in order, so those from
    // `next` up to it are being parsed or wait parsed, and those after it wait.
    size_t next_to_parse = 0;
    size_t ahead_files = 0;  // being parsed or parsed, not yet checked
    size_t ahead_bytes = 0;  // the SQL of those parsed
    std::unique_ptr<History> history;
  };
  // A run stops at either. Runs of 16 take nearly all there is to gain (the cold start is
  // paid once a run); 16 of the generated migrations are some 50 KB of SQL and 0.7 MiB
  // parsed (trees and tokens take 8 to 14 times the SQL). The byte limit keeps a folder of
  // large files, whose parse pays the cold start back on its own, from holding many of them.
  static constexpr size_t kParseAheadFiles = 16;
  static constexpr size_t kParseAheadBytes = size_t{64} << 10;
  static constexpr size_t kBufferedReports = 256;

  // Runs one task with the lock released; false when there is none to run now.
  bool work_once(std::unique_lock<std::mutex>& lock);
  bool check_next(std::unique_lock<std::mutex>& lock, Lane& lane);
  // Parses the lane's next files in a run, while its parsed files stay within the limits.
  bool parse_run(std::unique_lock<std::mutex>& lock, Lane& lane);
  void worker();

  Parse parse_;
  Check check_;
  std::vector<File> files_;
  std::vector<Lane> lanes_;
  size_t first_open_lane_ = 0;  // lanes before it are fully checked
  size_t unchecked_ = 0;
  size_t buffered_ = 0;  // checked, not yet taken
  size_t taken_ = 0;     // the next file the reporter takes
  std::mutex mutex_;
  std::condition_variable changed_;
  std::thread::id reporter_;  // the thread that calls take()
  // Finished folders' histories the reporter checked last, for a worker to free.
  std::vector<std::unique_ptr<History>> retired_;
  std::vector<std::thread> threads_;
  bool spare_thread_ = false;
  // With no worker and a spare thread, the one freeing a finished history.
  std::jthread freeing_;
};

}  // namespace zd
