// Reporters turn FileReports into one output format. They get files in input order,
// one at a time, and never look back at the parse tree.
#pragma once

#include <iosfwd>
#include <memory>
#include <optional>
#include <string_view>

#include "context/options.hpp"
#include "lint/lint.hpp"

namespace zd {

enum class Format : uint8_t { Text, Gcc, Json };
std::optional<Format> parse_format(std::string_view name);

struct Totals {
  size_t files = 0;
  size_t unreadable_files = 0;
  size_t input_errors = 0;  // about the paths given: missing, no .sql in a directory, no match …
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
};

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void file(const FileReport& report) = 0;
  virtual void finish(const Totals& totals) = 0;
};

std::unique_ptr<Reporter> make_reporter(Format format, std::ostream& out,
                                        const ReportOptions& options);

// The version printed by --version and written into JSON reports.
inline constexpr std::string_view kZerodownVersion = "0.1.0";

}  // namespace zd
