// Statements of DO blocks and PL/pgSQL function bodies: their place in execution order,
// their parents, and exact file positions through every kind of quoting.
#include <doctest/doctest.h>

#include <string>

#include "model/migration.hpp"
#include "parse/dynamic_sql.hpp"
#include "parse/string_literal.hpp"
#include "parsed_migration.hpp"

namespace {

using zd::test::parse;
using zd::test::Parsed;

// The file text at a node's location, as far as the token there goes.
std::string_view at_location(const Parsed& p, const zd::Statement& s, zd::Node n) {
  REQUIRE(n.location());
  const uint32_t at = s.file_offset(*n.location());
  return p.m->text().substr(at, 5);
}

}  // namespace

TEST_CASE("string literals decode with the place of each byte") {
  const auto dollar = zd::decode_string_literal("$a$x'y$a$");
  REQUIRE(dollar);
  CHECK(dollar->text == "x'y");
  CHECK(dollar->from == std::vector<uint32_t>{3, 4, 5, 6});
  const auto quoted = zd::decode_string_literal("'it''s'");
  REQUIRE(quoted);
  CHECK(quoted->text == "it's");
  CHECK(quoted->from == std::vector<uint32_t>{1, 2, 3, 5, 6});
  const auto escaped = zd::decode_string_literal(R"(E'a\'b\\n')");
  REQUIRE(escaped);
  CHECK(escaped->text == "a'b\\n");
  CHECK_FALSE(zd::decode_string_literal(R"(E'\x41')"));  // not decoded: no guess
  CHECK_FALSE(zd::decode_string_literal("'unterminated"));
  CHECK_FALSE(zd::decode_string_literal("U&'d\\0061t'"));
}

TEST_CASE("EXECUTE strings resolve from literals, || and format(), and nothing else") {
  const auto concat = zd::resolve_dynamic_sql("'ALTER TABLE ' || 't' || ' ADD c int'");
  REQUIRE(concat);
  CHECK(concat->text == "ALTER TABLE t ADD c int");
  CHECK(concat->from.size() == concat->text.size() + 1);
  CHECK(concat->from[12] == 19);  // `t` inside its own literal
  const auto fmt =
      zd::resolve_dynamic_sql("format('DROP TABLE %I, %s, %L, %%', 'User', 'b', 'it''s')");
  REQUIRE(fmt);
  CHECK(fmt->text == "DROP TABLE \"User\", b, 'it''s', %");
  const auto reserved = zd::resolve_dynamic_sql("format('SELECT %I, %1$I', 'select')");
  REQUIRE(reserved);
  CHECK(reserved->text == "SELECT \"select\", \"select\"");
  CHECK_FALSE(zd::resolve_dynamic_sql("'ALTER TABLE ' || t"));
  CHECK_FALSE(zd::resolve_dynamic_sql("format('ALTER TABLE %I', t)"));
  CHECK_FALSE(zd::resolve_dynamic_sql("format('%-10s', 'x')"));
  CHECK_FALSE(zd::resolve_dynamic_sql("current_setting('x')"));
}

TEST_CASE("a DO block's statements follow it, in order, with the DO as parent") {
  const auto p =
      parse("SET lock_timeout = '1s';\n"
            "DO $$\nBEGIN\n  UPDATE t SET a = 1;\n  IF true THEN DELETE FROM t; END IF;\nEND $$;\n"
            "SELECT 1;\n");
  REQUIRE(p.size() == 5);
  CHECK(p.m->top_level() == std::vector<uint32_t>{0, 1, 4});
  CHECK(p[2].kind() == "UpdateStmt");
  CHECK(p[3].kind() == "DeleteStmt");
  REQUIRE(p[2].nested);
  CHECK(p[2].nested->parent == 1);
  CHECK(p[2].nested->body_of == 1);
  CHECK(p.text(p[2]) == "UPDATE t SET a = 1");
  CHECK(p.text(p[3]) == "DELETE FROM t");
  CHECK(p[2].index == 2);
  CHECK(p[4].kind() == "SelectStmt");
  CHECK_FALSE(p[4].nested);
}

TEST_CASE("positions inside a body map to file bytes: quotes, INTO, PERFORM, multi-byte") {
  const auto p = parse("DO 'DECLARE n int; BEGIN\n"
                       "  /* é */ SELECT count(*) INTO n FROM tbl WHERE b = ''x'' AND c = d;\n"
                       "  PERFORM f(''it''''s'', col);\n"
                       "  UPDATE tbl SET c = ''q'' WHERE d = 1;\n"
                       "END';\n");
  REQUIRE(p.size() == 4);
  const auto& select = p[1];
  CHECK(select.kind() == "SelectStmt");
  CHECK(p.text(select) == "SELECT count(*) INTO n FROM tbl WHERE b = ''x'' AND c = d");
  // After a doubled quote every location is one byte further in the file.
  const auto and_args = select.node.child("whereClause").list("args");
  REQUIRE(and_args.size() == 2);
  CHECK(at_location(p, select, and_args[1].child("lexpr")) == "c = d");
  const auto& perform = p[2];
  CHECK(perform.kind() == "SelectStmt");
  CHECK(p.text(perform).starts_with("PERFORM f("));
  const auto target = perform.node.list("targetList")[0].child("val");
  const auto args = target.list("args");
  REQUIRE(args.size() == 2);
  CHECK(at_location(p, perform, args[1]) == "col);");
  const auto& update = p[3];
  CHECK(p.text(update) == "UPDATE tbl SET c = ''q'' WHERE d = 1");
  const auto where = update.node.child("whereClause");
  CHECK(at_location(p, update, where.child("lexpr")) == "d = 1");
}

