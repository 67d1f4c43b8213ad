// Turning command-line paths into the ordered list of files to lint: files as given,
// directories walked recursively for *.sql (sorted by path), glob patterns (with `**`),
// and `-` for standard input.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "runner/presets.hpp"

namespace zd {

struct Input {
  std::string path;        // as reported
  bool is_stdin = false;
};

struct Discovery {
  std::vector<Input> inputs;
  std::vector<std::string> errors;  // "path: message", one per path that gave nothing
  // Down files a directory walk left out (without --lint-down), for --verbose.
  std::vector<std::string> skipped_down;
};

// The runner options for a file (--runner and --lint-down, or its zerodown.toml).
using RunnerFor = std::function<runner::Options(const std::string& path)>;

// In a directory walk, the files of each directory are put in the order their runner
// applies them (runner::order_key) and down files are left out unless lint_down. Files
// named on the command line are always linted, in the order given.
Discovery discover_inputs(const std::vector<std::string>& args, const std::string& stdin_name,
                          const RunnerFor& runner_for);
// The same runner options for every file.
Discovery discover_inputs(const std::vector<std::string>& args, const std::string& stdin_name,
                          const runner::Options& runner = {});

}  // namespace zd
