// .github/zerodown-problem-matcher.json against real `--format gcc` output: the GitHub
// Actions runner compiles each regexp as a .NET regex in ECMAScript mode; std::regex's
// ECMAScript grammar reads these patterns the same way. Every line zerodown writes must be
// matched by exactly one matcher, with the groups giving back the finding's fields.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "lint/lint.hpp"
#include "report/gcc_reporter.hpp"

namespace {

struct Matcher {
  std::regex regex;
  nlohmann::json pattern;
  std::string default_severity;
};

std::vector<Matcher> load_matchers() {
  std::ifstream in(std::string(ZERODOWN_SOURCE_DIR) + "/.github/zerodown-problem-matcher.json");
  REQUIRE(in);
  const auto config = nlohmann::json::parse(in);
  std::vector<Matcher> out;
  for (const auto& m : config.at("problemMatcher")) {
    REQUIRE(m.at("pattern").size() == 1);
    const auto& p = m.at("pattern")[0];
    out.push_back({std::regex(p.at("regexp").get<std::string>(), std::regex::ECMAScript), p,
                   m.value("severity", "")});
  }
  return out;
}

struct Issue {
  std::string file, line, column, severity, message, code;
};

// What the runner would make of one line, or nullopt when no matcher takes it. Fails when
// more than one does.
std::optional<Issue> match(const std::vector<Matcher>& matchers, const std::string& line) {
  std::optional<Issue> issue;
  for (const auto& m : matchers) {
    std::smatch groups;
    if (!std::regex_search(line, groups, m.regex)) continue;
    REQUIRE_FALSE(issue);
    const auto group = [&](const char* field) -> std::string {
      if (!m.pattern.contains(field)) return {};
      return groups[m.pattern.at(field).get<size_t>()].str();
    };
    const std::string severity = group("severity");
    issue = Issue{group("file"),     group("line"),    group("column"),
                  severity.empty() ? m.default_severity : severity, group("message"),
                  group("code")};
  }
  return issue;
}

std::vector<std::string> gcc_lines(const std::vector<zd::FileReport>& reports) {
  std::ostringstream out;
  zd::GccReporter reporter(out);
  for (const auto& r : reports) reporter.file(r);
  std::vector<std::string> lines;
  std::istringstream in(out.str());
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("problem matcher: every gcc line zerodown writes, with its fields") {
  const auto matchers = load_matchers();
  zd::LintOptions options;
  options.selection = {{{"all"}, {}}};
  std::vector<zd::FileReport> reports;
  // A path with spaces, colons and non-ASCII characters; messages with colons, quotes and
  // brackets; CRLF line ends; an info finding (gcc's `note`) and a syntax error.
  reports.push_back(zd::lint_bytes("my migrations/2024:01 été.sql",
                                   "CREATE TABLE t (id serial PRIMARY KEY, c char(3));\r\n"
                                   "ALTER TABLE users ADD COLUMN age integer NOT NULL;\r\n"
                                   "SELEC 1;\r\n",
                                   options));
  reports.push_back(zd::lint_bytes("x.sql", "\xff\xfe", options));  // a file-error line
  const auto lines = gcc_lines(reports);

  size_t expected_lines = 1;  // the file error
  for (const auto& r : reports) {
    for (const auto& f : r.findings) expected_lines += f.suppressed ? 0 : 1;
  }
  REQUIRE(lines.size() == expected_lines);
  REQUIRE(lines.size() > 4);

  size_t i = 0;
  for (const auto& r : reports) {
    if (r.error) {
      CAPTURE(lines[i]);
      const auto issue = match(matchers, lines[i++]);
      REQUIRE(issue);
      CHECK(issue->file == r.path);
      CHECK(issue->severity == "error");
      CHECK(issue->message == r.error->message);
      CHECK(issue->code == "file-error");
    }
    for (const auto& f : r.findings) {
      if (f.suppressed) continue;
      CAPTURE(lines[i]);
      const auto issue = match(matchers, lines[i++]);
      REQUIRE(issue);
      CHECK(issue->file == r.path);
      CHECK(issue->line == std::to_string(f.start.line));
      CHECK(issue->column == std::to_string(f.start.column));
      CHECK(issue->severity == (f.severity == zd::Severity::Info ? "notice"
                                                                 : zd::severity_name(f.severity)));
      CHECK(issue->message == f.message);
      CHECK(issue->code == f.rule->id);
    }
  }
  bool saw_note = false;
  for (const auto& line : lines) saw_note = saw_note || line.find(": note: ") != std::string::npos;
  CHECK(saw_note);
}

TEST_CASE("problem matcher: lines that are not findings are left alone") {
  const auto matchers = load_matchers();
  CHECK_FALSE(match(matchers, "zerodown: error: no such file: missing.sql"));
  CHECK_FALSE(match(matchers, "Found 2 problems (1 error, 1 warning, 0 info) in 1 file."));
  CHECK_FALSE(match(matchers, "a.sql:3:1: error: message without a rule"));
  CHECK_FALSE(match(matchers, "a.sql:x:1: error: bad line [lock-create-index]"));
}
