// Turning command-line paths into the ordered list of files to lint: files as given,
// directories walked recursively for *.sql (sorted by path), glob patterns (with `**`),
// and `-` for standard input.
#pragma once

#include <string>
#include <vector>

namespace zd {

struct Input {
  std::string path;        // as reported
  bool is_stdin = false;
};

struct Discovery {
  std::vector<Input> inputs;
  std::vector<std::string> errors;  // "path: message", one per path that gave nothing
};

Discovery discover_inputs(const std::vector<std::string>& args, const std::string& stdin_name);

}  // namespace zd
