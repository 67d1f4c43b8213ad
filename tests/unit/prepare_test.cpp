// zd::blank_non_sql: psql meta-commands and COPY … FROM stdin data become spaces; every
// other byte, and so every offset, line and column, stays where it was.
#include <doctest/doctest.h>

#include <string>

#include "parse/prepare.hpp"

namespace {

// Blanks `in`, checks that only spaces replaced bytes and that line ends are untouched.
zd::Prepared blank(std::string_view in) {
  auto p = zd::blank_non_sql(in);
  REQUIRE(p.text.size() == in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (p.text[i] != in[i]) {
      INFO("byte ", i);
      CHECK(p.text[i] == ' ');
      CHECK(in[i] != '\n');
      CHECK(in[i] != '\r');
    }
  }
  return p;
}

std::string spaces(size_t n) { return std::string(n, ' '); }

}  // namespace

TEST_CASE("prepare: plain SQL is unchanged") {
  const std::string sql =
      "CREATE TABLE t (id bigint);\n-- a comment with \\set in it\nSELECT 'a\\b', $$\\x$$;\n";
  const auto p = blank(sql);
  CHECK(p.text == sql);
  CHECK(p.blanked_lines == 0);
  CHECK(blank("").text.empty());
}

TEST_CASE("prepare: meta-commands at the start of a line are blanked") {
  const auto p = blank("\\set ON_ERROR_STOP on\nSELECT 1;\n  \\i other.sql\n\t\\connect db\nSELECT 2;");
  // The indentation before the backslash stays as it was.
  CHECK(p.text == spaces(21) + "\nSELECT 1;\n" + spaces(14) + "\n\t" + spaces(11) +
                      "\nSELECT 2;");
  CHECK(p.blanked_lines == 3);
}

TEST_CASE("prepare: meta-commands with CRLF and CR line ends, and at the end of the file") {
  CHECK(blank("\\set a 1\r\nSELECT 1;\r\n\\unset a").text ==
        spaces(8) + "\r\nSELECT 1;\r\n" + spaces(8));
  CHECK(blank("\\set a 1\rSELECT 1;\r\\q\r").text == spaces(8) + "\rSELECT 1;\r" + spaces(2) +
                                                     "\r");
}

TEST_CASE("prepare: a backslash that does not start a line is SQL") {
  const std::string sql = "SELECT 1 AS a, 'x' AS \"b\\c\";\n";
  CHECK(blank(sql).text == sql);
}

TEST_CASE("prepare: backslashes inside multi-line literals and comments are kept") {
  const std::string quoted = "SELECT 'line one\n\\not a command\n';\n";
  CHECK(blank(quoted).text == quoted);
  const std::string dollar = "DO $body$\nBEGIN\n\\set x\nEND\n$body$;\n";
  CHECK(blank(dollar).text == dollar);
  const std::string comment = "/* outer /* inner */\n\\set x\n*/ SELECT 1;\n";
  CHECK(blank(comment).text == comment);
  const std::string ident = "SELECT 1 AS \"a\n\\b\";\n";
  CHECK(blank(ident).text == ident);
}

TEST_CASE("prepare: E'' strings end where their backslash escapes say") {
  // Without the E'' escape rule the quote would seem to run on over the \set line.
  const auto p = blank("SELECT E'it\\'s';\n\\set x 1\nSELECT 2;");
  CHECK(p.text == "SELECT E'it\\'s';\n" + spaces(8) + "\nSELECT 2;");
  // In a standard string a backslash is an ordinary character.
  const auto q = blank("SELECT 'C:\\';\n\\set x 1\n");
  CHECK(q.text == "SELECT 'C:\\';\n" + spaces(8) + "\n");
}

TEST_CASE("prepare: doubled quotes and dollar tags") {
  const auto p = blank("SELECT 'it''s', $a$ $$ ' $a$, x$y;\n\\echo done\n");
  CHECK(p.text == "SELECT 'it''s', $a$ $$ ' $a$, x$y;\n" + spaces(10) + "\n");
  // $1 is a parameter, not a dollar quote
  const auto q = blank("PREPARE s AS SELECT $1;\n\\echo x\n");
  CHECK(q.text == "PREPARE s AS SELECT $1;\n" + spaces(7) + "\n");
}

TEST_CASE("prepare: COPY … FROM stdin data up to \\. is blanked") {
  const std::string in =
      "COPY users (id, name) FROM stdin;\n"
      "1\tAnn's\n"
      "2\t\\N\n"
      "\\.\n"
      "SELECT 1;\n";
  const auto p = blank(in);
  CHECK(p.text == "COPY users (id, name) FROM stdin;\n" + spaces(7) + "\n" + spaces(4) + "\n" +
                      spaces(2) + "\nSELECT 1;\n");
}

TEST_CASE("prepare: COPY variants") {
  // Upper case, WITH options, CRLF
  const auto p = blank("COPY public.t FROM STDIN WITH (FORMAT csv);\r\na,b\r\n\\.\r\nSELECT 1;");
  CHECK(p.text == "COPY public.t FROM STDIN WITH (FORMAT csv);\r\n" + spaces(3) + "\r\n" +
                      spaces(2) + "\r\nSELECT 1;");
  // Data that never ends: everything after is data, as psql would read it
  const auto q = blank("COPY t FROM stdin;\n1\n2\n");
  CHECK(q.text == "COPY t FROM stdin;\n \n \n");
  // COPY from a file, or to stdout, has no inline data
  const std::string file = "COPY t FROM '/tmp/t.csv';\nSELECT 1;\n";
  CHECK(blank(file).text == file);
  const std::string out = "COPY t TO stdout;\nSELECT 1;\n";
  CHECK(blank(out).text == out);
  // A statement that only mentions stdin in a string is not COPY
  const std::string mention = "SELECT 'COPY t FROM stdin';\nSELECT 1;\n";
  CHECK(blank(mention).text == mention);
}

TEST_CASE("prepare: the statement after a COPY's data is read normally") {
  const auto p = blank("COPY t FROM stdin;\n1\n\\.\n\\set x\nCOPY u FROM stdin;\n2\n\\.\nSELECT 3;");
  CHECK(p.text == "COPY t FROM stdin;\n \n  \n      \nCOPY u FROM stdin;\n \n  \nSELECT 3;");
}

TEST_CASE("prepare: COPY after comments and meta-commands, as pg_dump writes it") {
  const auto p = blank(
      "--\n-- Data for Name: a\n--\n\nCOPY a (x) FROM stdin;\n1\n\\.\n\n"
      "/* b */\n\\connect other\nCOPY b (y) FROM stdin;\nx; y\n\\.\nSELECT 1;\n");
  CHECK(p.text ==
        "--\n-- Data for Name: a\n--\n\nCOPY a (x) FROM stdin;\n \n  \n\n"
        "/* b */\n" + spaces(14) + "\nCOPY b (y) FROM stdin;\n" + spaces(4) + "\n  \nSELECT 1;\n");
  // An empty statement between does not lose the COPY
  CHECK(blank("COPY a FROM stdin;;\n1\n\\.\n").text == "COPY a FROM stdin;;\n \n  \n");
}

TEST_CASE("prepare: psql variables are not SQL, casts and slices are") {
  const auto p = blank("SELECT :'name', :\"ident\", :plain, a::text, b[1:2] FROM t;\n");
  CHECK(p.text == "SELECT  'name',  \"ident\",  plain, a::text, b[1:2] FROM t;\n");
}
