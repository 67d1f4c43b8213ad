// zd::read_suppressions: `-- zerodown-ignore: RULE[, RULE] -- reason` and
// `-- zerodown-ignore-file: …`, which statement each covers, and where its rule names are.
#include <doctest/doctest.h>

#include <string>

#include "lint/lint.hpp"
#include "lint/suppressions.hpp"
#include "parsed_migration.hpp"

using zd::test::parse;

TEST_CASE("suppressions: on the line before a statement, with a reason") {
  const auto p = parse(
      "SET lock_timeout = '2s';\n"
      "-- zerodown-ignore: lock-create-index -- orders has 20 rows\n"
      "CREATE INDEX idx\n  ON orders (id);\n");
  const auto s = zd::read_suppressions(*p.m);
  REQUIRE(s.size() == 1);
  CHECK(s[0].rule == "lock-create-index");
  CHECK(s[0].reason == "orders has 20 rows");
  CHECK_FALSE(s[0].whole_file);
  CHECK(s[0].statement == &p[1]);
  CHECK(p.text(s[0].span) == "lock-create-index");
  CHECK_FALSE(s[0].used);
}

TEST_CASE("suppressions: several rules, each with its own span") {
  const auto p = parse("--zerodown-ignore:compat-drop-column ,  lock-timeout-missing,--why\nALTER TABLE t DROP COLUMN c;");
  const auto s = zd::read_suppressions(*p.m);
  REQUIRE(s.size() == 2);
  CHECK(s[0].rule == "compat-drop-column");
  CHECK(s[1].rule == "lock-timeout-missing");
  CHECK(p.text(s[0].span) == "compat-drop-column");
  CHECK(p.text(s[1].span) == "lock-timeout-missing");
  CHECK(s[0].reason == "why");
  CHECK(s[1].reason == "why");
  CHECK(s[0].statement == &p[0]);
  CHECK(s[1].statement == &p[0]);
}

TEST_CASE("suppressions: trailing on the last line of a multi-line statement") {
  const auto p = parse(
      "ALTER TABLE users\n"
      "  DROP COLUMN legacy_login; -- zerodown-ignore: compat-drop-column -- unused since 2024.03\n"
      "SELECT 1;\n");
  const auto s = zd::read_suppressions(*p.m);
  REQUIRE(s.size() == 1);
  CHECK(s[0].statement == &p[0]);
  CHECK(s[0].reason == "unused since 2024.03");
}

TEST_CASE("suppressions: a comment between the suppression and the statement") {
  const auto p = parse(
      "SELECT 1;\n"
      "-- zerodown-ignore: lock-create-index -- tiny table\n"
      "-- build the index for the report\n"
      "CREATE INDEX i ON t (a);\n");
  const auto s = zd::read_suppressions(*p.m);
  REQUIRE(s.size() == 1);
  CHECK(s[0].statement == &p[1]);
}

TEST_CASE("suppressions: file level") {
  const auto p = parse(
      "-- zerodown-ignore-file: lock-timeout-missing, data-unbatched-update -- runs at night\n"
      "UPDATE t SET a = 1;\n");
  const auto s = zd::read_suppressions(*p.m);
  REQUIRE(s.size() == 2);
  CHECK(s[0].whole_file);
  CHECK(s[1].whole_file);
  CHECK(s[0].statement == nullptr);
  CHECK(s[0].rule == "lock-timeout-missing");
  CHECK(s[1].rule == "data-unbatched-update");
  CHECK(s[0].reason == "runs at night");
}

TEST_CASE("suppressions: without a reason, in a block comment, after the last statement") {
  const auto p = parse(
      "/* zerodown-ignore: compat-rename-column */\n"
      "ALTER TABLE t RENAME COLUMN a TO b;\n"
      "-- zerodown-ignore: lock-create-index\n");
  const auto s = zd::read_suppressions(*p.m);
  REQUIRE(s.size() == 2);
  CHECK(s[0].rule == "compat-rename-column");
  CHECK(s[0].reason.empty());
  CHECK(s[0].statement == &p[0]);
  CHECK(p.text(s[0].span) == "compat-rename-column");
  CHECK(s[1].statement == nullptr);
  CHECK_FALSE(s[1].whole_file);
}

TEST_CASE("suppressions: comments that are not suppressions") {
  const auto p = parse(
      "-- see zerodown-ignore: lock-create-index\n"
      "-- zerodown-ignored: lock-create-index\n"
      "-- ZERODOWN-IGNORE: lock-create-index\n"
      "-- zerodown-ignore:\n"
      "SELECT '-- zerodown-ignore: lock-create-index';\n");
  CHECK(zd::read_suppressions(*p.m).empty());
}

TEST_CASE("suppressions: applied by lint_bytes, unused ones reported") {
  zd::LintOptions options;
  const auto r = zd::lint_bytes("t.sql",
                                "SET lock_timeout = '2s';\n"
                                "-- zerodown-ignore: lock-create-index -- small\n"
                                "CREATE INDEX i\n  ON t (a);\n"
                                "-- zerodown-ignore: lock-create-indx -- typo\n"
                                "CREATE INDEX CONCURRENTLY j ON t (b);\n"
                                "-- zerodown-ignore: compat-drop-column -- nothing dropped\n"
                                "SELECT 1;\n",
                                options);
  REQUIRE_FALSE(r.error);
  int suppressed = 0;
  int unused = 0;
  for (const auto& f : r.findings) {
    if (f.suppressed) {
      ++suppressed;
      CHECK(f.rule->id == "lock-create-index");
      CHECK(f.suppression_reason.str() == "small");
    } else {
      CHECK(f.rule->id == "unused-suppression");
      ++unused;
      if (f.start.line == 5) {
        CHECK(f.message.find("unknown rule 'lock-create-indx'") != std::string::npos);
        CHECK(f.help.str().find("lock-create-index") != std::string::npos);
        CHECK(f.start.column == 21);
      } else {
        CHECK(f.start.line == 7);
        CHECK(f.message.find("matched no finding") != std::string::npos);
      }
    }
  }
  CHECK(suppressed == 1);
  CHECK(unused == 2);
}
