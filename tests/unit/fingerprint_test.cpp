// zd::finding_fingerprints: the same finding keeps its fingerprint when unrelated lines
// move it, and a different finding gets a different one.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "lint/lint.hpp"
#include "report/fingerprint.hpp"

namespace {

constexpr const char* kIndex = "CREATE INDEX idx_users_email ON users (email);\n";

struct Fingerprinted {
  zd::FileReport report;
  std::vector<std::string> prints;
};

Fingerprinted run(const std::string& path, const std::string& sql) {
  Fingerprinted f{zd::lint_bytes(path, sql, {}), {}};
  f.prints = zd::finding_fingerprints(f.report);
  REQUIRE(f.prints.size() == f.report.findings.size());
  return f;
}

// The fingerprints of the findings of `rule`, in order.
std::vector<std::string> all_of(const Fingerprinted& f, std::string_view rule) {
  std::vector<std::string> found;
  for (size_t i = 0; i < f.report.findings.size(); ++i) {
    if (f.report.findings[i].rule->id == rule) found.push_back(f.prints[i]);
  }
  return found;
}

// The fingerprint of the only finding of `rule`.
std::string of(const Fingerprinted& f, std::string_view rule) {
  const auto found = all_of(f, rule);
  REQUIRE(found.size() == 1);
  return found[0];
}

}  // namespace

TEST_CASE("fingerprint: 16 hex digits, the same on every run") {
  const auto a = run("m.sql", kIndex);
  CHECK(of(a, "lock-create-index").size() == 16);
  CHECK(of(a, "lock-create-index").find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(of(run("m.sql", kIndex), "lock-create-index") == of(a, "lock-create-index"));
}

TEST_CASE("fingerprint: lines inserted above, re-indenting and CRLF leave it alone") {
  const auto print = of(run("m.sql", kIndex), "lock-create-index");
  CHECK(of(run("m.sql", std::string("-- a comment\n\nSELECT 1;\n") + kIndex),
           "lock-create-index") == print);
  CHECK(of(run("m.sql", "CREATE INDEX idx_users_email\n    ON users (email);\n"),
           "lock-create-index") == print);
  CHECK(of(run("m.sql", "CREATE INDEX idx_users_email ON users (email);\r\n"),
           "lock-create-index") == print);
}

TEST_CASE("fingerprint: another statement, rule or file changes it") {
  const auto print = of(run("m.sql", kIndex), "lock-create-index");
  CHECK(of(run("m.sql", "CREATE INDEX idx_users_name ON users (name);\n"), "lock-create-index") !=
        print);
  CHECK(of(run("other.sql", kIndex), "lock-create-index") != print);
}

TEST_CASE("fingerprint: identical statements differ by their order, not their lines") {
  const auto twice = all_of(run("m.sql", std::string(kIndex) + kIndex), "lock-create-index");
  REQUIRE(twice.size() == 2);
  CHECK(twice[0] != twice[1]);
  CHECK(twice[0] == of(run("m.sql", kIndex), "lock-create-index"));
  const auto moved =
      all_of(run("m.sql", std::string(kIndex) + "\n\n-- later\n" + kIndex), "lock-create-index");
  CHECK(moved == twice);
}

TEST_CASE("fingerprint: suppressing one finding leaves the others' alone") {
  const auto both = all_of(run("m.sql", std::string(kIndex) + kIndex), "lock-create-index");
  const auto first_suppressed =
      run("m.sql", std::string("-- zerodown-ignore: lock-create-index -- reviewed\n") + kIndex +
                       kIndex);
  size_t suppressed = 0;
  for (const auto& f : first_suppressed.report.findings) suppressed += f.suppressed ? 1 : 0;
  CHECK(suppressed == 1);
  CHECK(all_of(first_suppressed, "lock-create-index") == both);
}
