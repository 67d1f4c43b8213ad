#include "cli/discover.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string_view>
#include <system_error>
#include <tuple>

#include "config/glob.hpp"
#include "source/ascii_case.hpp"

namespace zd {
namespace {

namespace fs = std::filesystem;

bool is_sql_file(const fs::path& p) { return iequals(p.extension().native(), ".sql"); }

bool has_wildcard(const std::string& s) { return s.find_first_of("*?[") != std::string::npos; }

// `dir` (already resolved) followed by `name`.
std::string joined(const std::string& dir, const fs::path& name) {
  return dir.ends_with('/') ? dir + name.string() : dir + '/' + name.string();
}

// Regular files named *.sql (or links to them) below `dir`, recursively, sorted by path.
// Links to directories are not followed, so link loops cannot trap the walk. Nothing is
// skipped in silence: a directory that cannot be read is an error (the walk goes on), and
// a *.sql link that leads nowhere (dangling, or a loop) is kept so that reading it says why.
// The directory listing gives each entry's type, so a file that is not a link costs no
// system call here, and its canonical path is its directory's followed by its name.
std::vector<Input> walk_directory(const fs::path& root, std::vector<std::string>& errors) {
  std::vector<Input> out;
  std::vector<std::string> dir_errors;
  std::vector<std::pair<fs::path, std::string>> pending{{root, canonical_path(root.string())}};
  while (!pending.empty()) {
    const auto [dir, dir_canonical] = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
      std::error_code type_ec;
      const bool is_link = it->is_symlink(type_ec);
      if (!is_link && it->is_directory(type_ec)) {
        pending.emplace_back(it->path(), joined(dir_canonical, it->path().filename()));
        continue;
      }
      if (!is_sql_file(it->path())) continue;
      if (!is_link) {
        if (it->is_regular_file(type_ec)) {
          out.push_back(
              {it->path().generic_string(), false, joined(dir_canonical, it->path().filename())});
        }
        continue;
      }
      const auto target = it->status(type_ec);
      if (fs::is_regular_file(target) || !fs::exists(target)) {
        out.push_back({it->path().generic_string(), false, {}});
      }
    }
    if (ec) dir_errors.push_back(dir.generic_string() + ": cannot read directory: " + ec.message());
  }
  std::sort(out.begin(), out.end(), [](const Input& a, const Input& b) { return a.path < b.path; });
  std::sort(dir_errors.begin(), dir_errors.end());
  errors.insert(errors.end(), dir_errors.begin(), dir_errors.end());
  return out;
}

// Leaves out down files (unless lint_down) and puts the files of each directory in the
// runner's order, keeping the places that path order gave to each directory's files.
// Each file's runner options are asked for once: resolving its configuration is not free.
std::vector<Input> runner_order(std::vector<Input> files, const RunnerFor& runner_for,
                                std::vector<std::string>& skipped) {
  std::vector<Input> kept;
  std::vector<std::string> kept_runner;
  for (auto& f : files) {
    runner::Options o = runner_for(f);
    if (!o.lint_down && runner::is_down_file(f.path, o.runner)) {
      skipped.push_back(std::move(f.path));
    } else {
      kept.push_back(std::move(f));
      kept_runner.push_back(std::move(o.runner));
    }
  }
  std::map<std::string, std::vector<size_t>> by_dir;
  for (size_t i = 0; i < kept.size(); ++i) {
    // Its directory: the walk's paths are generic, so the text up to the last '/'.
    const std::string_view path = kept[i].path;
    by_dir[std::string(path.substr(0, path.rfind('/') + 1))].push_back(i);
  }
  for (const auto& [dir, slots] : by_dir) {
    if (slots.size() < 2) continue;
    std::vector<std::pair<runner::OrderKey, Input>> keyed;
    for (const size_t i : slots) {
      keyed.emplace_back(runner::order_key(kept[i].path, kept_runner[i]), std::move(kept[i]));
    }
    std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
      return std::tie(a.first, a.second.path) < std::tie(b.first, b.second.path);
    });
    for (size_t k = 0; k < slots.size(); ++k) kept[slots[k]] = std::move(keyed[k].second);
  }
  return kept;
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
    if (glob_matches(pattern, p)) out.push_back(p);
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

Discovery discover_inputs(const std::vector<std::string>& args, const std::string& stdin_name,
                          const RunnerFor& runner_for) {
  Discovery d;
  std::set<std::string> seen;
  const auto add = [&](Input input) {
    if (seen.insert(input.path).second) d.inputs.push_back(std::move(input));
  };
  for (const std::string& arg : args) {
    if (arg == "-") {
      d.inputs.push_back({stdin_name.empty() ? "<stdin>" : stdin_name, true, {}});
      continue;
    }
    std::error_code ec;
    const auto status = fs::status(arg, ec);
    if (!ec && fs::is_directory(status)) {
      const size_t errors_before = d.errors.size();
      auto files = walk_directory(arg, d.errors);
      if (files.empty() && d.errors.size() == errors_before) {
        d.errors.push_back(arg + ": no .sql files in this directory");
      }
      files = runner_order(std::move(files), runner_for, d.skipped_down);
      for (auto& f : files) add(std::move(f));
    } else if (!ec && fs::exists(status)) {
      add({arg, false, {}});
    } else if (has_wildcard(arg)) {
      auto files = expand_glob(arg);
      if (files.empty()) d.errors.push_back(arg + ": the pattern matches no file");
      for (auto& f : files) add({std::move(f), false, {}});
    } else if (std::error_code link_ec; (ec && ec != std::errc::no_such_file_or_directory) ||
                                        fs::is_symlink(fs::symlink_status(arg, link_ec))) {
      // A link loop, a dangling link, a directory on the way that may not be searched:
      // reading the file says which.
      add({arg, false, {}});
    } else {
      d.errors.push_back(arg + ": no such file or directory");
    }
  }
  return d;
}

Discovery discover_inputs(const std::vector<std::string>& args, const std::string& stdin_name,
                          const runner::Options& runner) {
  return discover_inputs(args, stdin_name, [&](const Input&) { return runner; });
}

std::string canonical_path(const std::string& path) {
  std::error_code ec;
  const fs::path p = fs::weakly_canonical(fs::absolute(path), ec);
  return ec ? fs::absolute(path).lexically_normal().generic_string() : p.generic_string();
}

}  // namespace zd
