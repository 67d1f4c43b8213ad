// A large file's lock facts and rules run on several threads (lint/lint.cpp, check_file):
// the findings, their order, their locks and suppressions are those of one thread.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "lint/lint.hpp"

namespace {

// Statements on tables the file does not create (so taken to exist and hold rows), and on
// some it does, with suppressions, syntax errors and DO blocks among them.
std::string large_migration() {
  std::string sql = "SET lock_timeout = '2s';\n";
  for (int i = 0; i < 300; ++i) {
    const std::string t = "t" + std::to_string(i);
    sql += "CREATE INDEX " + t + "_v ON " + t + " (v);\n";
    sql += "ALTER TABLE " + t + " ADD COLUMN c" + std::to_string(i) + " int NOT NULL;\n";
    sql += "UPDATE " + t + " SET v = 'x';\n";
    sql += "-- zerodown-ignore: lock-create-index -- built before the table has rows\n";
    sql += "CREATE INDEX " + t + "_a ON " + t + " (a);\n";
    sql += "ALTER TABLE " + t + " ADD CONSTRAINT " + t +
           "_fk FOREIGN KEY (a) REFERENCES accounts (id);\n";
    sql += "ALTER TABLE " + t + " ALTER COLUMN v TYPE varchar(20);\n";
    sql += "ALTER TABLE " + t + " RENAME COLUMN a TO b;\n";
    sql += "CREATE TABLE n" + std::to_string(i) + " (id int PRIMARY KEY, at timestamp);\n";
    if (i % 50 == 0) sql += "SELECT FROM WHERE;\n";
    if (i % 75 == 0) sql += "DO $$ BEGIN UPDATE " + t + " SET a = 1; END $$;\n";
    // PL/pgSQL bodies, read on several threads when there are many: each body's statements
    // must come back to its own function, and a function is run where it is called.
    sql += "CREATE FUNCTION f" + std::to_string(i) +
           "() RETURNS void LANGUAGE plpgsql AS $$ BEGIN UPDATE " + t +
           " SET w = " + std::to_string(i) + "; END $$;\n";
    if (i % 3 == 0) sql += "DO $$ BEGIN DELETE FROM " + t + "; END $$;\n";
    if (i % 7 == 0)
      sql +=
          "CREATE FUNCTION g" + std::to_string(i) + "() RETURNS int LANGUAGE sql AS 'select 1';\n";
    if (i % 40 == 0)
      sql += "CREATE FUNCTION h" + std::to_string(i) +
             "() RETURNS void LANGUAGE plpgsql AS $$ BEGIN IF THEN END IF; END $$;\n";
    if (i % 2 == 0) sql += "SELECT f" + std::to_string(i) + "();\n";
  }
  return sql;
}

std::vector<std::string> seen(const zd::FileReport& r) {
  std::vector<std::string> out;
  for (const auto& f : r.findings) {
    std::string locks;
    if (f.lock && f.lock->locks) {
      for (const auto& l : *f.lock->locks) locks += l.relation.display() + ";";
    }
    out.push_back(std::string(f.rule->id) + " " + std::to_string(f.span.begin) + "-" +
                  std::to_string(f.span.end) + " " + f.message + " | " + f.help.str() + " | " +
                  locks + (f.suppressed ? " suppressed: " + f.suppression_reason.str() : ""));
  }
  return out;
}

}  // namespace

TEST_CASE("check: a large file's findings are the same on one thread and on several") {
  const std::string sql = large_migration();
  zd::LintOptions one;
  one.parse_threads = 1;
  const auto serial = zd::lint_bytes("big.sql", sql, one);
  REQUIRE_FALSE(serial.error);
  std::set<std::string> rules;
  for (const auto& f : serial.findings) rules.insert(std::string(f.rule->id));
  CHECK(rules.size() >= 6);  // findings from rules spread over the list, so over the groups
  const auto expected = seen(serial);
  for (const unsigned threads : {2u, 3u, 8u}) {
    CAPTURE(threads);
    zd::LintOptions several;
    several.parse_threads = threads;
    const auto parallel = zd::lint_bytes("big.sql", sql, several);
    REQUIRE_FALSE(parallel.error);
    CHECK(parallel.statements == serial.statements);
    CHECK(seen(parallel) == expected);
  }
}
