// The fixture runner: every fixtures/**/*.sql is linted and its findings are compared with
// the expectations written inline, strictly both ways.
//
//   CREATE INDEX i ON orders (id);  -- expect: lock-create-index
//   -- expect: data-unbatched-update, lock-timeout-missing
//   UPDATE users SET name = '';
//
// An expectation belongs to the statement that owns its comment, by the rule of
// zd::Migration::owner_of: a comment that starts on the line where a statement ends (or
// inside a statement) belongs to that statement, any other comment to the next statement
// (comments after the last statement belong together to none). A finding belongs to
// Finding::statement; a finding about a suppression (unused-suppression,
// suppression-without-reason), like an expectation, to the owner of its comment. Per
// statement, the unsuppressed findings' rule ids and the expected ids must be the same
// multiset; a file without expectations must be clean.
//
// Optional header lines among the comments at the top of a file set the LintOptions:
//   -- zerodown-fixture: pg-version=11 assume-in-transaction select=type ignore=lock-timeout-missing
//
// Goldens of applied fixes (`*.fixed.sql`) are outputs, not inputs, and are skipped; so is
// fixtures/runners/ (whole repositories for the CLI test of runner presets). Files are
// linted as `zerodown check` lints them, runner preset chosen automatically.
// Every fixture is also linted with CRLF line ends and with a UTF-8 BOM: the findings must
// stay at the same lines and columns.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "lint/lint.hpp"
#include "lint/rule.hpp"
#include "model/migration.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kFixtures = ZERODOWN_FIXTURES_DIR;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' ||
                        s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

std::vector<std::string> split_list(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t next = s.find(sep, pos);
    if (next == std::string_view::npos) next = s.size();
    const auto item = trim(s.substr(pos, next - pos));
    if (!item.empty()) out.emplace_back(item);
    pos = next + 1;
  }
  return out;
}

// The lines of a text, whatever their line ends.
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      out.push_back(text.substr(start, i - start));
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  if (start < text.size()) out.push_back(text.substr(start));
  return out;
}

// The owner of a comment after the last statement (or in a file without statements).
constexpr uint32_t kNoStatement = UINT32_MAX;

struct Expectation {
  std::string rule;
  uint32_t line = 0;  // of the comment
  uint32_t statement = 0;
};

struct Fixture {
  fs::path path;
  std::string name;  // relative to the fixtures folder, for messages
  std::string bytes;
  zd::LintOptions options;
  std::vector<std::string> errors;  // problems of the fixture itself
  zd::FileReport report;
  std::unique_ptr<zd::Migration> migration;
  std::vector<Expectation> expectations;

  std::string at(uint32_t line) const { return name + ":" + std::to_string(line); }
  std::string at(zd::Position p) const {
    return name + ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
  }
};

// `-- zerodown-fixture: …` lines among the comment lines at the top of the file.
void read_header(Fixture& f) {
  std::string_view text = f.bytes;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  uint32_t line_no = 0;
  for (const auto raw : lines_of(text)) {
    ++line_no;
    const auto line = trim(raw);
    if (line.empty()) continue;
    if (!line.starts_with("--")) break;
    auto body = trim(line.substr(2));
    if (!body.starts_with("zerodown-fixture:")) continue;
    body.remove_prefix(std::string_view("zerodown-fixture:").size());
    for (const auto& word : split_list(body, ' ')) {
      const auto eq = word.find('=');
      const std::string key = word.substr(0, eq);
      const std::string value = eq == std::string::npos ? "" : word.substr(eq + 1);
      if (key == "pg-version") {
        const auto v = zd::PgVersion::parse(value);
        if (!v) {
          f.errors.push_back(f.at(line_no) + ": bad pg-version '" + value + "'");
        } else {
          f.options.pg_version = *v;
        }
      } else if (key == "assume-in-transaction" && value.empty()) {
        f.options.assume_in_transaction = true;
      } else if (key == "select" || key == "ignore") {
        if (f.options.selection.empty()) f.options.selection.emplace_back();
        auto& layer = f.options.selection.back();
        for (const auto& sel : split_list(value, ',')) {
          if (const auto e = zd::check_rule_selector(sel); !e.empty()) {
            f.errors.push_back(f.at(line_no) + ": " + key + ": " + e);
          }
          (key == "select" ? layer.select : layer.ignore).push_back(sel);
        }
      } else {
        f.errors.push_back(f.at(line_no) + ": unknown fixture header setting '" + word +
                           "' (known: pg-version=N, assume-in-transaction, select=…, ignore=…)");
      }
    }
  }
}