TEST_CASE("a function body runs where it is called, not where it is created") {
  const auto p =
      parse("CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN DROP TABLE a; END $$;\n"
            "CREATE FUNCTION trig() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM b; "
            "RETURN NEW; END $$;\n"
            "SELECT 1;\n"
            "SELECT f();\n"
            "CALL f();\n");
  REQUIRE(p.size() == 7);
  CHECK(p[4].kind() == "DropStmt");
  REQUIRE(p[4].nested);
  CHECK(p[4].nested->parent == 3);
  CHECK(p[4].nested->body_of == 0);
  CHECK(p.m->text(p[4].nested->call) == "f");
  CHECK(p[6].kind() == "DropStmt");
  CHECK(p[6].nested->parent == 5);
}

TEST_CASE("recursion runs a body once; dynamic SQL and other languages are opaque") {
  const auto p = parse("CREATE FUNCTION r() RETURNS void LANGUAGE plpgsql AS $$ BEGIN PERFORM r(); "
                       "EXECUTE x; END $$;\n"
                       "SELECT r();\n"
                       "DO LANGUAGE plperl $$ 1 $$;\n");
  REQUIRE(p.size() == 4);  // CREATE, SELECT, the PERFORM once, DO
  CHECK(p[2].nested);
  const auto& opaque = p.m->opaque_code();
  REQUIRE(opaque.size() == 2);
  CHECK(p.m->text(opaque[0].span) == "x");
  CHECK(opaque[0].after == 2);
  CHECK(opaque[0].holder == 0);
  CHECK(opaque[1].why.find("plperl") != std::string::npos);
}

TEST_CASE("a body that does not parse is a syntax error inside it") {
  const auto p = parse("DO $$ BEGIN\n  ALTER TABLE t ADD COLUMN ;\nEND $$;\nSELECT 1;\n");
  REQUIRE(p.size() == 2);
  REQUIRE(p[0].error);
  CHECK(p.m->text().substr(p[0].error->offset, 1) == ";");
  CHECK_FALSE(p[1].error);
}

TEST_CASE("one body under two names is read for each, at its own place") {
  const std::string body = "$$ BEGIN UPDATE t SET c = 1 WHERE id = 2; END $$;\n";
  const auto p = parse("CREATE FUNCTION touch_a() RETURNS void LANGUAGE plpgsql AS " + body +
                       "CREATE FUNCTION touch_b() RETURNS void LANGUAGE plpgsql AS " + body +
                       "SELECT touch_a();\nSELECT touch_b();\n");
  REQUIRE(p.size() == 6);
  CHECK(p[3].kind() == "UpdateStmt");
  CHECK(p[3].nested->body_of == 0);
  CHECK(p[5].kind() == "UpdateStmt");
  CHECK(p[5].nested->body_of == 1);
  // Each statement's text is found in its own function's body.
  const size_t second_body = p.m->text().find("UPDATE", p.m->text().find("touch_b"));
  CHECK(p[5].span.begin == second_body);
  CHECK(p[3].span.begin < p[1].span.begin);
  CHECK(p.m->opaque_code().empty());
}

TEST_CASE("a body that names its own function compiles under that name") {
  // PL/pgSQL labels a function's outer block with its name: `calc.n` is the parameter n.
  // Compiled under any other name, an assignment to it does not compile.
  const std::string body = "$$ BEGIN calc.n := 2; UPDATE t SET c = 1; END $$;\n";
  const auto p = parse("CREATE FUNCTION calc(n int) RETURNS void LANGUAGE plpgsql AS " + body +
                       "CREATE FUNCTION other(n int) RETURNS void LANGUAGE plpgsql AS " + body +
                       "SELECT calc(1);\nSELECT other(1);\n");
  REQUIRE(p.size() == 5);  // other()'s body is not read: its block is labelled other
  CHECK(p[3].kind() == "UpdateStmt");
  CHECK(p[3].nested->body_of == 0);
  const auto& opaque = p.m->opaque_code();
  REQUIRE(opaque.size() == 1);
  CHECK(opaque[0].holder == 4);  // the call of other()
  CHECK(opaque[0].why.find("\"calc.n\" is not a known variable") != std::string::npos);
}
