// Text a report must keep until its end, kept on disk rather than in memory: an unlinked
// temporary file (in $TMPDIR, else /tmp) that only this process can reach and that goes
// when it is closed. The JSON report's list of files comes after every finding, so its
// entries wait there, a few dozen bytes for each file checked.
#pragma once

#include <cstdint>
#include <ostream>
#include <string_view>

namespace zd {

class SpillFile {
 public:
  SpillFile() = default;
  ~SpillFile();
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  // Adds `text` at the end (the file is made by the first call). False when it cannot be
  // made or written: the caller keeps the text, and every later call is refused as well,
  // so what was added before stays whole.
  bool append(std::string_view text);
  // Copies what was added to `out`. Throws std::runtime_error when it cannot be read back.
  void copy_to(std::ostream& out) const;

 private:
  int fd_ = -1;
  uint64_t size_ = 0;  // bytes added and written whole
  bool refused_ = false;
};

}  // namespace zd
