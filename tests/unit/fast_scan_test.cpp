// zd::pg::fast_scan against PostgreSQL's own scanner (pg_query_scan): where it answers, its
// tokens must be PostgreSQL's, to the byte, kind and keyword kind; what it cannot be sure
// of it must leave to PostgreSQL.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "parse/fast_scan.hpp"
#include "parse/prepare.hpp"

namespace {

namespace fs = std::filesystem;

// True when fast_scan answered; then its tokens must equal pg_query_scan's.
bool check_same_as_postgres(const std::string& text) {
  const auto fast = zd::pg::fast_scan(text);
  if (!fast) return false;
  const auto slow = zd::pg::scan_with_postgres(text);
  INFO(text);
  REQUIRE_FALSE(slow.error);
  REQUIRE(fast->size() == slow.tokens.size());
  for (size_t i = 0; i < fast->size(); ++i) {
    const auto& f = (*fast)[i];
    const auto& p = slow.tokens[i];
    INFO("token " << i << ": " << text.substr(p.begin, p.end - p.begin));
    CHECK(f.begin == p.begin);
    CHECK(f.end == p.end);
    CHECK(f.kind == p.kind);
    CHECK(f.keyword_kind == p.keyword_kind);
  }
  return true;
}

}  // namespace

TEST_CASE("fast_scan: the tokens of PostgreSQL's scanner") {
  const char* cases[] = {
      "SELECT a->>'x', b#>>'{a}', c @> d, e <@ f, g || h, i !~* j, k::int, l := 1, m => 2;",
      // A trailing + or - leaves an operator made only of + - * / < > = (`=-1` is `=` `-1`).
      "SELECT 1+-2, 3=-4, 5<>-6, 7<=+8, a*-b, x/-y, p%-q, r^-s, t<-u, v>-w, z~-1, x@-1;",
      "SELECT a+-+-b, a@+b, a!+-b, a<=-b, a>=+b, a!=-b, a=>-b, a<>+-b, a<<-b, a=-=b;",
      "SELECT 1 <=> 2, 3 <-> 4, 5 >>= 6, 7 &< 8, 9 -|- 10, 11 ?| 12, 15 `+ 16;",
      "SELECT 'a\\nb', 'it''s', ' '' '' ', 'é☃', $$x$$, $a$ $b$ $$ $a$, $a$x$ab$a$, $_$ y $_$;",
      "CREATE TABLE \"weird \"\"name\"\"\" (\"ÄÖ\" int, é_col text, a$b int);",
      "SELECT 1.5, .5, 5., 1e10, 1.5E-3, 2147483647, 2147483648, 00000000001, 99999999999;",
      "/* outer /* inner */ still */ SELECT 1; -- trailing\r\nSELECT 2;\n/**/ /***/ /*/ x */;",
      "SELECT 'x' /* c */ , 'y'-- c\n; SELECT 1-- right after\n;",
      "SELECT\t*\tFROM\ft\r\nWHERE\rx = 1;",
      "SELECT a.b.c, t.*, arr[1:2], (x).y, -1, +2, ~3, !4, @5, |/ 6, ||/ 7;",
      "SELECT abort, absolute, all, between, bigint, authorization, not_a_keyword, zone, "
      "xmltable, current_user, CONCURRENTLY, Not, NULLS;",
  };
  for (const char* text : cases) CHECK(check_same_as_postgres(text));
}

TEST_CASE("fast_scan: left to PostgreSQL") {
  const char* cases[] = {
      "SELECT E'x';", "SELECT b'1';", "SELECT X'ff';", "SELECT n'z';", "SELECT U&'\\0041';",
      "SELECT u&\"a\";",
      "SELECT 'a'\n'b';",            // one literal, continued across the line end
      "SELECT 'a'\n-- c\n'b';",      // even across a comment
      "SELECT $1;",                  // parameters
      "SELECT 1..2;", "SELECT 12abc;", "SELECT 1e;", "SELECT $x;",
      "SELECT a-/*c*/b;",            // a comment inside a run of operator characters
      "SELECT \"\";",                // a zero-length quoted identifier is an error
      "SELECT 'open", "SELECT 1; /* open", "SELECT $$ open", "SELECT \"open",
      "SELECT \\;", "SELECT {a};",
  };
  for (const char* text : cases) {
    INFO(text);
    CHECK_FALSE(zd::pg::fast_scan(text));
  }
}

TEST_CASE("fast_scan: every fixture, as PostgreSQL scans it") {
  size_t answered = 0;
  for (const auto& entry : fs::recursive_directory_iterator(ZERODOWN_FIXTURES_DIR)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".sql") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    INFO(entry.path().string());
    if (check_same_as_postgres(zd::blank_non_sql(bytes).text)) ++answered;
  }
  CHECK(answered > 100);
}

TEST_CASE("fast_scan: keywords and other words of every length, in either case") {
  // Words of 1 to 26 bytes, keywords among them in three cases and next to words that differ
  // from them by one byte: every way the keyword cache reads a word, and words it must tell
  // apart though they share a slot's length.
  std::string text =
      "a as AS aS add ADD adx all also ALSO alsx table TABLE TaBlE tablx tables abort about "
      "absolute ABSOLUTE absolutx character characters characteristics CHARACTERISTICS "
      "characteristicx current_timestamp CURRENT_TIMESTAMP current_timestamx "
      "xcurrent_timestamp localtimestamp a_name_of_22_bytes_xyz a_name_of_24_bytes_long_ "
      "a_name_of_25_bytes_long__ a_name_of_26_bytes_long___\n";
  for (size_t n = 1; n <= 26; ++n) text += std::string(n, 'x') + ' ' + std::string(n, 'X') + '\n';
  CHECK(check_same_as_postgres(text + text));
}
