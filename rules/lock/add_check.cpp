// lock-add-check: ADD CONSTRAINT … CHECK without NOT VALID scans under ACCESS EXCLUSIVE.
#include <fmt/format.h>

#include "lint/fixes.hpp"
#include "locks/column_definition.hpp"
#include "parse/quote.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
Adding a `CHECK` constraint tests it against every existing row while holding an
**ACCESS EXCLUSIVE** lock: reads and writes wait for the whole scan.

The same holds for a CHECK written inline in `ADD COLUMN … CHECK (…)`.

## Example
```sql
ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0);
```

## Use instead
Add it `NOT VALID` (new and updated rows are checked at once, the lock is brief), then
validate it in a later transaction under SHARE UPDATE EXCLUSIVE, which lets reads and
writes go on:
```sql
ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_positive;
```

## Fix safety
The fix appends `NOT VALID` and adds the `VALIDATE CONSTRAINT` statement after it. It is
safe outside a transaction block; inside one it is unsafe, because the VALIDATE would run
in the same transaction and keep the first lock (move it to its own migration).
)md";

void check(const RuleContext& ctx) {
  for_each_alter_subcommand(ctx, [&](const AlterSubcommand& sub) {
    if (sub.subtype == "AT_AddColumn") {
      const ColumnDefinition c = read_column_definition(sub.command.child("def"));
      if (!c.check) return;
      Finding& f = ctx.report(
          sub.statement, sub.span,
          fmt::format("ADD COLUMN {} with an inline CHECK tests it against every row of {} under "
                      "an ACCESS EXCLUSIVE lock that blocks reads and writes until the scan ends",
                      c.name, sub.table.relation.display()),
          fmt::format("Add {} without the CHECK, then ADD CONSTRAINT … CHECK (…) NOT VALID and "
                      "VALIDATE CONSTRAINT in a later transaction.",
                      quote_identifier(c.name)));
      ctx.attach_locks(f, sub.statement);
      return;
    }
    const Node con = sub.command.child("def");
    if (sub.subtype != "AT_AddConstraint" || con.str("contype") != "CONSTR_CHECK" ||
        con.flag("skip_validation")) {
      return;
    }
    const auto name = con.str("conname");
    const std::string table = sub.table.relation.display();
    Finding& f = ctx.report(
        sub.statement, sub.span,
        fmt::format("ADD CONSTRAINT {} CHECK reads every row of {} under an ACCESS EXCLUSIVE "
                    "lock that blocks reads and writes until the scan ends",
                    name.empty() ? "…" : name, table),
        "Add the constraint NOT VALID (brief lock), then VALIDATE CONSTRAINT in a later "
        "transaction: it scans under SHARE UPDATE EXCLUSIVE, and reads and writes continue.");
    ctx.attach_locks(f, sub.statement);
    if (!name.empty()) f.fixes.push_back(not_valid_then_validate(ctx, sub, name));
  });
}

}  // namespace

extern const RuleInfo lock_add_check{
    .id = "lock-add-check",
    .category = Category::Lock,
    .severity = Severity::Error,
    .enabled_by_default = true,
    .summary = "ADD CONSTRAINT … CHECK without NOT VALID reads the whole table under an ACCESS "
               "EXCLUSIVE lock.",
    .docs = kDocs,
    .fixable = true,
    .check = check,
};

}  // namespace zd::rules
