// The JSON report's list of files is kept in a temporary file once it grows (SpillFile): the
// report it writes is the same whether the list went there, or could not and stayed in
// memory.
#include <doctest/doctest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>

#include "lint/lint.hpp"
#include "report/json_reporter.hpp"
#include "report/spill_file.hpp"

namespace {

// Sets an environment variable for the scope, and puts the old value back.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value, 1);
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// The report of `count` files without findings, the odd ones unreadable.
std::string report_of(size_t count) {
  std::ostringstream out;
  zd::JsonReporter reporter(out, zd::LintOptions{});
  zd::Totals totals;
  for (size_t i = 0; i < count; ++i) {
    zd::FileReport r;
    r.path = "db/migrations/" + std::to_string(i) + "_add_a_column_to_a_table.sql";
    r.statements = i % 7;
    if (i % 2) r.error = zd::FileError{"cannot read it", {1, 1}};
    reporter.file(r);
  }
  reporter.finish(totals);
  return out.str();
}

}  // namespace

TEST_CASE("json report: every file listed, in order, when the list spills to disk") {
  // Some 80 bytes an entry: 3,000 entries are several times the 64 KiB kept in memory.
  const std::string text = report_of(3000);
  const nlohmann::json report = nlohmann::json::parse(text);
  REQUIRE(report["files"].size() == 3000);
  for (size_t i = 0; i < 3000; ++i) {
    const nlohmann::json& f = report["files"][i];
    CHECK(f["path"] == "db/migrations/" + std::to_string(i) + "_add_a_column_to_a_table.sql");
    CHECK(f["statements"] == i % 7);
    CHECK(f["error"].is_null() == (i % 2 == 0));
  }
  // The same bytes when no temporary file can be made: the list stays in memory.
  const ScopedEnv no_tmp("TMPDIR", "/nonexistent/zerodown-test");
  CHECK(report_of(3000) == text);
}

TEST_CASE("spill file: what was appended comes back; refused once it cannot be written") {
  zd::SpillFile spill;
  CHECK(spill.append("first,"));
  CHECK(spill.append(std::string(200000, 'x')));
  std::ostringstream out;
  spill.copy_to(out);
  CHECK(out.str() == "first," + std::string(200000, 'x'));

  const ScopedEnv no_tmp("TMPDIR", "/nonexistent/zerodown-test");
  zd::SpillFile nowhere;
  CHECK_FALSE(nowhere.append("text"));
  std::ostringstream empty;
  nowhere.copy_to(empty);
  CHECK(empty.str().empty());
}
