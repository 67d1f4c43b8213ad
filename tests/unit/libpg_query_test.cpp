// The libpg_query wrappers: split, scan and parse, with error positions as byte offsets.
#include <doctest/doctest.h>

#include <string>
#include <thread>

#include "parse/libpg_query.hpp"

namespace {

std::string_view slice(std::string_view text, zd::pg::Range r) {
  return text.substr(r.begin, r.end - r.begin);
}

}  // namespace

TEST_CASE("pg::split: statements by PostgreSQL's scanner") {
  const std::string sql = "SELECT 1;\n  SELECT ';' ; -- c;\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;";
  const auto r = zd::pg::split(sql);
  REQUIRE_FALSE(r.error);
  REQUIRE(r.statements.size() == 3);
  CHECK(slice(sql, r.statements[0]) == "SELECT 1");
  CHECK(slice(sql, r.statements[1]).find("SELECT ';' ") != std::string_view::npos);
  CHECK(slice(sql, r.statements[2]).ends_with("LANGUAGE sql"));
  CHECK(slice(sql, r.statements[2]).find("CREATE FUNCTION") != std::string_view::npos);
}

TEST_CASE("pg::split: survives statements that do not parse") {
  const std::string sql = "SELECT 1; ALTER TABLE t ADD COLUMN; SELECT 3;";
  const auto r = zd::pg::split(sql);
  REQUIRE_FALSE(r.error);
  REQUIRE(r.statements.size() == 3);
  CHECK(slice(sql, r.statements[2]).find("SELECT 3") != std::string_view::npos);
}

TEST_CASE("pg::split: drops a statement without any keyword (parse_migration restores it)") {
  // libpg_query's scanner split keeps a statement only if a keyword came before its ';'.
  const std::string sql = "SELECT 1; SELEC 2; SELECT 3;";
  const auto r = zd::pg::split(sql);
  REQUIRE_FALSE(r.error);
  REQUIRE(r.statements.size() == 2);
  CHECK(slice(sql, r.statements[1]).find("SELECT 3") != std::string_view::npos);
}

TEST_CASE("pg::split: an unterminated literal is an error at its start") {
  const std::string sql = "SELECT 1;\nSELECT 'abc;\nSELECT 2;";
  const auto r = zd::pg::split(sql);
  REQUIRE(r.error);
  CHECK(r.error->offset == 17);
  CHECK(r.error->message.find("unterminated") != std::string::npos);
  // The message does not quote the whole rest of the file.
  const std::string long_tail = "SELECT 'x" + std::string(500, 'y');
  const auto e = zd::pg::split(long_tail);
  REQUIRE(e.error);
  CHECK(e.error->message.size() < 100);
}

TEST_CASE("pg::split: empty input and input of only comments") {
  CHECK(zd::pg::split("").statements.empty());
  const auto r = zd::pg::split("-- nothing\n/* here */\n");
  CHECK_FALSE(r.error);
  CHECK(r.statements.empty());
}

TEST_CASE("pg::scan: tokens, keywords and comments with byte offsets") {
  const std::string sql = "SELECT 'é', x -- c\n/* d */;";
  const auto r = zd::pg::scan(sql);
  REQUIRE_FALSE(r.error);
  REQUIRE(r.tokens.size() == 7);
  const auto& t = r.tokens;
  CHECK(t[0].begin == 0);
  CHECK(t[0].end == 6);
  CHECK(t[0].keyword_kind != 0);            // SELECT is a reserved keyword
  CHECK(t[1].kind == zd::pg::kSConst);
  CHECK(t[1].begin == 7);
  CHECK(t[1].end == 11);                    // 'é' is 4 bytes
  CHECK(t[2].kind == zd::pg::kComma);
  CHECK(t[3].kind == zd::pg::kIdent);
  CHECK(t[3].begin == 13);                  // bytes, not characters
  CHECK(t[3].keyword_kind == 0);
  CHECK(t[4].kind == zd::pg::kSqlComment);
  CHECK(t[4].is_comment());
  CHECK(sql.substr(t[4].begin, t[4].end - t[4].begin) == "-- c");
  CHECK(t[5].kind == zd::pg::kCComment);
  CHECK(sql.substr(t[5].begin, t[5].end - t[5].begin) == "/* d */");
  CHECK(t[6].kind == zd::pg::kSemicolon);
  CHECK_FALSE(t[6].is_comment());
}

TEST_CASE("pg::scan: nested block comments are one comment") {
  const std::string sql = "/* a /* b; */ c; */ SELECT 1;";
  const auto r = zd::pg::scan(sql);
  REQUIRE_FALSE(r.error);
  REQUIRE(r.tokens.size() == 4);
  CHECK(r.tokens[0].kind == zd::pg::kCComment);
  CHECK(r.tokens[0].end == 19);
}

TEST_CASE("pg::scan: unterminated quote, dollar quote and comment") {
  for (const std::string sql : {"SELECT 1; SELECT 'abc", "SELECT 1; SELECT $$abc",
                                "SELECT 1; /* abc", "SELECT 1; SELECT \"abc"}) {
    INFO(sql);
    const auto r = zd::pg::scan(sql);
    REQUIRE(r.error);
    CHECK(r.error->offset == 17 - (sql.find("/*") != std::string::npos ? 7 : 0));
  }
}

TEST_CASE("pg::parse: a tree, or an error at a byte offset") {
  const auto ok = zd::pg::parse("ALTER TABLE t ADD COLUMN c int");
  CHECK_FALSE(ok.error);
  REQUIRE(ok.tree);
  CHECK(ok.tree->root().list("stmts")[0].child("stmt").is("AlterTableStmt"));

  const auto bad = zd::pg::parse("ALTER TABLE t ADD COLUMN;");
  REQUIRE(bad.error);
  CHECK(bad.error->message.find("syntax error") != std::string::npos);
  CHECK(bad.error->offset == 24);  // at ";"
  CHECK_FALSE(bad.tree);

  // The error position counts bytes, though PostgreSQL counts characters.
  const std::string multibyte = "SELECT 'ééé😀' FROM WHERE";
  const auto mb = zd::pg::parse(multibyte);
  REQUIRE(mb.error);
  CHECK(mb.error->offset == multibyte.find("WHERE"));

  // An error with no position (cursorpos 0) is at the start.
  const auto e = zd::pg::parse("SELECT 1 AS x;");
  CHECK_FALSE(e.error);
}

TEST_CASE("pg::parse: works on other threads") {
  zd::pg::ParseResult parsed;
  std::thread t([&] { parsed = zd::pg::parse("CREATE INDEX i ON t (a)"); });
  t.join();
  REQUIRE(parsed.tree);
  CHECK(parsed.tree->root().list("stmts")[0].child("stmt").is("IndexStmt"));
}
