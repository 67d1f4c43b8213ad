// One file through the pipeline: decode → prepare → parse → model → context → lock model
// → rules → suppressions → ordered findings. Files are independent of each other.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "context/options.hpp"
#include "lint/finding.hpp"
#include "lint/rule.hpp"
#include "source/source.hpp"

namespace zd {

struct FileError {
  std::string message;
  Position position;
};

struct FileReport {
  std::string path;
  std::shared_ptr<const Source> source;  // null when the file could not be read
  std::optional<FileError> error;        // the file could not be read or decoded
  std::vector<Finding> findings;         // by position then rule; suppressed ones flagged
  size_t statements = 0;
};

FileReport lint_bytes(std::string path, std::string bytes, const LintOptions& options);
FileReport lint_source(std::shared_ptr<const Source> source, const LintOptions& options);

// Is the rule on for these options (default, --select, --ignore, PostgreSQL version)?
bool rule_enabled(const RuleInfo& rule, const LintOptions& options);
// A --select/--ignore entry that names no rule or category; empty when it is valid.
std::string check_rule_selector(std::string_view selector);

}  // namespace zd
