// Reporters turn FileReports into one output format. They get files in input order,
// one at a time, and never look back at the parse tree.
#pragma once

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "context/options.hpp"
#include "lint/lint.hpp"

namespace zd {

enum class Format : uint8_t { Text, Gcc, Json, Sarif, Github, Gitlab };
std::optional<Format> parse_format(std::string_view name);
// The names parse_format knows, in the order of Format's values.
const std::vector<std::string>& format_names();

struct Totals {
  size_t files = 0;
  size_t unreadable_files = 0;
  // About the paths given: missing, no .sql in a directory, no match …
  std::vector<std::string> input_errors;
  size_t statements = 0;
  size_t errors = 0;
  size_t warnings = 0;
  size_t infos = 0;
  size_t suppressed = 0;

  void add(const FileReport& r);
};

struct ReportOptions {
  bool color = false;
  LintOptions lint;
  // --format github: where the Markdown job summary goes ($GITHUB_STEP_SUMMARY), if anywhere.
  std::ostream* step_summary = nullptr;
};

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void file(const FileReport& report) = 0;
  virtual void finish(const Totals& totals) = 0;
};

std::unique_ptr<Reporter> make_reporter(Format format, std::ostream& out,
                                        const ReportOptions& options);

// The version printed by --version and written into JSON and SARIF reports.
inline constexpr std::string_view kZerodownVersion = "0.1.0";
// The project's home: SARIF's informationUri; rule pages live under docs/rules/ there.
inline constexpr std::string_view kProjectUrl = "https://github.com/zerodown/zerodown";
// The rule's documentation page (docs/rules/<id>.md) on the project's default branch.
std::string rule_help_uri(std::string_view rule_id);

}  // namespace zd