// The comment's text without `--` or `/* */`.
std::string_view comment_body(std::string_view t) {
  if (t.starts_with("--")) return trim(t.substr(2));
  if (t.starts_with("/*")) {
    t.remove_prefix(2);
    if (t.ends_with("*/")) t.remove_suffix(2);
  }
  return trim(t);
}

// The statement owning a comment, computed here independently of Migration::owner_of.
// Only statements written at the top level own comments: a comment inside a DO block or a
// function body is part of its string.
const zd::Statement* owner(const zd::Migration& m, const zd::Comment& c) {
  std::vector<const zd::Statement*> st;
  for (const uint32_t i : m.top_level()) st.push_back(&m.statements()[i]);
  const zd::Statement* previous = nullptr;
  for (const auto* s : st) {
    if (s->span.begin <= c.span.begin && c.span.begin < s->span.end) return s;
    if (s->span.end <= c.span.begin) previous = s;
  }
  if (previous && m.source().position(previous->span.end).line ==
                      m.source().position(c.span.begin).line) {
    return previous;
  }
  for (const auto* s : st) {
    if (s->span.begin > c.span.begin) return s;
  }
  return nullptr;
}

void read_expectations(Fixture& f) {
  const zd::Migration& m = *f.migration;
  const zd::Source& src = m.source();
  for (const zd::Comment& c : m.comments()) {
    const auto body = comment_body(c.text);
    const uint32_t line = src.position(c.span.begin).line;
    if (!body.starts_with("expect:")) continue;
    auto list = body.substr(7);
    if (const auto dashes = list.find("--"); dashes != std::string_view::npos) {
      list = list.substr(0, dashes);  // `-- expect: rule -- why`
    }
    const zd::Statement* s = owner(m, c);
    if (const auto* o = m.owner_of(c); o != s) {
      const auto line_of = [&](const zd::Statement* x) {
        return x ? "the statement at line " + std::to_string(src.position(x->span.begin).line)
                 : std::string("no statement");
      };
      f.errors.push_back(f.at(line) + ": Migration::owner_of gives this comment to " +
                         line_of(o) + ", the fixture rule to " + line_of(s));
    }
    const auto ids = split_list(list, ',');
    if (ids.empty()) f.errors.push_back(f.at(line) + ": 'expect:' names no rule");
    for (const auto& id : ids) {
      if (!zd::find_rule(id)) {
        f.errors.push_back(f.at(line) + ": 'expect: " + id + "' names no rule");
        continue;
      }
      f.expectations.push_back({id, line, s ? s->index : kNoStatement});
    }
  }
  // An `-- expect:` the scanner did not see as a comment (inside a literal, or after an
  // unterminated quote) would silently check nothing.
  const auto text = src.text();
  for (size_t at = text.find("-- expect:"); at != std::string_view::npos;
       at = text.find("-- expect:", at + 1)) {
    const bool in_comment =
        std::any_of(m.comments().begin(), m.comments().end(), [&](const zd::Comment& c) {
          return c.span.begin <= at && at < c.span.end;
        });
    if (!in_comment) {
      f.errors.push_back(f.at(src.position(at).line) +
                         ": this '-- expect:' is not a comment to PostgreSQL's scanner (inside a "
                         "literal, or after an unterminated quote), so it would check nothing");
    }
  }
}

