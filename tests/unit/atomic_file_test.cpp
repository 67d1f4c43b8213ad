// zd::AtomicFile: the target is replaced whole or not at all, and no temporary is left.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/atomic_file.hpp"

namespace {

namespace fs = std::filesystem;

// A fresh empty directory, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string name = (fs::temp_directory_path() / "zerodown-atomic-XXXXXX").string();
    REQUIRE(mkdtemp(name.data()) != nullptr);
    path = name;
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path, ec);
  }
};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

size_t entries(const fs::path& dir) {
  return static_cast<size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

std::unique_ptr<zd::AtomicFile> open(const fs::path& p) {
  auto opened = zd::AtomicFile::open(p.string());
  auto* error = std::get_if<std::string>(&opened);
  REQUIRE_MESSAGE(!error, (error ? *error : ""));
  return std::move(std::get<std::unique_ptr<zd::AtomicFile>>(opened));
}

}  // namespace

TEST_CASE("atomic file: replaces the target whole, keeping its mode") {
  TempDir dir;
  const fs::path target = dir.path / "report.sarif";
  write(target, "old contents, longer than the new ones\n");
  REQUIRE(chmod(target.c_str(), 0640) == 0);
  auto file = open(target);
  file->stream() << "new\n";
  CHECK(read(target) == "old contents, longer than the new ones\n");  // not before commit
  CHECK(file->commit().empty());
  CHECK(read(target) == "new\n");
  CHECK(entries(dir.path) == 1);  // no temporary left
  struct stat st {};
  REQUIRE(stat(target.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0640);
}

TEST_CASE("atomic file: creates a missing target; a link keeps pointing at the new file") {
  TempDir dir;
  auto file = open(dir.path / "new.json");
  file->stream() << "[]\n";
  CHECK(file->commit().empty());
  CHECK(read(dir.path / "new.json") == "[]\n");

  write(dir.path / "real.txt", "old\n");
  fs::create_symlink("real.txt", dir.path / "link.txt");
  auto linked = open(dir.path / "link.txt");
  linked->stream() << "new\n";
  CHECK(linked->commit().empty());
  CHECK(fs::is_symlink(dir.path / "link.txt"));
  CHECK(read(dir.path / "real.txt") == "new\n");
}

TEST_CASE("atomic file: not committed, nothing changes and the temporary goes") {
  TempDir dir;
  const fs::path target = dir.path / "out.txt";
  write(target, "old\n");
  {
    auto file = open(target);
    file->stream() << "half";
    CHECK(entries(dir.path) == 2);
  }
  CHECK(read(target) == "old\n");
  CHECK(entries(dir.path) == 1);
}

TEST_CASE("atomic file: a directory as the target is refused, naming it") {
  TempDir dir;
  fs::create_directory(dir.path / "out");
  auto opened = zd::AtomicFile::open((dir.path / "out").string());
  REQUIRE(std::holds_alternative<std::string>(opened));
  CHECK(std::get<std::string>(opened).find("is a directory") != std::string::npos);
  CHECK(std::get<std::string>(opened).find((dir.path / "out").string()) != std::string::npos);
  CHECK(entries(dir.path) == 1);
}

TEST_CASE("atomic file: the target's directory missing is an error naming it") {
  TempDir dir;
  auto opened = zd::AtomicFile::open((dir.path / "no" / "such" / "out.txt").string());
  REQUIRE(std::holds_alternative<std::string>(opened));
  CHECK(std::get<std::string>(opened).find("No such file or directory") != std::string::npos);
}
