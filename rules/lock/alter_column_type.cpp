// lock-alter-column-type: ALTER COLUMN … TYPE that rewrites the table.
#include <fmt/format.h>

#include "lint/alter_table_walk.hpp"
#include "parse/quote.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
Changing a column's type rewrites the table and rebuilds its indexes under an **ACCESS
EXCLUSIVE** lock, unless the old type converts to the new one without touching the stored
bytes. No rewrite for: `varchar(n)` → `varchar(m ≥ n)`, `varchar` or `text`; `text` →
unlimited `varchar`; `numeric(p,s)` → `numeric(p' ≥ p, s)` or unconstrained `numeric`;
`cidr` → `inet`; a wider `timestamp`/`time`/`interval` precision. Everything else
(`int` → `bigint`, a narrower limit, a scale change) rewrites, and so does any `USING`
expression. `timestamp` ↔ `timestamptz` skips the rewrite only when the session's
TimeZone is UTC (PostgreSQL 12+) and rebuilds the indexes either way; zerodown knows the
TimeZone when the migration sets it (`SET TIME ZONE 'UTC'`, `SET timezone = 'UTC'`).

zerodown stays quiet when it knows the old type (from this file or the migration history)
and the change is one of the safe ones, reports an error when it knows the change
rewrites, and a warning that says so when it does not know the old type. A view using the column makes PostgreSQL refuse the change.

## Example
```sql
ALTER TABLE events ALTER COLUMN id TYPE bigint;
```

## Use instead
Add a new column of the new type, keep it in sync with a trigger, backfill it in
batches, then swap the columns in one short transaction (and drop the old one in a
later deploy).
)md";

void check(const RuleContext& ctx) {
  for_each_alter_subcommand(ctx, [&](const AlterSubcommand& sub) {
    if (sub.subtype != "AT_AlterColumnType" || sub.action.rewrite == Tri::No) return;
    const auto column = sub.command.str("name");
    const std::string table = sub.table.relation.display();
    const bool certain = sub.action.rewrite == Tri::Yes;
    Finding& f = ctx.report(
        sub.statement, sub.span,
        fmt::format("ALTER COLUMN {} TYPE {} {} and its indexes under an ACCESS EXCLUSIVE lock "
                    "that blocks reads and writes until it ends: {}",
                    column, certain ? "rewrites" : "may rewrite", table, sub.action.why),
        fmt::format("Add a new column of the new type, sync it with a trigger, backfill it in "
                    "batches, then switch to it in a short transaction and drop {} later.",
                    quote_identifier(column)));
    // Unsure whether it rewrites (the old type is unknown): a warning, not an error.
    if (!certain) f.severity = Severity::Warning;
    ctx.attach_locks(f, sub.statement);
  });
}

}  // namespace

extern const RuleInfo lock_alter_column_type{
    .id = "lock-alter-column-type",
    .category = Category::Lock,
    .severity = Severity::Error,
    .enabled_by_default = true,
    .summary = "ALTER COLUMN … TYPE rewrites the table under an ACCESS EXCLUSIVE lock unless "
               "the change is binary-coercible.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