std::vector<fs::path> fixture_paths() {
  std::vector<fs::path> out;
  for (auto it = fs::recursive_directory_iterator(kFixtures); it != fs::recursive_directory_iterator();
       ++it) {
    // fixtures/runners/ holds whole migration repositories, one per runner: their down
    // files, sections and order are a directory walk's business, checked by the CLI golden
    // test tests/cli/cases/runners.
    if (it->is_directory() && it.depth() == 0 && it->path().filename() == "runners") {
      it.disable_recursion_pending();
      continue;
    }
    const auto name = it->path().filename().string();
    if (!it->is_regular_file() || !name.ends_with(".sql") || name.ends_with(".fixed.sql")) {
      continue;
    }
    out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<Fixture> load_fixtures() {
  std::vector<Fixture> out;
  for (const auto& p : fixture_paths()) {
    Fixture f;
    f.path = p;
    f.name = "fixtures/" + fs::relative(p, kFixtures).generic_string();
    f.bytes = read_file(p);
    read_header(f);
    // Linted under its real path: runner presets read files beside it (a Flyway
    // `.sql.conf`, diesel's metadata.toml, a sqitch.plan).
    f.report = zd::lint_bytes(p.generic_string(), f.bytes, f.options);
    if (f.report.error) {
      f.errors.push_back(f.at(f.report.error->position) +
                         ": the file could not be read: " + f.report.error->message);
    } else {
      // The model the lint saw: the runner preset decides the sections that are linted.
      f.migration = zd::apply_runner(*f.report.source, f.options, {}).migration;
      read_expectations(f);
    }
    out.push_back(std::move(f));
  }
  return out;
}

const std::vector<Fixture>& fixtures() {
  static const std::vector<Fixture> all = load_fixtures();
  return all;
}

std::string statement_head(const Fixture& f, uint32_t index) {
  const zd::Statement& s = f.migration->statements()[index];
  auto text = f.migration->text(s.span);
  text = text.substr(0, text.find_first_of("\r\n"));
  if (text.size() > 60) return std::string(text.substr(0, 57)) + "...";
  return std::string(text);
}

std::string join(const std::multiset<std::string>& ids) {
  if (ids.empty()) return "nothing";
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

// A finding on a statement of a DO block or function body is expected on the statement
// whose text holds it: the DO, or the CREATE FUNCTION.
uint32_t written_at(const zd::Migration& m, uint32_t statement) {
  if (statement >= m.statements().size() || !m.statements()[statement].nested) return statement;
  return m.statements()[statement].nested->body_of;
}

void check_fixture(const Fixture& f) {
  for (const auto& e : f.errors) FAIL_CHECK(e);
  if (!f.migration) return;
  const zd::Migration& m = *f.migration;
  const zd::Source& src = m.source();
  const auto& statements = m.statements();
  CHECK_MESSAGE(f.report.statements == m.top_level().size(), f.name);

  std::map<uint32_t, std::multiset<std::string>> expected;
  std::map<uint32_t, std::multiset<std::string>> found;
  for (const auto& e : f.expectations) expected[e.statement].insert(e.rule);
  for (const zd::Finding& finding : f.report.findings) {
    const std::string rule(finding.rule->id);
    const std::string where = f.at(finding.start);
    const bool about_comment =
        rule == "unused-suppression" || rule == "suppression-without-reason";
    if (finding.statement >= statements.size() && !about_comment) {
      FAIL_CHECK(where << ": " << rule << " names statement " << finding.statement
                       << ", but the file has " << statements.size());
      continue;
    }
    // Positions: inside the statement (a finding about a suppression: inside its comment).
    const uint32_t at = finding.span.begin;
    if (!(finding.start == src.position(at)) || finding.span.end < at) {
      FAIL_CHECK(where << ": " << rule << ": its start/end do not match its byte span");
    }
    uint32_t statement = finding.statement;
    if (about_comment) {
      // It belongs to the statement that owns its comment, like an expectation.
      const auto comment = std::find_if(m.comments().begin(), m.comments().end(),
                                        [&](const zd::Comment& c) {
                                          return c.span.begin <= at && at < c.span.end;
                                        });
      if (comment == m.comments().end()) {
        FAIL_CHECK(where << ": " << rule << " does not point into a comment");
      } else {
        const zd::Statement* o = owner(m, *comment);
        statement = o ? o->index : kNoStatement;
      }
    } else {
      const zd::Statement& s = statements[finding.statement];
      const bool at_end_ok = rule == "syntax-error" || s.span.begin == s.span.end;
      const bool inside = s.span.begin <= at && (at < s.span.end || (at_end_ok && at == s.span.end));
      if (!inside) {
        FAIL_CHECK(where << ": " << rule << " starts outside its statement (which spans "
                         << f.at(src.position(s.span.begin)) << " to "
                         << src.position(s.span.end).line << ":" << src.position(s.span.end).column
                         << ")");
      }
    }
    if (!finding.suppressed) found[written_at(m, statement)].insert(rule);
  }

  std::set<uint32_t> keys;
  for (const auto& [k, v] : expected) keys.insert(k);
  for (const auto& [k, v] : found) keys.insert(k);
  for (const uint32_t k : keys) {
    const auto& want = expected[k];
    const auto& got = found[k];
    if (want == got) continue;
    const std::string stmt =
        k == kNoStatement
            ? std::string("comments after the last statement")
            : "statement at " + f.at(src.position(statements[k].span.begin)) + " (`" +
                  statement_head(f, k) + "`)";
    // Missing: name the expectation's own line.
    std::multiset<std::string> missing = want;
    for (const auto& g : got) {
      if (const auto it = missing.find(g); it != missing.end()) missing.erase(it);
    }
    std::multiset<std::string> extra = got;
    for (const auto& w : want) {
      if (const auto it = extra.find(w); it != extra.end()) extra.erase(it);
    }
    for (const auto& rule : missing) {
      uint32_t line = 0;
      for (const auto& e : f.expectations) {
        if (e.statement == k && e.rule == rule) line = e.line;
      }
      FAIL_CHECK(f.at(line) << ": expected " << rule << " on the " << stmt
                            << ", but it was not reported; expected there: " << join(want)
                            << "; found: " << join(got));
    }
    for (const auto& rule : extra) {
      for (const zd::Finding& finding : f.report.findings) {
        if (written_at(m, finding.statement) != k || finding.rule->id != rule ||
            finding.suppressed) {
          continue;
        }
        FAIL_CHECK(f.at(finding.start) << ": unexpected " << rule << " on the " << stmt << ": "
                                       << finding.message << "\n  expected there: " << join(want)
                                       << "; found: " << join(got)
                                       << "\n  (add `-- expect: " << rule
                                       << "` if it is right, or fix the rule)");
        break;
      }
    }
  }
}

struct Located {
  std::string rule;
  uint32_t line, column;
  bool suppressed;
  friend bool operator==(const Located&, const Located&) = default;
};

std::vector<Located> located(const zd::FileReport& r) {
  std::vector<Located> out;
  for (const auto& f : r.findings) {
    out.push_back({std::string(f.rule->id), f.start.line, f.start.column, f.suppressed});
  }
  return out;
}

std::string describe(const std::vector<Located>& v) {
  std::string out;
  for (const auto& l : v) {
    out += "\n    " + std::to_string(l.line) + ":" + std::to_string(l.column) + " " + l.rule +
           (l.suppressed ? " (suppressed)" : "");
  }
  return out.empty() ? " nothing" : out;
}

std::string with_crlf(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  return out;
}

}  // namespace

TEST_CASE("fixtures: every finding expected, every expectation found") {
  const auto& all = fixtures();
  REQUIRE_MESSAGE(!all.empty(), "no fixtures found under " << kFixtures.string());
  size_t expectations = 0;
  for (const auto& f : all) {
    INFO("fixture ", f.name);
    check_fixture(f);
    expectations += f.expectations.size();
  }
  MESSAGE(all.size() << " fixture files, " << expectations << " expectations");
}

TEST_CASE("fixtures: same findings, lines and columns with CRLF line ends and with a BOM") {
  for (const auto& f : fixtures()) {
    if (!f.report.source || f.bytes.find('\r') != std::string::npos ||
        f.bytes.starts_with("\xEF\xBB\xBF")) {
      continue;  // the line-end and BOM fixtures are checked as they are
    }
    const auto want = located(f.report);
    const auto crlf = zd::lint_bytes(f.path.generic_string(), with_crlf(f.bytes), f.options);
    const auto bom = zd::lint_bytes(f.path.generic_string(), "\xEF\xBB\xBF" + f.bytes, f.options);
    const auto got_crlf = located(crlf);
    const auto got_bom = located(bom);
    if (got_crlf != want) {
      FAIL_CHECK(f.name << " with CRLF line ends: found" << describe(got_crlf)
                        << "\n  with LF:" << describe(want));
    }
    if (got_bom != want) {
      FAIL_CHECK(f.name << " with a BOM: found" << describe(got_bom) << "\n  without:"
                        << describe(want));
    }
  }
}

TEST_CASE("fixtures: every rule with a check has a folder that fires it and a clean twin") {
  for (const zd::RuleInfo* rule : zd::all_rules()) {
    if (!rule->check) continue;
    const std::string id(rule->id);
    const fs::path dir = kFixtures / id;
    if (!fs::is_directory(dir)) {
      FAIL_CHECK("fixtures/" << id << "/ is missing: rule " << id
                             << " needs fixtures that fire it and a clean safe twin");
      continue;
    }
    const std::string prefix = "fixtures/" + id + "/";
    bool fires = false;
    bool clean = false;
    for (const auto& f : fixtures()) {
      if (!f.name.starts_with(prefix) || !f.errors.empty()) continue;
      if (std::any_of(f.expectations.begin(), f.expectations.end(),
                      [&](const Expectation& e) { return e.rule == id; })) {
        fires = true;
      }
      if (f.expectations.empty() && zd::rule_enabled(*rule, f.options)) clean = true;
    }
    CHECK_MESSAGE(fires, prefix << " has no file that expects " << id);
    CHECK_MESSAGE(clean, prefix << " has no clean file (no expectations, " << id
                                << " enabled): add the safe twin");
  }
}
