// zd::parse_migration: statement spans, kinds, comments and their owners, and syntax
// errors at exact offsets with every other statement still modelled.
#include <doctest/doctest.h>

#include <string>

#include "model/migration.hpp"
#include "model/spans.hpp"
#include "parsed_migration.hpp"

namespace {

using zd::test::parse;

zd::Position pos(uint32_t line, uint32_t column) { return {line, column}; }

}  // namespace

TEST_CASE("parse_migration: spans run from the first to the last token, without ';'") {
  const auto p = parse("-- header\n\nSET lock_timeout = '2s';\nALTER TABLE users\n  ADD COLUMN c int ;  \n");
  REQUIRE(p.size() == 2);
  CHECK(p[0].kind() == "VariableSetStmt");
  CHECK(p.text(p[0]) == "SET lock_timeout = '2s'");
  CHECK(p[1].kind() == "AlterTableStmt");
  CHECK(p.text(p[1]) == "ALTER TABLE users\n  ADD COLUMN c int");
  CHECK(p[0].index == 0);
  CHECK(p[1].index == 1);
  CHECK_FALSE(p[0].error);
  CHECK(p[0].trivia_begin <= p[0].span.begin);
  CHECK(p[1].trivia_begin <= p[1].span.begin);
  CHECK(p[0].span.end <= p[1].trivia_begin);
  // tokens: the statement's own, comments excluded
  CHECK(p[0].tokens.size() == 4);
}

TEST_CASE("parse_migration: a statement without a final ';'") {
  const auto p = parse("SELECT 1;\nDROP TABLE t");
  REQUIRE(p.size() == 2);
  CHECK(p.text(p[1]) == "DROP TABLE t");
}

TEST_CASE("parse_migration: empty files and files of only comments") {
  CHECK(parse("").size() == 0);
  const auto p = parse("-- nothing to do\n/* really */\n");
  CHECK(p.size() == 0);
  CHECK(p.m->comments().size() == 2);
  CHECK(parse(";;\n;").size() == 0);
}

TEST_CASE("parse_migration: a syntax error costs only its statement") {
  const auto p = parse("SELECT 1;\nALTER TABLE t ADD COLUMN;\nCREATE INDEX i ON t (a);\n");
  REQUIRE(p.size() == 3);
  CHECK(p[0].kind() == "SelectStmt");
  CHECK_FALSE(p[0].error);
  REQUIRE(p[1].error);
  CHECK_FALSE(p[1].node.valid());
  // As PostgreSQL, which psql sends the statement with its `;`, says it.
  CHECK(p[1].error->message == "syntax error at or near \";\"");
  CHECK(p[1].error->offset == 34);  // the ';' after COLUMN
  CHECK(p.at(p[1].error->offset) == pos(2, 25));
  CHECK(p[2].kind() == "IndexStmt");
  CHECK_FALSE(p[2].error);
  // Locations of the statements after the error are file offsets.
  const auto rel = zd::node_name_span(p[2], p[2].node.child("relation"));
  REQUIRE(rel);
  CHECK(p.m->text(*rel) == "t");
  CHECK(p.at(rel->begin) == pos(3, 19));
}

TEST_CASE("parse_migration: a statement that ends too early, with its `;` or at the end") {
  // A comment between the statement and its `;`: the error is at the `;`, as PostgreSQL's.
  const auto p = parse("SELECT 1;\nALTER TABLE t ADD COLUMN a int DEFAULT -- x\n ;\n"
                       "ALTER TABLE t ADD COLUMN b int DEFAULT");
  REQUIRE(p.size() == 3);
  REQUIRE(p[1].error);
  CHECK(p[1].error->message == "syntax error at or near \";\"");
  CHECK(p.at(p[1].error->offset) == pos(3, 2));
  // The last statement, with no `;`: PostgreSQL says end of input too.
  REQUIRE(p[2].error);
  CHECK(p[2].error->message == "syntax error at end of input");
  CHECK(p.at(p[2].error->offset) == pos(4, 39));
}

TEST_CASE("parse_migration: a statement without any keyword is a syntax error, not lost") {
  const auto p = parse("SELECT 1;\nSELEC 2;\nALTER TABLE t ADD COLUMN;\nfoo bar\n  baz;\nSELECT 5;\noops");
  REQUIRE(p.size() == 6);
  CHECK_FALSE(p[0].error);
  REQUIRE(p[1].error);
  CHECK(p.text(p[1]) == "SELEC 2");
  CHECK(p.at(p[1].error->offset) == pos(2, 1));
  REQUIRE(p[2].error);
  REQUIRE(p[3].error);
  CHECK(p.text(p[3]) == "foo bar\n  baz");
  CHECK(p[4].kind() == "SelectStmt");
  REQUIRE(p[5].error);
  CHECK(p.at(p[5].error->offset) == pos(7, 1));
  for (size_t i = 0; i < p.size(); ++i) CHECK(p[i].index == i);
}

TEST_CASE("parse_migration: a keyword-less statement before an unterminated quote") {
  const auto p = parse("SELEC 1;\nSELECT 'abc;\n");
  REQUIRE(p.size() == 2);
  REQUIRE(p[0].error);
  CHECK(p.at(p[0].error->offset) == pos(1, 1));
  REQUIRE(p[1].error);
  CHECK(p.at(p[1].error->offset) == pos(2, 8));
}

TEST_CASE("parse_migration: error offsets are bytes after multibyte text") {
  const auto p = parse("COMMENT ON TABLE t IS 'prénom ünd 😀';\nSELEC 1;\nSELECT 2;");
  REQUIRE(p.size() == 3);
  REQUIRE(p[1].error);
  CHECK(p.at(p[1].error->offset) == pos(2, 1));
  CHECK(p.text(p[1]).starts_with("SELEC"));
  CHECK_FALSE(p[2].error);
}

