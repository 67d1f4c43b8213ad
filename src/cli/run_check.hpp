// `zerodown check`: lint the inputs on worker threads and report them in input order, so
// the output is byte-identical whatever the number of jobs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/review_plan.hpp"
#include "config/resolve.hpp"
#include "lint/lint.hpp"
#include "report/reporter.hpp"

namespace zd {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string stdin_filename;
  Format format = Format::Text;
  std::string output;  // --output FILE: the report goes there, the text report to stdout
  bool quiet = false;  // --quiet: with --output, nothing on stdout
  unsigned jobs = 0;  // 0: all cores
  double file_timeout = 60;  // --file-timeout: seconds per file, 0 for no limit
  bool color = false;
  bool verbose = false;  // say on stderr which runner preset each file got, and why
  // zerodown.toml and the command-line settings (pg_version, runner, fail_on, …), which
  // are resolved per file.
  config::Request config;
  ReviewOptions review;
};

// Exit codes (documented in --help and the README).
inline constexpr int kExitClean = 0;      // no finding reaches --fail-on
inline constexpr int kExitFindings = 1;   // a finding reaches --fail-on
inline constexpr int kExitUsage = 2;      // usage, configuration or input errors

class CheckScheduler;

// What a run built and has no more use for once its report is written: the scheduler (its
// threads, and the last folder's catalog) and the last file's report. run_check leaves them
// here rather than freeing them, for a caller that ends the process next to leave them to
// the system (main.cpp), which takes the memory back at once instead of block by block.
struct CheckLeftovers {
  CheckLeftovers();
  ~CheckLeftovers();
  std::unique_ptr<CheckScheduler> scheduler;
  FileReport last_report;
};

int run_check(const CheckOptions& options, CheckLeftovers& leftovers);

}  // namespace zd
