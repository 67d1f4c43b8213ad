#include "cli/discover.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
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
// In place: a walk of thousands of files had its list twice at discovery's peak, the one
// time before any file is checked that the whole list is held.
void runner_order(std::vector<Input>& files, const RunnerFor& runner_for,
                  std::vector<std::string>& skipped) {
  std::vector<std::string> kept_runner;
  kept_runner.reserve(files.size());
  size_t kept = 0;
  for (auto& f : files) {
    runner::Options o = runner_for(f);
    if (!o.lint_down && runner::is_down_file(f.path, o.runner)) {
      skipped.push_back(std::move(f.path));
      continue;
    }
    if (&f != &files[kept]) files[kept] = std::move(f);
    ++kept;
    kept_runner.push_back(std::move(o.runner));
  }
  files.resize(kept);
  // Keyed by views into the paths: the loop below moves files only among a directory's own
  // places, once every key is in.
  std::map<std::string_view, std::vector<size_t>> by_dir;
  for (size_t i = 0; i < files.size(); ++i) {
    // Its directory: the walk's paths are generic, so the text up to the last '/'.
    const std::string_view path = files[i].path;
    by_dir[path.substr(0, path.rfind('/') + 1)].push_back(i);
  }
  for (const auto& [dir, slots] : by_dir) {
    if (slots.size() < 2) continue;
    std::vector<std::pair<runner::OrderKey, size_t>> keyed;
    keyed.reserve(slots.size());
    for (const size_t i : slots) {
      keyed.emplace_back(runner::order_key(files[i].path, kept_runner[i]), i);
    }
    std::sort(keyed.begin(), keyed.end(), [&files](const auto& a, const auto& b) {
      return std::tie(a.first, files[a.second].path) < std::tie(b.first, files[b.second].path);
    });
    std::vector<Input> ordered;
    ordered.reserve(slots.size());
    for (const auto& k : keyed) ordered.push_back(std::move(files[k.second]));
    for (size_t k = 0; k < slots.size(); ++k) files[slots[k]] = std::move(ordered[k]);
  }
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

// A path named twice (by two arguments, or an argument and a walk) is checked once, where it
// first came. Found after the fact, by sorting positions rather than keeping a set of
// every path seen: that set was a second copy of thousands of paths.
void drop_repeated_paths(std::vector<Input>& inputs) {
  std::vector<uint32_t> by_path;
  by_path.reserve(inputs.size());
  for (uint32_t i = 0; i < inputs.size(); ++i) {
    if (!inputs[i].is_stdin) by_path.push_back(i);  // standard input may be named twice
  }
  std::stable_sort(by_path.begin(), by_path.end(),
                   [&inputs](uint32_t a, uint32_t b) { return inputs[a].path < inputs[b].path; });
  std::vector<bool> repeated(inputs.size());
  for (size_t k = 1; k < by_path.size(); ++k) {
    if (inputs[by_path[k]].path == inputs[by_path[k - 1]].path) repeated[by_path[k]] = true;
  }
  size_t kept = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (repeated[i]) continue;
    if (i != kept) inputs[kept] = std::move(inputs[i]);
    ++kept;
  }
  inputs.resize(kept);
}

}  // namespace

Discovery discover_inputs(const std::vector<std::string>& args, const std::string& stdin_name,
                          const RunnerFor& runner_for) {
  Discovery d;
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
      runner_order(files, runner_for, d.skipped_down);
      if (d.inputs.empty()) {
        d.inputs = std::move(files);
      } else {
        d.inputs.insert(d.inputs.end(), std::make_move_iterator(files.begin()),
                        std::make_move_iterator(files.end()));
      }
    } else if (!ec && fs::exists(status)) {
      d.inputs.push_back({arg, false, {}});
    } else if (has_wildcard(arg)) {
      auto files = expand_glob(arg);
      if (files.empty()) d.errors.push_back(arg + ": the pattern matches no file");
      for (auto& f : files) d.inputs.push_back({std::move(f), false, {}});
    } else if (std::error_code link_ec; (ec && ec != std::errc::no_such_file_or_directory) ||
                                        fs::is_symlink(fs::symlink_status(arg, link_ec))) {
      // A link loop, a dangling link, a directory on the way that may not be searched:
      // reading the file says which.
      d.inputs.push_back({arg, false, {}});
    } else {
      d.errors.push_back(arg + ": no such file or directory");
    }
  }
  drop_repeated_paths(d.inputs);
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
