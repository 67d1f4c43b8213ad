// What git says about the working copy, for --changed-since. git is run as a program (the
// repository's own configuration applies), never parsed from .git by hand.
#pragma once

#include <set>
#include <string>
#include <variant>

namespace zd {

// The files changed since `ref` in the repository holding the current directory, as
// absolute canonical paths: the commits since the merge base of `ref` and HEAD (so that
// changes made on `ref`'s side since the branch point do not count), staged and unstaged
// edits, and new files that git does not ignore. Deleted files are left out.
// On failure (git missing, not a repository, unknown ref) the error says which.
std::variant<std::set<std::string>, std::string> git_changed_files(const std::string& ref);

}  // namespace zd
