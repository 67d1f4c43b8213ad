#include "cli/git.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <vector>

extern char** environ;

namespace zd {
namespace {

namespace fs = std::filesystem;

struct Output {
  int status = -1;  // exit status; -1 when git could not be started
  std::string out;
  std::string err;
};

// Runs git with the arguments, without a shell, and collects its output. stderr is read
// after stdout: git's stderr for these commands is a line or two, well within a pipe.
Output run_git(const std::vector<std::string>& args) {
  Output result;
  std::array<int, 2> out_pipe{};
  std::array<int, 2> err_pipe{};
  if (pipe(out_pipe.data()) != 0) return result;
  if (pipe(err_pipe.data()) != 0) {
    close(out_pipe[0]);
    close(out_pipe[1]);
    return result;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  for (const int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
    posix_spawn_file_actions_addclose(&actions, fd);
  }
  std::vector<char*> argv;
  std::string git = "git";
  argv.push_back(git.data());
  std::vector<std::string> owned(args);
  for (auto& a : owned) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  close(err_pipe[1]);
  const auto drain = [](int fd, std::string& into) {
    std::array<char, 65536> buffer{};
    for (;;) {
      const ssize_t n = read(fd, buffer.data(), buffer.size());
      if (n > 0) {
        into.append(buffer.data(), static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        break;
      }
    }
    close(fd);
  };
  drain(out_pipe[0], result.out);
  drain(err_pipe[0], result.err);
  if (spawned != 0) return result;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string first_line(const std::string& text) {
  const auto end = text.find('\n');
  return text.substr(0, end);
}

// NUL-separated paths relative to the repository's top level.
void add_paths(const std::string& listing, const fs::path& top, std::set<std::string>& into) {
  size_t begin = 0;
  while (begin < listing.size()) {
    size_t end = listing.find('\0', begin);
    if (end == std::string::npos) end = listing.size();
    if (end > begin) {
      std::error_code ec;
      const fs::path p = top / listing.substr(begin, end - begin);
      const fs::path canonical = fs::weakly_canonical(p, ec);
      into.insert((ec ? p : canonical).generic_string());
    }
    begin = end + 1;
  }
}

}  // namespace

std::variant<std::set<std::string>, std::string> git_changed_files(const std::string& ref) {
  const Output top = run_git({"rev-parse", "--show-toplevel"});
  if (top.status < 0) return std::string("--changed-since needs git, which could not be run");
  if (top.status != 0) {
    return std::string("--changed-since needs a git repository, and the current directory is not "
                       "in one");
  }
  if (ref.empty() || ref.front() == '-') return "--changed-since: '" + ref + "' is not a git ref";
  const Output base = run_git({"merge-base", ref, "HEAD"});
  if (base.status != 0) {
    const Output known = run_git({"rev-parse", "--verify", "--quiet", ref + "^{commit}"});
    if (known.status != 0) return "--changed-since: '" + ref + "' is not a commit git knows";
    return "--changed-since: '" + ref + "' and HEAD have no common ancestor" +
           (base.err.empty() ? "" : " (" + first_line(base.err) + ")");
  }
  const std::string merge_base = first_line(base.out);
  const fs::path root = first_line(top.out);
  std::set<std::string> changed;
  // Against the merge base: committed, staged and unstaged changes in one list.
  const Output diff = run_git({"diff", "--name-only", "--no-renames", "--diff-filter=d", "-z",
                               merge_base, "--"});
  if (diff.status != 0) return "--changed-since: git diff failed: " + first_line(diff.err);
  add_paths(diff.out, root, changed);
  const Output untracked = run_git({"ls-files", "--others", "--exclude-standard", "-z", "--full-name",
                                    "--", root.generic_string()});
  if (untracked.status != 0) return "--changed-since: git ls-files failed: " + first_line(untracked.err);
  add_paths(untracked.out, root, changed);
  return changed;
}

}  // namespace zd
