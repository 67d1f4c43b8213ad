// Positions of findings through the whole pipeline (zd::lint_bytes): each points at the
// offending clause, in 1-based lines and 1-based character columns, whatever the line ends.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "lint/lint.hpp"

namespace {

struct Located {
  std::string rule;
  std::string text;  // the bytes the finding's span covers
  zd::Position start;
  zd::Position end;
};

std::vector<Located> lint(const std::string& sql, zd::LintOptions options = {}) {
  const auto r = zd::lint_bytes("t.sql", sql, options);
  REQUIRE_FALSE(r.error);
  std::vector<Located> out;
  for (const auto& f : r.findings) {
    if (f.suppressed) continue;
    out.push_back({std::string(f.rule->id),
                   std::string(r.source->text().substr(f.span.begin, f.span.end - f.span.begin)),
                   f.start, f.end});
  }
  return out;
}

const Located* find(const std::vector<Located>& v, const std::string& rule) {
  for (const auto& l : v) {
    if (l.rule == rule) return &l;
  }
  return nullptr;
}

zd::Position pos(uint32_t line, uint32_t column) { return {line, column}; }

const std::string kTimeout = "SET lock_timeout = '2s';\n";

}  // namespace

TEST_CASE("positions: lock-create-index points at CREATE … INDEX name") {
  const auto v = lint(kTimeout + "CREATE UNIQUE INDEX IF NOT EXISTS idx_a\n  ON orders (a);");
  const auto* f = find(v, "lock-create-index");
  REQUIRE(f);
  CHECK(f->text == "CREATE UNIQUE INDEX IF NOT EXISTS idx_a");
  CHECK(f->start == pos(2, 1));
  CHECK(f->end == pos(2, 40));
}

TEST_CASE("positions: ADD COLUMN findings point at their subcommand") {
  const auto v = lint(kTimeout +
                      "ALTER TABLE users\n"
                      "  ADD COLUMN nickname text,\n"
                      "  ADD COLUMN email text NOT NULL,\n"
                      "  ADD COLUMN uid uuid DEFAULT gen_random_uuid();");
  const auto* nn = find(v, "lock-add-column-not-null");
  REQUIRE(nn);
  CHECK(nn->text == "ADD COLUMN email text NOT NULL");
  CHECK(nn->start == pos(4, 3));
  const auto* rw = find(v, "lock-add-column-rewrite");
  REQUIRE(rw);
  CHECK(rw->text == "ADD COLUMN uid uuid DEFAULT gen_random_uuid()");
  CHECK(rw->start == pos(5, 3));
}

TEST_CASE("positions: compat findings") {
  const auto v = lint(kTimeout +
                      "ALTER TABLE users ADD COLUMN a int, DROP COLUMN legacy;\n"
                      "ALTER TABLE users RENAME COLUMN email TO email_address;");
  const auto* drop = find(v, "compat-drop-column");
  REQUIRE(drop);
  CHECK(drop->text == "DROP COLUMN legacy");
  CHECK(drop->start == pos(2, 37));
  const auto* rename = find(v, "compat-rename-column");
  REQUIRE(rename);
  CHECK(rename->text == "RENAME COLUMN email TO email_address");
  CHECK(rename->start == pos(3, 19));
}

TEST_CASE("positions: data-unbatched-update points at UPDATE and its table") {
  const auto v = lint(kTimeout + "-- backfill\n  UPDATE public.users\n SET a = 1;");
  const auto* f = find(v, "data-unbatched-update");
  REQUIRE(f);
  CHECK(f->text == "UPDATE public.users");
  CHECK(f->start == pos(3, 3));
  CHECK(f->end == pos(3, 22));
}

TEST_CASE("positions: lock-timeout-missing points at the first line of the statement") {
  const auto v = lint("SELECT 1;\nALTER TABLE users\n  ADD COLUMN a int;\nALTER TABLE users ADD COLUMN b int;");
  REQUIRE(v.size() == 1);
  CHECK(v[0].rule == "lock-timeout-missing");
  CHECK(v[0].text == "ALTER TABLE users");
  CHECK(v[0].start == pos(2, 1));
}

TEST_CASE("positions: syntax-error at the token where parsing stopped") {
  const auto v = lint(kTimeout + "ALTER TABLE users ADD COLUMN;\nSELEC 1;\nSELECT 'x");
  std::vector<Located> errors;
  for (const auto& l : v) {
    if (l.rule == "syntax-error") errors.push_back(l);
  }
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].start == pos(2, 29));
  CHECK(errors[0].text == ";");
  CHECK(errors[1].start == pos(3, 1));
  CHECK(errors[1].text == "SELEC");
  CHECK(errors[2].start == pos(4, 8));
}

TEST_CASE("positions: unused-suppression points at the rule name") {
  const auto v = lint(kTimeout + "-- zerodown-ignore: lock-create-index, compat-drop-colum -- why\nSELECT 1;");
  REQUIRE(v.size() == 2);
  CHECK(v[0].text == "lock-create-index");
  CHECK(v[0].start == pos(2, 21));
  CHECK(v[1].text == "compat-drop-colum");
  CHECK(v[1].start == pos(2, 40));
}

TEST_CASE("positions: columns count characters after multibyte text, lines count CRLF and CR once") {
  for (const std::string eol : {"\n", "\r\n", "\r"}) {
    INFO("line end ", eol == "\n" ? "LF" : eol == "\r\n" ? "CRLF" : "CR");
    const auto v = lint("SET lock_timeout = '2s';" + eol +
                        "COMMENT ON TABLE t IS 'Größe 😀';" + eol +
                        "/* été */ ALTER TABLE \"données\" DROP COLUMN \"clé\";" + eol);
    const auto* f = find(v, "compat-drop-column");
    REQUIRE(f);
    CHECK(f->start == pos(3, 33));
    CHECK(f->end == pos(3, 50));
    CHECK(f->text == "DROP COLUMN \"clé\"");
  }
}

TEST_CASE("positions: a BOM does not shift columns") {
  const auto v = lint("\xEF\xBB\xBF" "ALTER TABLE t DROP COLUMN c;");
  const auto* f = find(v, "compat-drop-column");
  REQUIRE(f);
  CHECK(f->start == pos(1, 15));
}

TEST_CASE("lock-timeout-missing names the lock others wait for") {
  // CREATE INDEX also locks the index it creates, but nobody can wait for that one.
  const auto r = zd::lint_bytes("t.sql", "CREATE INDEX i ON orders (a);", {});
  bool seen = false;
  for (const auto& f : r.findings) {
    if (f.rule->id != "lock-timeout-missing") continue;
    seen = true;
    CHECK(f.message.find("SHARE lock on public.orders") != std::string::npos);
  }
  CHECK(seen);
}
