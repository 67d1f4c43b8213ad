#include "cli/report_outputs.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include <fmt/format.h>

namespace zd {

std::variant<std::unique_ptr<ReportOutputs>, std::string> ReportOutputs::open(
    OutputOptions options) {
  std::unique_ptr<ReportOutputs> outputs(new ReportOutputs());
  if (options.format == Format::Github) {
    // Actions sets it to a file per step, to which anything appended is shown as Markdown
    // on the run's summary page; other steps may have written to it before: append.
    const char* summary = std::getenv("GITHUB_STEP_SUMMARY");
    if (summary && *summary) {
      outputs->step_summary_name_ = summary;
      outputs->step_summary_.open(summary, std::ios::binary | std::ios::app);
      if (!outputs->step_summary_.is_open()) {
        return fmt::format("cannot open the job summary '{}' (GITHUB_STEP_SUMMARY): {}", summary,
                           std::strerror(errno));
      }
      options.report.step_summary = &outputs->step_summary_;
    }
  }
  if (options.output.empty()) {
    outputs->reporter_.add(make_reporter(options.format, std::cout, options.report));
    return outputs;
  }
  auto file = AtomicFile::open(options.output);
  if (auto* error = std::get_if<std::string>(&file)) return "--output: " + *error;
  outputs->output_ = std::move(std::get<std::unique_ptr<AtomicFile>>(file));
  ReportOptions to_file = options.report;
  to_file.color = false;
  outputs->reporter_.add(make_reporter(options.format, outputs->output_->stream(), to_file));
  if (!options.quiet) {
    ReportOptions to_terminal = options.report;
    to_terminal.step_summary = nullptr;
    outputs->reporter_.add(make_reporter(Format::Text, std::cout, to_terminal));
  }
  return outputs;
}

std::vector<std::string> ReportOutputs::finish(const Totals& totals) {
  std::vector<std::string> errors;
  try {
    reporter_.finish(totals);
  } catch (const std::exception& e) {
    // The report's end could not be written (the JSON report's list of files could not be
    // read back from its temporary file): --output keeps the file it had.
    errors.push_back(fmt::format("the report is incomplete: {}", e.what()));
    output_.reset();
  }
  if (output_) {
    if (auto error = output_->commit(); !error.empty()) errors.push_back("--output: " + error);
  }
  if (step_summary_.is_open()) {
    step_summary_.close();
    if (!step_summary_) {
      errors.push_back(fmt::format("cannot write the job summary '{}' (GITHUB_STEP_SUMMARY): {}",
                                   step_summary_name_, std::strerror(errno)));
    }
  }
  return errors;
}

}  // namespace zd
