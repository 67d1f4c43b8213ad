// Turning command-line paths into the ordered list of files to lint: files as given,
// directories walked recursively for *.sql (sorted by path), glob patterns (with `**`),
// and `-` for standard input.
#pragma once

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

// In a directory walk, the files of each directory are put in the order the runner applies
// them (runner::order_key) and down files are left out unless runner.lint_down. Files named
// on the command line are always linted, in the order given.
Discovery discover_inputs(const std::vector<std::string>& args, const std::string& stdin_name,
                          const runner::Options& runner = {});

}  // namespace zd
