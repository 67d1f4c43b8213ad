#include "cli/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

#include <fmt/format.h>

namespace zd {
namespace {

namespace fs = std::filesystem;

std::string why() { return std::strerror(errno); }

}  // namespace

std::variant<std::unique_ptr<AtomicFile>, std::string> AtomicFile::open(std::string path) {
  if (path.empty()) return std::string("the file name is empty");
  std::error_code ec;
  if (fs::is_symlink(fs::symlink_status(path, ec))) {
    const fs::path resolved = fs::canonical(path, ec);
    if (!ec) path = resolved.string();
  }
  struct stat target {};
  const bool exists = ::stat(path.c_str(), &target) == 0;
  if (exists && S_ISDIR(target.st_mode)) return fmt::format("cannot write '{}': it is a directory", path);

  const fs::path p(path);
  const std::string dir = p.has_parent_path() ? p.parent_path().string() : ".";
  // A hidden name in the target's directory (rename(2) does not cross file systems),
  // created with O_EXCL so that it is never someone else's file; 0666 less the umask, as
  // any new file, or the mode of the file it replaces.
  std::random_device rng;
  for (int attempt = 0; attempt < 100; ++attempt) {
    const std::string temporary =
        fmt::format("{}/.{}.{:08x}.tmp", dir, p.filename().string(), rng());
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno == EEXIST) continue;
    if (fd < 0) {
      return fmt::format("cannot create a temporary file in '{}' to write '{}': {}", dir, path,
                         why());
    }
    if (exists) ::fchmod(fd, target.st_mode & 07777);
    std::unique_ptr<AtomicFile> file(new AtomicFile(path, temporary, fd));
    if (!file->out_.is_open()) return fmt::format("cannot write '{}': {}", temporary, why());
    return file;
  }
  return fmt::format("cannot create a temporary file in '{}' to write '{}': every name tried "
                     "was taken",
                     dir, path);
}

AtomicFile::AtomicFile(std::string target, std::string temporary, int fd)
    : target_(std::move(target)),
      temporary_(std::move(temporary)),
      fd_(fd),
      out_(temporary_, std::ios::binary | std::ios::trunc) {}

AtomicFile::~AtomicFile() { discard(); }

void AtomicFile::discard() {
  if (fd_ < 0) return;
  out_.close();
  ::close(fd_);
  fd_ = -1;
  ::unlink(temporary_.c_str());
}

std::string AtomicFile::commit() {
  if (fd_ < 0) return fmt::format("'{}' was already written", target_);
  std::string error;
  out_.flush();
  if (!out_) error = fmt::format("cannot write '{}': {}", temporary_, why());
  out_.close();
  if (error.empty() && !out_) error = fmt::format("cannot write '{}': {}", temporary_, why());
  // Data on disk before the rename: otherwise a crash could leave the new name on an
  // empty file.
  if (error.empty() && ::fsync(fd_) != 0) {
    error = fmt::format("cannot flush '{}' to disk: {}", temporary_, why());
  }
  if (!error.empty()) {
    discard();
    return error + fmt::format("; '{}' is left as it was", target_);
  }
  ::close(fd_);
  fd_ = -1;
  if (::rename(temporary_.c_str(), target_.c_str()) != 0) {
    error = fmt::format("cannot replace '{}': {}", target_, why());
    ::unlink(temporary_.c_str());
    return error;
  }
  // Make the rename itself durable. The file is in place whatever happens here, so a
  // failure is not reported as one to write it.
  const fs::path parent = fs::path(target_).parent_path();
  const int dir = ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return {};
}

}  // namespace zd
