// Writing a file so that readers see either the old file or the whole new one, never a
// half-written one: the text goes to a temporary file in the same directory, which is
// flushed to disk (fsync) and then renamed over the target (rename(2) is atomic within a
// file system). Any failure leaves the target untouched and removes the temporary file.
#pragma once

#include <fstream>
#include <memory>
#include <string>
#include <variant>

namespace zd {

class AtomicFile {
 public:
  // Creates the temporary file next to `path` (a symbolic link is followed, so the link
  // stays and its target is replaced). On failure: the message, naming `path` and why.
  static std::variant<std::unique_ptr<AtomicFile>, std::string> open(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return out_; }
  // Flushes, syncs and renames the temporary over the target. Empty on success, else the
  // message (the target is then untouched). Once only.
  std::string commit();

 private:
  AtomicFile(std::string target, std::string temporary, int fd);
  void discard();

  std::string target_;
  std::string temporary_;
  int fd_;  // the temporary, kept open for fsync
  std::ofstream out_;
};

}  // namespace zd
