#include "cli/read_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "source/source.hpp"

namespace zd {
namespace {

std::string cannot_read() { return std::string("cannot read the file: ") + std::strerror(errno); }

const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe), not a regular file";
  if (S_ISSOCK(mode)) return "a socket, not a regular file";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device, not a regular file";
  return "not a regular file";
}

class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

ReadFile read_regular_file(const std::string& path) {
  // O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer.
  const Descriptor fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (fd.get() < 0) return {{}, cannot_read()};
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    return {{}, cannot_read()};
  }
  if (!S_ISREG(st.st_mode)) {
    return {{}, std::string("cannot read the file: it is ") + kind_of(st.st_mode)};
  }
  if (auto error = file_too_large(static_cast<uint64_t>(st.st_size)); !error.empty()) {
    return {{}, std::move(error)};
  }
  std::string bytes;
  // The size is a hint only: the file may grow or shrink while it is read.
  bytes.reserve(static_cast<size_t>(st.st_size));
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return {{}, cannot_read()};
    }
    bytes.append(buffer, static_cast<size_t>(n));
    // A file that keeps growing while it is read (a log being written) stops at the limit.
    if (auto error = file_too_large(bytes.size()); !error.empty()) return {{}, std::move(error)};
  }
  return {std::move(bytes), {}};
}

}  // namespace zd
