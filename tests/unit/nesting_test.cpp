// The bound on a statement's parse-tree depth that keeps deep chains away from libpg_query.
#include <doctest/doctest.h>

#include <string>

#include "parse/nesting.hpp"

namespace {

size_t bound(const std::string& sql) {
  const auto scanned = zd::pg::scan(sql);
  REQUIRE_FALSE(scanned.error);
  return zd::pg::nesting_bound(scanned.tokens);
}

std::string repeat(std::string_view unit, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += unit;
  return out;
}

}  // namespace

TEST_CASE("nesting_bound: a left-nested chain is as deep as it is long") {
  // SELECT 1 + 1 + … : one level per operator and operand at least.
  CHECK(bound("SELECT " + repeat("1+", 20000) + "1;") > zd::pg::kMaxNesting);
  CHECK(bound("SELECT 'x'" + repeat("::text", 20000) + ";") > zd::pg::kMaxNesting);
  // Inside brackets, the levels of every bracket add up.
  CHECK(bound("SELECT f(" + repeat("(", 3000) + "1" + repeat(")", 3000) + ");") > 3000);
}

TEST_CASE("nesting_bound: flat lists are not deep however long") {
  // VALUES rows, arguments, AND terms and CASE branches are lists PostgreSQL keeps flat.
  CHECK(bound("INSERT INTO t VALUES " + repeat("(1, 'a'),", 20000) + "(2, 'b');") < 20);
  CHECK(bound("SELECT 1 WHERE " + repeat("a = 1 AND ", 20000) + "true;") < 20);
  CHECK(bound("SELECT CASE a " + repeat("WHEN 1 THEN 2 ", 20000) + "ELSE 3 END;") < 20);
  // Each statement starts afresh.
  CHECK(bound(repeat("SELECT 1 + 2 + 3;", 20000)) < 20);
}
