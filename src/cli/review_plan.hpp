// Which inputs are under review and which are only history, in the order their runner
// applies them, and the history (catalog) each one is replayed into.
//
// - By default every file is reviewed on its own: the files before it in its migration
//   folder are its history, so the catalog knows their tables, types and constraints,
//   and only what the file itself creates is new.
// - --changed-since REF: the files changed since REF (committed, staged, unstaged or new)
//   are the changeset under review; the other inputs are history, replayed, not reported.
//   A table created anywhere in the changeset is new.
// - --history PATH: the migrations found there are history; the paths checked are the
//   changeset.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cli/discover.hpp"
#include "context/context.hpp"

namespace zd {

struct ReviewOptions {
  std::string changed_since;               // a git ref, or empty
  std::vector<std::string> history_paths;  // files, directories, globs
};

struct PlannedInput {
  Input input;
  Review review = Review::Alone;
  size_t folder = 0;  // its migration folder, numbered in order of first appearance
};

struct ReviewPlan {
  std::vector<PlannedInput> files;  // in the order they are replayed and reported
  std::vector<std::string> errors;  // as Discovery::errors: each one fails the run
  size_t history_files = 0;
};

ReviewPlan plan_review(Discovery discovery, const ReviewOptions& review,
                       const RunnerFor& runner_for);

// One history per migration folder (runner::migration_folder): migrations of different
// folders are different databases. Standard input has a history of its own.
class Histories {
 public:
  History& of(const Input& input);

 private:
  std::map<std::string, History> by_folder_;
};

}  // namespace zd