TEST_CASE("parse_migration: unterminated quote at the end of the file") {
  const auto p = parse("SET lock_timeout = '2s';\nALTER TABLE a ADD COLUMN b int;\nSELECT 'oops;\nSELECT 2;\n");
  REQUIRE(p.size() == 3);
  CHECK_FALSE(p[0].error);
  CHECK(p[1].kind() == "AlterTableStmt");
  REQUIRE(p[2].error);
  CHECK(p.at(p[2].error->offset) == pos(3, 8));  // the opening quote
  CHECK(p[2].span.begin <= p[2].error->offset);
  CHECK(p.at(p[2].span.begin) == pos(3, 1));
}

TEST_CASE("parse_migration: unterminated dollar quote and block comment") {
  {
    const auto p = parse("SELECT 1;\nDO $$ BEGIN\n  PERFORM 1;\n");
    REQUIRE(p.size() == 2);
    REQUIRE(p[1].error);
    CHECK(p.at(p[1].error->offset) == pos(2, 4));
  }
  {
    const auto p = parse("SELECT 1;\nSELECT 2; /* never closed\nSELECT 3;");
    REQUIRE(p.size() >= 2);
    CHECK_FALSE(p[0].error);
    CHECK_FALSE(p[1].error);
    CHECK(p.text(p[1]) == "SELECT 2");
    bool error_at_comment = false;
    for (const auto& s : p.m->statements()) {
      if (s.error && p.at(s.error->offset) == pos(2, 11)) error_at_comment = true;
    }
    CHECK(error_at_comment);
  }
}

TEST_CASE("parse_migration: dollar quotes, nested comments and meta-commands") {
  const auto p = parse(
      "\\set ON_ERROR_STOP on\n"
      "CREATE FUNCTION f() RETURNS trigger AS $fn$\nBEGIN\n  NEW.a := 1; RETURN NEW;\nEND\n$fn$ "
      "LANGUAGE plpgsql;\n"
      "/* outer /* inner; */ still; */\n"
      "\\connect other\n"
      "SELECT 1;\n"
      "\\i more.sql\n");
  REQUIRE(p.size() == 2);
  CHECK(p[0].kind() == "CreateFunctionStmt");
  CHECK(p[1].kind() == "SelectStmt");
  CHECK(p.at(p[1].span.begin) == pos(9, 1));
  CHECK(p.m->comments().size() == 1);
}

TEST_CASE("parse_migration: COPY … FROM stdin data is not parsed") {
  const auto p = parse("COPY t (a, b) FROM stdin;\n1\tx;y\n2\t'\n\\.\nSELECT 1;\n");
  REQUIRE(p.size() == 2);
  CHECK(p[0].kind() == "CopyStmt");
  CHECK(p[1].kind() == "SelectStmt");
  CHECK_FALSE(p[1].error);
  CHECK(p.at(p[1].span.begin) == pos(5, 1));
}

TEST_CASE("parse_migration: CRLF, CR and BOM keep positions") {
  const auto crlf = parse("SELECT 1;\r\nALTER TABLE t\r\n  DROP COLUMN c;\r\n");
  REQUIRE(crlf.size() == 2);
  CHECK(crlf.at(crlf[1].span.begin) == pos(2, 1));
  CHECK(crlf.at(crlf[1].span.end) == pos(3, 16));
  const auto cr = parse("SELECT 1;\rSELECT 2;\r");
  REQUIRE(cr.size() == 2);
  CHECK(cr.at(cr[1].span.begin) == pos(2, 1));
  const auto bom = parse("\xEF\xBB\xBF" "SELECT 1;\nSELECT 2;");
  REQUIRE(bom.size() == 2);
  CHECK(bom.at(bom[0].span.begin) == pos(1, 1));
}

TEST_CASE("Migration::owner_of: trailing comments, leading comments, inner comments") {
  const auto p = parse(
      "-- about the first\n"                   // 0: statement 0
      "SELECT 1; -- trailing first\n"          // 1: statement 0
      "-- about the second\n"                  // 2: statement 1
      "SELECT\n  2 /* inside */\n  ;\n"        // 3: statement 1 (inside)
      "SELECT 3;\n"                            // (no comment)
      "-- after everything\n");                // 4: none
  REQUIRE(p.size() == 3);
  const auto& c = p.m->comments();
  REQUIRE(c.size() == 5);
  CHECK(p.m->owner_of(c[0]) == &p[0]);
  CHECK(p.m->owner_of(c[1]) == &p[0]);
  CHECK(p.m->owner_of(c[2]) == &p[1]);
  CHECK(p.m->owner_of(c[3]) == &p[1]);
  CHECK(p.m->owner_of(c[4]) == nullptr);
  CHECK(c[1].text == "-- trailing first");
  CHECK(c[3].text == "/* inside */");
}

TEST_CASE("Migration::owner_of: a comment after ';' on the statement's last line") {
  const auto p = parse("ALTER TABLE t\n  ADD COLUMN a int,\n  ADD COLUMN b int; -- both\nSELECT 1;");
  REQUIRE(p.size() == 2);
  REQUIRE(p.m->comments().size() == 1);
  CHECK(p.m->owner_of(p.m->comments()[0]) == &p[0]);
}

TEST_CASE("Migration::statement_at") {
  const auto p = parse("SELECT 1;\n-- c\nSELECT 2;");
  REQUIRE(p.size() == 2);
  CHECK(p.m->statement_at(0) == &p[0]);
  CHECK(p.m->statement_at(p[1].span.begin) == &p[1]);
  CHECK(p.m->statement_at(p[1].span.end) == &p[1]);
}
