#include "report/spill_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

namespace zd {
namespace {

// A new file in the temporary directory, already unlinked; -1 when none can be made.
int unlinked_temporary() {
  const char* dir = std::getenv("TMPDIR");
  std::string path = std::string(dir && *dir ? dir : "/tmp") + "/zerodown-spill-XXXXXX";
  // Close-on-exec: a program zerodown starts (git) has no business with it.
  const int fd = ::mkostemp(path.data(), O_CLOEXEC);
  if (fd >= 0) ::unlink(path.c_str());
  return fd;
}

}  // namespace

SpillFile::~SpillFile() {
  if (fd_ >= 0) ::close(fd_);
}

bool SpillFile::append(std::string_view text) {
  if (refused_) return false;
  if (fd_ < 0 && (fd_ = unlinked_temporary()) < 0) {
    refused_ = true;
    return false;
  }
  for (size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      // What this call wrote in part lies past size_, and copy_to() stops at size_.
      refused_ = true;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  size_ += text.size();
  return true;
}

void SpillFile::copy_to(std::ostream& out) const {
  constexpr size_t kBlock = 64 * 1024;
  const auto block = std::make_unique_for_overwrite<char[]>(kBlock);
  for (uint64_t at = 0; at < size_;) {
    const size_t want = static_cast<size_t>(std::min<uint64_t>(kBlock, size_ - at));
    const ssize_t n = ::pread(fd_, block.get(), want, static_cast<off_t>(at));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      throw std::runtime_error(std::string("cannot read back the report's temporary file: ") +
                               (n < 0 ? std::strerror(errno) : "it is shorter than written"));
    }
    out.write(block.get(), n);
    at += static_cast<uint64_t>(n);
  }
}

}  // namespace zd
