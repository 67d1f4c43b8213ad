// The NOT VALID + VALIDATE fix (lock-add-check, lock-add-foreign-key) writes a statement of
// its own: applied, the file must still parse, and the VALIDATE must name the very table and
// constraint the ADD names, whatever their case, keywords or characters.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "lint/lint.hpp"
#include "model/names.hpp"
#include "parsed_migration.hpp"

namespace {

// `sql` with the edits of the finding's one fix applied.
std::string fixed(const std::string& sql, std::string_view rule) {
  const auto report = zd::lint_bytes("t.sql", sql, {});
  REQUIRE_FALSE(report.error);
  const auto f = std::find_if(report.findings.begin(), report.findings.end(),
                              [&](const zd::Finding& x) { return x.rule->id == rule; });
  REQUIRE(f != report.findings.end());
  REQUIRE(f->fixes.size() == 1);
  // From the end, so that each edit's offsets are still those of the original text; of two
  // insertions at one offset the later one first, so that they read in the fix's order.
  std::vector<zd::Edit> edits(f->fixes[0].edits.rbegin(), f->fixes[0].edits.rend());
  std::stable_sort(edits.begin(), edits.end(), [](const zd::Edit& a, const zd::Edit& b) {
    return a.span.begin > b.span.begin;
  });
  std::string out = sql;
  for (const auto& e : edits) {
    out.replace(e.span.begin, e.span.end - e.span.begin, e.replacement);
  }
  return out;
}

// Applies the fix, parses the result and compares the names of the two statements.
std::string check_validate_names(const std::string& sql, std::string_view rule) {
  const std::string text = fixed(sql, rule);
  const auto p = zd::test::parse(text);
  REQUIRE(p.size() == 2);
  REQUIRE_FALSE(p[0].error);
  REQUIRE_FALSE(p[1].error);
  const zd::Node add = p[0].node.list("cmds")[0].child("def");
  CHECK(add.flag("skip_validation"));  // NOT VALID
  const zd::Node validate = p[1].node.list("cmds")[0];
  CHECK(validate.str("subtype") == "AT_ValidateConstraint");
  CHECK(zd::name_of_range_var(p[1].node.child("relation")) ==
        zd::name_of_range_var(p[0].node.child("relation")));
  CHECK(validate.str("name") == add.str("conname"));
  return text.substr(text.find('\n') + 1);
}

}  // namespace

TEST_CASE("the VALIDATE fix names a Prisma foreign key's table and constraint as written") {
  CHECK(check_validate_names("ALTER TABLE \"User\" ADD CONSTRAINT \"User_orgId_fkey\" FOREIGN KEY "
                             "(\"orgId\") REFERENCES \"Org\"(\"id\");",
                             "lock-add-foreign-key") ==
        "ALTER TABLE public.\"User\" VALIDATE CONSTRAINT \"User_orgId_fkey\";");
}

TEST_CASE("the VALIDATE fix quotes keywords, quotes and non-ASCII names") {
  CHECK(check_validate_names(
            "ALTER TABLE \"Billing\".\"order\" ADD CONSTRAINT \"check\" CHECK (\"user\" > 0);\n",
            "lock-add-check") == "ALTER TABLE \"Billing\".order VALIDATE CONSTRAINT \"check\";\n");
  CHECK(check_validate_names("ALTER TABLE \"say\"\"hi\" ADD CONSTRAINT \"a\"\"b\" CHECK (x > 0);",
                             "lock-add-check") ==
        "ALTER TABLE public.\"say\"\"hi\" VALIDATE CONSTRAINT \"a\"\"b\";");
  CHECK(check_validate_names("ALTER TABLE \"café\" ADD CONSTRAINT \"prix_positif\" CHECK (prix > "
                             "0);",
                             "lock-add-check") ==
        "ALTER TABLE public.\"café\" VALIDATE CONSTRAINT prix_positif;");
}

TEST_CASE("the VALIDATE fix writes plain lower-case names unquoted") {
  CHECK(check_validate_names("ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK "
                             "(amount > 0)",
                             "lock-add-check") ==
        "ALTER TABLE public.orders VALIDATE CONSTRAINT orders_amount_positive;");
}
