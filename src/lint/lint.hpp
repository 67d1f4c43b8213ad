// One file through the pipeline, in two stages. parse_file (decode → prepare → parse →
// model) needs nothing but the file and runs on any thread; check_file (context and catalog
// replay → lock model → rules → suppressions → ordered findings) runs in migration order,
// because a file is checked against the history that the files before it built.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "context/context.hpp"
#include "context/options.hpp"
#include "lint/finding.hpp"
#include "lint/rule.hpp"
#include "runner/presets.hpp"
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
  std::string runner_note;  // which runner preset applied and why (--verbose)
};

// A file parsed the way its runner runs it: the runner preset (runner/presets.hpp) chosen
// for it, its sections, and `options.assume_in_transaction` set to whether that runner wraps
// this file in a transaction. `note` says which preset and why (--verbose).
struct RunnerFile {
  std::unique_ptr<Migration> migration;
  LintOptions options;
  std::string note;
};
RunnerFile apply_runner(const Source& source, const LintOptions& options,
                        const runner::Options& runner);

// A file read and parsed the way its runner runs it: the first stage.
struct ParsedFile {
  std::string path;
  std::shared_ptr<const Source> source;  // null when the file could not be read or decoded
  std::optional<FileError> error;
  RunnerFile runner;
  // What reading and parsing took, set by the caller that timed them: it counts against
  // the file's time limit in check_file.
  std::chrono::steady_clock::duration parse_time{};
};
ParsedFile parse_file(std::string path, std::string bytes, const LintOptions& options,
                      const runner::Options& runner);
ParsedFile parse_file(std::shared_ptr<const Source> source, const LintOptions& options,
                      const runner::Options& runner);

// The second stage: replays the file into `history` and, unless it is history itself,
// checks it. A file that could not be read is reported as such.
//
// `time_limit` (zero: none) bounds parsing and checking together (--file-timeout). The
// clock is read between the stages, every few statements of the lock model and between
// rules; a file past its limit is stopped there and reported as a file error, without
// findings. libpg_query cannot be interrupted, so a parse that takes longer than the limit
// is reported when it ends; the catalog replay is not bounded either.
FileReport check_file(ParsedFile file, History& history, Review review,
                      std::chrono::duration<double> time_limit = {});

// Both stages for one file on its own, with no history before it. The runner preset
// (runner/presets.hpp) is chosen per file: it decides whether the file runs in a
// transaction (options.assume_in_transaction is the user's override) and which sections
// are linted.
FileReport lint_bytes(std::string path, std::string bytes, const LintOptions& options,
                      const runner::Options& runner = {});
FileReport lint_source(std::shared_ptr<const Source> source, const LintOptions& options,
                       const runner::Options& runner = {});

// Is the rule on for these options (default, --select, --ignore, PostgreSQL version)?
bool rule_enabled(const RuleInfo& rule, const LintOptions& options);
// A --select/--ignore entry that names no rule or category; empty when it is valid.
std::string check_rule_selector(std::string_view selector);

}  // namespace zd
