// Reading a migration file whole, whatever the path turns out to be by the time it is read:
// discovery saw a regular file, but it may since have vanished or been replaced (by a
// directory, a FIFO, a device), or it was named on the command line as such. A FIFO or a
// device would block the read forever or never end, so only a regular file is read; it is
// opened without blocking and checked on the open descriptor, so a swap between the check
// and the read cannot slip through. A file that changes while it is read is checked as the
// bytes the one pass read.
#pragma once

#include <string>

namespace zd {

struct ReadFile {
  std::string bytes;
  std::string error;  // why the file could not be read (without its path); empty if it was
};
ReadFile read_regular_file(const std::string& path);

}  // namespace zd
