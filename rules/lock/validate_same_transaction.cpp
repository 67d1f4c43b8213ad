// lock-validate-same-transaction: VALIDATE CONSTRAINT in the transaction that added the
// constraint NOT VALID.
#include <fmt/format.h>

#include "analysis/validate_after_add.hpp"
#include "lint/alter_table_walk.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
`ADD CONSTRAINT … NOT VALID` followed by `VALIDATE CONSTRAINT` is the safe recipe only when
the two run in **different transactions**. In the same transaction the lock taken by the
ADD — ACCESS EXCLUSIVE for a CHECK, SHARE ROW EXCLUSIVE on both tables for a FOREIGN KEY,
ACCESS EXCLUSIVE when the same ALTER TABLE also adds a column — is still held while VALIDATE
scans the table, so the scan blocks exactly what NOT VALID was meant to spare.
`lock-held-across-statements` leaves such a VALIDATE to this rule.

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

// The ADD statement's own lock on the validated table: ACCESS EXCLUSIVE for a CHECK, SHARE
// ROW EXCLUSIVE for a FOREIGN KEY, or stronger when the same ALTER TABLE also did something
// else (an ADD COLUMN next to the ADD CONSTRAINT takes ACCESS EXCLUSIVE).
const RelationLock* held_on(const RuleContext& ctx, const Statement& added,
                            const QualifiedName& table) {
  const RelationLock* held = nullptr;
  for (const auto& l : ctx.locks(added).locks) {
    if (l.relation == table && (!held || l.mode > held->mode)) held = &l;
  }
  return held;
}

void check(const RuleContext& ctx) {
  for_each_alter_subcommand(ctx, [&](const AlterSubcommand& sub) {
    if (sub.subtype != "AT_ValidateConstraint") return;
    const Statement* added =
        added_in_same_transaction(ctx, sub.statement, sub.table.relation, sub.command);
    if (!added) return;
    const RelationLock* held = held_on(ctx, *added, sub.table.relation);
    if (!held) return;
    Finding& f = ctx.report(
        sub.statement, sub.span,
        fmt::format("VALIDATE CONSTRAINT {} runs in the transaction that added it NOT VALID (line "
                    "{}): the {} lock from that ADD is still held, so the validation scan blocks "
                    "{} on {} anyway",
                    sub.command.str("name"),
                    ctx.migration().source().position(added->span.begin).line,
                    lock_mode_name(held->mode), blocks_short(blocks(held->mode)),
                    sub.table.relation.display()),
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
