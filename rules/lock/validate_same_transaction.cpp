// lock-validate-same-transaction: VALIDATE CONSTRAINT in the transaction that added the
// constraint NOT VALID.
#include <fmt/format.h>

#include "lint/alter_table_walk.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
`ADD CONSTRAINT … NOT VALID` followed by `VALIDATE CONSTRAINT` is the safe recipe only when
the two run in **different transactions**. In the same transaction the lock taken by the
ADD — ACCESS EXCLUSIVE for a CHECK, SHARE ROW EXCLUSIVE on both tables for a FOREIGN KEY —
is still held while VALIDATE scans the table, so the scan blocks exactly what NOT VALID
was meant to spare.

## Example
```sql
BEGIN;
ALTER TABLE orders ADD CONSTRAINT amount_positive CHECK (amount > 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT amount_positive;
COMMIT;
```

## Use instead
Commit between the two — a separate migration, or a COMMIT in between for runners that
allow it:
```sql
ALTER TABLE orders ADD CONSTRAINT amount_positive CHECK (amount > 0) NOT VALID;
COMMIT;
ALTER TABLE orders VALIDATE CONSTRAINT amount_positive;
```
)md";

void check(const RuleContext& ctx) {
  const Catalog& catalog = ctx.catalog();
  for_each_alter_subcommand(ctx, [&](const AlterSubcommand& sub) {
    if (sub.subtype != "AT_ValidateConstraint") return;
    const StatementContext& here = ctx.at(sub.statement);
    const auto name = sub.command.str("name");
    const ConstraintState* c = catalog.constraint(sub.table.relation, name, ctx.sequence(sub.statement));
    if (!here.in_transaction() || !c || c->validated || c->transaction != here.transaction) return;
    const Statement& added = ctx.statements()[ctx.statement_index(c->added_by)];
    const bool fk = c->kind == ConstraintKind::ForeignKey;
    Finding& f = ctx.report(
        sub.statement, sub.span,
        fmt::format("VALIDATE CONSTRAINT {} runs in the transaction that added it NOT VALID (line "
                    "{}): the {} lock from that ADD is still held, so the validation scan blocks "
                    "{} on {} anyway",
                    name, ctx.migration().source().position(added.span.begin).line,
                    fk ? "SHARE ROW EXCLUSIVE" : "ACCESS EXCLUSIVE",
                    fk ? "writes" : "reads and writes", sub.table.relation.display()),
        "Commit between ADD CONSTRAINT … NOT VALID and VALIDATE CONSTRAINT: put the VALIDATE in "
        "a later migration or transaction.");
    ctx.attach_locks(f, sub.statement);
  });
}

}  // namespace

extern const RuleInfo lock_validate_same_transaction{
    .id = "lock-validate-same-transaction",
    .category = Category::Lock,
    .severity = Severity::Warning,
    .enabled_by_default = true,
    .summary = "VALIDATE CONSTRAINT in the same transaction as its ADD … NOT VALID keeps the "
               "ADD's blocking lock during the scan.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
