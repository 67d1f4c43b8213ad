// The problem matchers zerodown ships or documents, against real `--format gcc` output:
// .github/zerodown-problem-matcher.json, and the README's VS Code task (its problemMatcher)
// and JetBrains external tool (its output filter). The GitHub Actions runner compiles each
// regexp as a .NET regex in ECMAScript mode and VS Code as a JavaScript RegExp; std::regex's
// ECMAScript grammar reads these patterns the same way. Every line zerodown writes must be
// matched by exactly one matcher, with the groups giving back the finding's fields.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "lint/lint.hpp"
#include "report/gcc_reporter.hpp"

namespace {

struct Matcher {
  std::regex regex;
  nlohmann::json pattern;
  std::string default_severity;
};

std::string read_file(const std::string& relative_path) {
  std::ifstream in(std::string(ZERODOWN_SOURCE_DIR) + "/" + relative_path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The body of the fenced block after the line `<!-- snippet: NAME -->` in README.md (the
// markers tests/integrations/readme_snippets.sh also reads).
std::string readme_snippet(const std::string& name) {
  const std::string readme = read_file("README.md");
  const std::string marker = "<!-- snippet: " + name + " -->\n";
  const size_t at = readme.find(marker);
  REQUIRE_MESSAGE(at != std::string::npos, "README.md has no snippet " << name);
  const size_t open = readme.find("\n", readme.find("```", at + marker.size())) + 1;
  const size_t close = readme.find("\n```", open);
  REQUIRE(close != std::string::npos);
  return readme.substr(open, close - open + 1);
}

// A problemMatcher value: one matcher or a list, each with one pattern or a list of one.
std::vector<Matcher> load_matchers(const nlohmann::json& problem_matcher) {
  const auto list =
      problem_matcher.is_array() ? problem_matcher : nlohmann::json::array({problem_matcher});
  std::vector<Matcher> out;
  for (const auto& m : list) {
    const auto& pattern = m.at("pattern");
    REQUIRE((!pattern.is_array() || pattern.size() == 1));
    const auto& p = pattern.is_array() ? pattern[0] : pattern;
    out.push_back({std::regex(p.at("regexp").get<std::string>(), std::regex::ECMAScript), p,
                   m.value("severity", "")});
  }
  return out;
}

std::vector<Matcher> github_matchers() {
  return load_matchers(nlohmann::json::parse(read_file(".github/zerodown-problem-matcher.json"))
                           .at("problemMatcher"));
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
    issue = Issue{group("file"),    group("line"),
                  group("column"),  severity.empty() ? m.default_severity : severity,
                  group("message"), group("code")};
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

// Runs the matchers over the gcc lines of findings of every kind and checks each line's
// fields; `info_severity` is what the matchers make of gcc's `note`.
void check_every_gcc_line(const std::vector<Matcher>& matchers, const std::string& info_severity) {
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
      CHECK(issue->severity == (f.severity == zd::Severity::Info
                                    ? info_severity
                                    : std::string(zd::severity_name(f.severity))));
      CHECK(issue->message == f.message);
      CHECK(issue->code == f.rule->id);
    }
  }
  bool saw_note = false;
  for (const auto& line : lines) saw_note = saw_note || line.find(": note: ") != std::string::npos;
  CHECK(saw_note);
}

void check_non_findings_left_alone(const std::vector<Matcher>& matchers) {
  CHECK_FALSE(match(matchers, "zerodown: error: no such file: missing.sql"));
  CHECK_FALSE(match(matchers, "Found 2 problems (1 error, 1 warning, 0 info) in 1 file."));
  CHECK_FALSE(match(matchers, "a.sql:3:1: error: message without a rule"));
  CHECK_FALSE(match(matchers, "a.sql:x:1: error: bad line [lock-create-index]"));
}

}  // namespace

TEST_CASE("problem matcher: every gcc line zerodown writes, with its fields") {
  // The runner knows no `note`: the zerodown-note matcher reports them as notices.
  check_every_gcc_line(github_matchers(), "notice");
}

TEST_CASE("problem matcher: lines that are not findings are left alone") {
  check_non_findings_left_alone(github_matchers());
}

TEST_CASE("README's VS Code task: its problem matcher takes every gcc line") {
  const auto tasks = nlohmann::json::parse(readme_snippet("vscode-tasks"));
  REQUIRE(tasks.at("tasks").size() == 1);
  const auto& matcher = tasks.at("tasks")[0].at("problemMatcher");
  // VS Code reads a `note` severity as "info".
  check_every_gcc_line(load_matchers(matcher), "note");
  check_non_findings_left_alone(load_matchers(matcher));
}

// IntelliJ's RegexpFilter turns the macros of an output filter into these groups
// ($FILE_PATH$: an optional drive letter, then letters, digits, spaces, `_ - \\ . /`) and
// looks for the first match in each line of the tool's output.
TEST_CASE("README's JetBrains external tool: its output filter finds file, line and column") {
  const std::string snippet = readme_snippet("jetbrains-tool");
  const std::string label = "Output filters:";
  const size_t label_at = snippet.find(label);
  REQUIRE(label_at != std::string::npos);
  std::string filter = snippet.substr(label_at + label.size());
  filter = filter.substr(filter.find_first_not_of(' '));
  filter = filter.substr(0, filter.find('\n'));
  CHECK(filter == "$FILE_PATH$:$LINE$:$COLUMN$");

  std::string pattern = filter;
  const std::pair<std::string, std::string> macros[] = {
      {"$FILE_PATH$", R"(((?:[A-Za-z]:)?[0-9 a-z_A-Z\-\\./]+))"},
      {"$LINE$", "([0-9]+)"},
      {"$COLUMN$", "([0-9]+)"}};
  for (const auto& [macro, group] : macros) {
    for (size_t at = pattern.find(macro); at != std::string::npos; at = pattern.find(macro)) {
      pattern.replace(at, macro.size(), group);
    }
  }
  const std::regex regex(pattern, std::regex::ECMAScript);

  zd::LintOptions options;
  options.selection = {{{"all"}, {}}};
  const std::vector<zd::FileReport> reports = {zd::lint_bytes(
      "db/migrations/002 add index.sql",
      "CREATE TABLE t (id serial PRIMARY KEY);\nCREATE INDEX i ON users (email);\n", options)};
  const auto lines = gcc_lines(reports);
  REQUIRE(lines.size() == reports[0].findings.size());
  REQUIRE(lines.size() > 1);
  for (size_t i = 0; i < lines.size(); ++i) {
    CAPTURE(lines[i]);
    std::smatch groups;
    REQUIRE(std::regex_search(lines[i], groups, regex));
    CHECK(groups.position(0) == 0);
    CHECK(groups[1].str() == reports[0].path);
    CHECK(groups[2].str() == std::to_string(reports[0].findings[i].start.line));
    CHECK(groups[3].str() == std::to_string(reports[0].findings[i].start.column));
  }
}
