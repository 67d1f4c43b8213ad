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
  std::string path;  // as reported
  bool is_stdin = false;
  // Its absolute path with every link resolved (canonical_path), when discovery learnt it on
  // the way: a directory walk resolves its root once and follows no link below it. Empty
  // otherwise (a file named on the command line or by a glob, a link found by a walk).
  std::string canonical;
};

struct Discovery {
  std::vector<Input> inputs;
  std::vector<std::string> errors;  // "path: message", one per path that gave nothing
  // Down files a directory walk left out (without --lint-down), for --verbose.
  std::vector<std::string> skipped_down;
};

// The runner options for an input (--runner and --lint-down, or its zerodown.toml).
using RunnerFor = std::function<runner::Options(const Input& input)>;

// In a directory walk, the files of each directory are put in the order their runner
// applies them (runner::order_key) and down files are left out unless lint_down. Files
// named on the command line are always linted, in the order given.
Discovery discover_inputs(const std::vector<std::string>& args, const std::string& stdin_name,
                          const RunnerFor& runner_for);
// The same runner options for every file.
Discovery discover_inputs(const std::vector<std::string>& args, const std::string& stdin_name,
                          const runner::Options& runner = {});

// The absolute path with every link resolved, as far as the path exists; the path made
// absolute if even that fails. It costs a system call or two for each component of the path.
std::string canonical_path(const std::string& path);

}  // namespace zd
