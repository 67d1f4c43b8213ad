#include "config/glob.hpp"

#include <fnmatch.h>

#include <string>
#include <vector>

namespace zd {
namespace {

std::vector<std::string> split_path(std::string_view s) {
  std::vector<std::string> parts;
  for (size_t start = 0;;) {
    const size_t slash = s.find('/', start);
    parts.emplace_back(s.substr(start, slash - start));
    if (slash == std::string_view::npos) return parts;
    start = slash + 1;
  }
}

bool components_match(const std::vector<std::string>& pattern, size_t p,
                      const std::vector<std::string>& path, size_t s) {
  if (p == pattern.size()) return s == path.size();
  if (pattern[p] == "**") {
    for (size_t k = s; k <= path.size(); ++k) {
      if (components_match(pattern, p + 1, path, k)) return true;
    }
    return false;
  }
  return s < path.size() && fnmatch(pattern[p].c_str(), path[s].c_str(), 0) == 0 &&
         components_match(pattern, p + 1, path, s + 1);
}

}  // namespace

bool glob_matches(std::string_view pattern, std::string_view path) {
  return components_match(split_path(pattern), 0, split_path(path), 0);
}

}  // namespace zd
