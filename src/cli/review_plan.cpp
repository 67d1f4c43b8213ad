#include "cli/review_plan.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>
#include <tuple>
#include <variant>

#include "cli/git.hpp"

namespace zd {
namespace {

namespace fs = std::filesystem;

// Canonical paths, each directory resolved once: canonical_path walks every component of
// the path with a system call or two each. A walk found most files' canonical paths on the
// way; of the others, a regular file (not a link) is its directory's canonical path followed
// by its name, so the directory is kept by the path as written.
class CanonicalPaths {
 public:
  std::string of(const Input& input) {
    if (!input.canonical.empty()) return input.canonical;
    const std::string& path = input.path;
    const std::string_view name = std::string_view(path).substr(path.rfind('/') + 1);
    struct stat st {};
    if (name.empty() || ::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
      return canonical_path(path);  // a link, missing, not a file: resolved as it is
    }
    const std::string_view dir = std::string_view(path).substr(0, path.size() - name.size());
    if (const auto it = dirs_.find(dir); it != dirs_.end()) return it->second + std::string(name);
    std::string full = canonical_path(path);
    if (full.ends_with(name)) dirs_.emplace(dir, full.substr(0, full.size() - name.size()));
    return full;
  }

 private:
  std::map<std::string, std::string, std::less<>> dirs_;  // with the trailing '/'
};

// The history a file belongs to; standard input has one of its own.
std::string folder_of(const Input& input, CanonicalPaths& paths) {
  return input.is_stdin ? std::string("-") : runner::migration_folder(paths.of(input));
}

// History and changeset files side by side: each migration folder's files in its runner's
// order, the folders in the order they first appear.
void order_by_folder(std::vector<PlannedInput>& files, const RunnerFor& runner_for,
                     CanonicalPaths& paths) {
  std::map<std::string, size_t> folder_rank;
  using Key = std::tuple<size_t, runner::OrderKey, std::string>;
  std::vector<std::pair<Key, PlannedInput>> keyed;
  keyed.reserve(files.size());
  for (auto& f : files) {
    const size_t rank =
        folder_rank.emplace(folder_of(f.input, paths), folder_rank.size()).first->second;
    Key key{rank, runner::order_key(f.input.path, runner_for(f.input).runner), f.input.path};
    keyed.emplace_back(std::move(key), std::move(f));
  }
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i < files.size(); ++i) files[i] = std::move(keyed[i].second);
}

}  // namespace

ReviewPlan plan_review(Discovery discovery, const ReviewOptions& review,
                       const RunnerFor& runner_for) {
  ReviewPlan plan;
  plan.errors = std::move(discovery.errors);
  std::optional<std::set<std::string>> changed;
  if (!review.changed_since.empty()) {
    auto result = git_changed_files(review.changed_since);
    if (const auto* error = std::get_if<std::string>(&result)) {
      plan.errors.push_back(*error);
      return plan;
    }
    changed = std::move(std::get<std::set<std::string>>(result));
  }
  const bool changeset = changed || !review.history_paths.empty();
  CanonicalPaths paths;
  std::set<std::string> seen;
  plan.files.reserve(discovery.inputs.size());  // one per input, kept for the whole run
  for (Input& input : discovery.inputs) {
    Review r = changeset ? Review::Changeset : Review::Alone;
    if (!input.is_stdin) {
      input.canonical = paths.of(input);  // kept: its folder is asked for below
      if (changed && !changed->contains(input.canonical)) r = Review::History;
      seen.insert(input.canonical);
    }
    plan.files.push_back({std::move(input), r});
  }
  if (!review.history_paths.empty()) {
    Discovery history = discover_inputs(review.history_paths, "", runner_for);
    for (auto& e : history.errors) plan.errors.push_back("--history " + e);
    for (Input& input : history.inputs) {
      if (input.is_stdin) continue;
      input.canonical = paths.of(input);
      if (!seen.insert(input.canonical).second) continue;
      plan.files.push_back({std::move(input), Review::History});
    }
    order_by_folder(plan.files, runner_for, paths);
  }
  std::map<std::string, size_t> folders;
  for (PlannedInput& f : plan.files) {
    f.folder = folders.emplace(folder_of(f.input, paths), folders.size()).first->second;
    std::string().swap(f.input.canonical);  // served its turn; the plan lasts the whole run
  }
  plan.history_files = static_cast<size_t>(
      std::count_if(plan.files.begin(), plan.files.end(),
                    [](const PlannedInput& f) { return f.review == Review::History; }));
  return plan;
}

History& Histories::of(const Input& input) {
  CanonicalPaths paths;
  return by_folder_[folder_of(input, paths)];
}

}  // namespace zd
