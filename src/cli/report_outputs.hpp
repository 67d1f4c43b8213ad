// Where `zerodown check` sends its report: the --format report on stdout; or, with
// --output FILE, the --format report into FILE (written atomically) and the text report on
// stdout unless --quiet; and for --format github, the job summary appended to the file
// named by $GITHUB_STEP_SUMMARY when GitHub Actions sets it.
#pragma once

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "cli/atomic_file.hpp"
#include "report/fanout_reporter.hpp"

namespace zd {

struct OutputOptions {
  Format format = Format::Text;
  std::string output;  // --output FILE; empty: stdout
  bool quiet = false;  // --quiet: with --output, nothing on stdout
  ReportOptions report;
};

class ReportOutputs {
 public:
  // Opens every destination before any file is checked, so that one that cannot be written
  // costs no work. On failure: the message, naming the destination and why.
  static std::variant<std::unique_ptr<ReportOutputs>, std::string> open(OutputOptions options);

  Reporter& reporter() { return reporter_; }
  // Finishes every report and writes --output's file. The errors, one per destination that
  // could not be written (its old content, if any, is then untouched).
  std::vector<std::string> finish(const Totals& totals);

 private:
  ReportOutputs() = default;

  FanoutReporter reporter_;
  std::unique_ptr<AtomicFile> output_;
  std::ofstream step_summary_;
  std::string step_summary_name_;
};

}  // namespace zd
