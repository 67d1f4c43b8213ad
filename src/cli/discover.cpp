#include "cli/discover.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

namespace zd {
namespace {

namespace fs = std::filesystem;

bool is_sql_file(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".sql";
}

bool has_wildcard(const std::string& s) { return s.find_first_of("*?[") != std::string::npos; }

// Regular files (or links to them) below `dir`, recursively; directory links are not
// followed, so link loops cannot trap the walk.
std::vector<std::string> walk_directory(const fs::path& dir, std::string& error) {
  std::vector<std::string> out;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    error = ec.message();
    return out;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      error = ec.message();
      break;
    }
    std::error_code type_ec;
    if (it->is_regular_file(type_ec) && is_sql_file(it->path())) {
      out.push_back(it->path().generic_string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> expand_glob(const std::string& pattern) {
  // The fixed directory before the first wildcard is where the walk starts.
  const size_t wildcard = pattern.find_first_of("*?[");
  const size_t slash = pattern.rfind('/', wildcard);
  const std::string root = slash == std::string::npos ? "." : pattern.substr(0, slash + 1);
  const bool recursive = pattern.find("**") != std::string::npos;
  std::vector<std::string> out;
  std::error_code ec;
  const auto consider = [&](const fs::directory_entry& e) {
    std::error_code type_ec;
    if (!e.is_regular_file(type_ec)) return;
    std::string p = e.path().generic_string();
    if (slash == std::string::npos && p.starts_with("./")) p.erase(0, 2);
    // `**` crosses directories: match it without FNM_PATHNAME.
    if (fnmatch(pattern.c_str(), p.c_str(), recursive ? 0 : FNM_PATHNAME) == 0) out.push_back(p);
  };
  // Without `**`, a pattern reaches only as deep as it has slashes.
  const auto depth = static_cast<int>(std::count(pattern.begin() + static_cast<long>(root.size()),
                                                 pattern.end(), '/'));
  for (fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!recursive && it.depth() >= depth) it.disable_recursion_pending();
    consider(*it);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

Discovery discover_inputs(const std::vector<std::string>& args, const std::string& stdin_name) {
  Discovery d;
  std::set<std::string> seen;
  const auto add = [&](std::string path) {
    if (seen.insert(path).second) d.inputs.push_back({std::move(path), false});
  };
  for (const std::string& arg : args) {
    if (arg == "-") {
      d.inputs.push_back({stdin_name.empty() ? "<stdin>" : stdin_name, true});
      continue;
    }
    std::error_code ec;
    const auto status = fs::status(arg, ec);
    if (!ec && fs::is_directory(status)) {
      std::string error;
      auto files = walk_directory(arg, error);
      if (!error.empty()) d.errors.push_back(arg + ": cannot read directory: " + error);
      if (files.empty() && error.empty()) {
        d.errors.push_back(arg + ": no .sql files in this directory");
      }
      for (auto& f : files) add(std::move(f));
    } else if (!ec && fs::exists(status)) {
      add(arg);
    } else if (has_wildcard(arg)) {
      auto files = expand_glob(arg);
      if (files.empty()) d.errors.push_back(arg + ": the pattern matches no file");
      for (auto& f : files) add(std::move(f));
    } else {
      d.errors.push_back(arg + ": no such file or directory");
    }
  }
  return d;
}

}  // namespace zd
