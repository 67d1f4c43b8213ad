// GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per
// finding, which the runner turns into annotations on the pull request's diff; and, when
// Actions gives a job summary file ($GITHUB_STEP_SUMMARY), a Markdown table of the findings
// appended to it. Documented in docs/output-formats.md.
#pragma once

#include <ostream>
#include <string>

#include "report/reporter.hpp"

namespace zd {

class GithubReporter final : public Reporter {
 public:
  // `step_summary`: where the Markdown summary goes, or nullptr for none.
  GithubReporter(std::ostream& out, std::ostream* step_summary)
      : out_(out), step_summary_(step_summary) {}
  void file(const FileReport& report) override;
  void finish(const Totals& totals) override;

 private:
  void summary_row(std::string_view severity, const std::string& path, Position at,
                   std::string_view rule, std::string_view message);

  std::ostream& out_;
  std::ostream* step_summary_;
  std::string rows_;
  size_t row_count_ = 0;
  size_t rows_left_out_ = 0;
};

// The runner's escaping (actions/toolkit's escapeData and escapeProperty): `%`, CR and LF
// in a message; also `:` and `,` in a property value, where they would end the value.
std::string github_escape_data(std::string_view text);
std::string github_escape_property(std::string_view text);

}  // namespace zd
