// lock-domain-constraint: ALTER DOMAIN checks that scan every table using the domain.
#include <fmt/format.h>

#include "lint/rule.hpp"
#include "model/spans.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
`ALTER DOMAIN … ADD CONSTRAINT` (without `NOT VALID`), `ALTER DOMAIN … VALIDATE
CONSTRAINT` and `ALTER DOMAIN … SET NOT NULL` check every stored value of the domain:
they take a **SHARE** lock on **every table with a column of that domain** and scan it.
Writes to all those tables wait. Unlike `ALTER TABLE … VALIDATE CONSTRAINT`, the domain's
VALIDATE blocks writes too.

A domain created in the files under review that no existing table uses is not reported:
the check is instant.

## Example
```sql
ALTER DOMAIN email_address ADD CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%');
```

## Use instead
Add the constraint `NOT VALID` (new values are checked, nothing is scanned), and validate
the existing data with table-level CHECK constraints (`NOT VALID`, then
`ALTER TABLE … VALIDATE CONSTRAINT`, which does not block writes) or in a maintenance
window.
)md";

void check(const RuleContext& ctx) {
  for (const Statement& s : ctx.statements()) {
    if (!s.is("AlterDomainStmt")) continue;
    std::string tables;
    for (const auto& l : ctx.locks(s).locks) {
      if (!ctx.on_existing(l, s)) continue;
      tables += (tables.empty() ? "" : ", ") + l.what();
    }
    if (tables.empty()) continue;
    const auto domain = name_of_list(s.node.list("typeName"));
    Finding& f = ctx.report(
        s, first_line(ctx.migration(), s),
        fmt::format("ALTER DOMAIN {} checks every stored value under a SHARE lock that blocks "
                    "writes to {} until the scan ends",
                    domain.display(), tables),
        "Add domain constraints NOT VALID; validate existing rows with table-level CHECK "
        "constraints (NOT VALID, then VALIDATE: writes continue) or in a maintenance window.");
    ctx.attach_locks(f, s);
  }
}

}  // namespace

extern const RuleInfo lock_domain_constraint{
    .id = "lock-domain-constraint",
    .category = Category::Lock,
    .severity = Severity::Error,
    .enabled_by_default = true,
    .summary = "ALTER DOMAIN ADD/VALIDATE CONSTRAINT or SET NOT NULL scans every table using the "
               "domain under a SHARE lock.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
