// lock-add-foreign-key: ADD FOREIGN KEY without NOT VALID scans under SHARE ROW EXCLUSIVE
// on both tables.
#include <fmt/format.h>

#include "lint/fixes.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
Adding a foreign key checks every existing row against the referenced table while holding
**SHARE ROW EXCLUSIVE** on **both** tables: writes to either table wait for the whole
validation (reads continue).

An inline `ADD COLUMN … REFERENCES` is not reported: the new column is NULL in every row,
so nothing is scanned (the brief lock on both tables is what `lock-timeout-missing` is
about). Neither is a foreign key on a table created earlier in the same file.

## Example
```sql
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
```

## Use instead
```sql
ALTER TABLE orders ADD CONSTRAINT orders_user_fk
  FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
-- in a later transaction: SHARE UPDATE EXCLUSIVE on orders, ROW SHARE on users
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
```

## Fix safety
The fix appends `NOT VALID` and adds the `VALIDATE CONSTRAINT` statement after it; it is
unsafe inside a transaction block (the VALIDATE would keep the first lock).
)md";

void check(const RuleContext& ctx) {
  for_each_alter_subcommand(ctx, [&](const AlterSubcommand& sub) {
    const Node con = sub.command.child("def");
    if (sub.subtype != "AT_AddConstraint" || con.str("contype") != "CONSTR_FOREIGN" ||
        con.flag("skip_validation")) {
      return;
    }
    const auto name = con.str("conname");
    const std::string table = sub.table.relation.display();
    const std::string referenced = name_of_range_var(con.child("pktable")).display();
    Finding& f = ctx.report(
        sub.statement, sub.span,
        fmt::format("ADD FOREIGN KEY {}checks every row of {} against {} under SHARE ROW "
                    "EXCLUSIVE locks that block writes to both tables until it finishes",
                    name.empty() ? "" : std::string(name) + " ", table, referenced),
        "Add the foreign key NOT VALID (brief lock), then VALIDATE CONSTRAINT in a later "
        "transaction: reads and writes on both tables continue while it validates.");
    ctx.attach_locks(f, sub.statement);
    if (!name.empty()) f.fixes.push_back(not_valid_then_validate(ctx, sub, name));
  });
}

}  // namespace

extern const RuleInfo lock_add_foreign_key{
    .id = "lock-add-foreign-key",
    .category = Category::Lock,
    .severity = Severity::Error,
    .enabled_by_default = true,
    .summary = "ADD FOREIGN KEY without NOT VALID checks every row while blocking writes to "
               "both tables.",
    .docs = kDocs,
    .fixable = true,
    .check = check,
};

}  // namespace zd::rules
