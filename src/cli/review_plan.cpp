#include "cli/review_plan.hpp"

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

std::string canonical(const std::string& path) {
  std::error_code ec;
  const fs::path p = fs::weakly_canonical(fs::absolute(path), ec);
  return ec ? fs::absolute(path).lexically_normal().generic_string() : p.generic_string();
}

// The history a file belongs to; standard input has one of its own.
std::string folder_of(const Input& input) {
  return input.is_stdin ? std::string("-") : runner::migration_folder(canonical(input.path));
}

// History and changeset files side by side: each migration folder's files in its runner's
// order, the folders in the order they first appear.
void order_by_folder(std::vector<PlannedInput>& files, const RunnerFor& runner_for) {
  std::map<std::string, size_t> folder_rank;
  using Key = std::tuple<size_t, runner::OrderKey, std::string>;
  std::vector<std::pair<Key, PlannedInput>> keyed;
  keyed.reserve(files.size());
  for (auto& f : files) {
    const size_t rank = folder_rank.emplace(folder_of(f.input), folder_rank.size()).first->second;
    Key key{rank, runner::order_key(f.input.path, runner_for(f.input.path).runner),
            f.input.path};
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
  std::set<std::string> seen;
  for (Input& input : discovery.inputs) {
    Review r = changeset ? Review::Changeset : Review::Alone;
    if (!input.is_stdin) {
      const std::string path = canonical(input.path);
      seen.insert(path);
      if (changed && !changed->contains(path)) r = Review::History;
    }
    plan.files.push_back({std::move(input), r});
  }
  if (!review.history_paths.empty()) {
    Discovery history = discover_inputs(review.history_paths, "", runner_for);
    for (auto& e : history.errors) plan.errors.push_back("--history " + e);
    for (Input& input : history.inputs) {
      if (input.is_stdin || !seen.insert(canonical(input.path)).second) continue;
      plan.files.push_back({std::move(input), Review::History});
    }
    order_by_folder(plan.files, runner_for);
  }
  std::map<std::string, size_t> folders;
  for (PlannedInput& f : plan.files) {
    f.folder = folders.emplace(folder_of(f.input), folders.size()).first->second;
  }
  plan.history_files = static_cast<size_t>(
      std::count_if(plan.files.begin(), plan.files.end(),
                    [](const PlannedInput& f) { return f.review == Review::History; }));
  return plan;
}

History& Histories::of(const Input& input) { return by_folder_[folder_of(input)]; }

}  // namespace zd
