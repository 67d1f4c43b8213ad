// compat-drop-not-null: ALTER COLUMN … DROP NOT NULL lets NULLs into a column the running
// application reads as never NULL.
#include <fmt/format.h>

#include "analysis/name_takeover.hpp"
#include "lint/alter_table_walk.hpp"
#include "lint/rule.hpp"
#include "parse/quote.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
The application version still running was written against a column that is never NULL:
its models declare it non-optional, its code compares and formats the value without a
NULL check, and its reports count on it. As soon as the new version (or anything else)
writes a NULL, the old version reading that row can fail, or quietly compute the wrong
answer. Other consumers of the table (replicas feeding a warehouse, other services)
are affected the same way.

The statement itself takes an ACCESS EXCLUSIVE lock on the table only for a moment (no
scan, no rewrite), but the request queues behind running queries and holds up every
query on the table while it waits: set a `lock_timeout`.

Columns of tables created earlier in the same file are not reported, nor columns the
catalog knows to be nullable already (added without NOT NULL by an earlier statement):
there DROP NOT NULL changes nothing. Nor a column that a later statement of the same
transaction drops: `compat-drop-column` reports that.

## Example
```sql
ALTER TABLE orders ALTER COLUMN shipping_address_id DROP NOT NULL;
```

## Use instead
First deploy code that handles a NULL in the column wherever it reads it; then drop the
constraint, with a lock_timeout, and mark it as intended:
```sql
SET lock_timeout = '2s';
-- zerodown-ignore: compat-drop-not-null -- readers handle NULL since release 42
ALTER TABLE orders ALTER COLUMN shipping_address_id DROP NOT NULL;
```
Dropping NOT NULL on a column the new code no longer writes, as the first step of
removing it, is this case too: the old code must not read it either.
)md";

void check(const RuleContext& ctx) {
  for_each_alter_subcommand(ctx, [&](const AlterSubcommand& sub) {
    if (sub.subtype != "AT_DropNotNull") return;
    const auto column = sub.command.str("name");
    const QualifiedName& table = sub.table.relation;
    // A column the catalog knows to be nullable already: the statement changes nothing.
    const ColumnState* known = ctx.catalog().column(table, column, ctx.sequence(sub.statement));
    if ((known && !known->not_null) || ctx.is_new(table, sub.statement)) return;
    // Dropped later in the transaction: compat-drop-column speaks for the column.
    if (column_dropped_after(ctx, sub.statement, table, column)) return;
    Finding& f = ctx.report(
        sub.statement, sub.span,
        fmt::format("DROP NOT NULL on {}.{} lets NULLs into a column the application version "
                    "still running reads as never NULL; the {} lock it takes is brief but "
                    "queues behind running queries, holding up every query on {}",
                    table.display(), column, lock_mode_name(sub.action.mode), table.name),
        fmt::format("First deploy code that handles NULL in {0} wherever it reads it; then run "
                    "SET lock_timeout = '2s'; ALTER TABLE {1} ALTER COLUMN {0} DROP NOT NULL; "
                    "under a `-- zerodown-ignore: compat-drop-not-null -- <why>` comment.",
                    quote_identifier(column), table.sql()));
    ctx.attach_locks(f, sub.statement);
  });
}

}  // namespace

extern const RuleInfo compat_drop_not_null{
    .id = "compat-drop-not-null",
    .category = Category::Compat,
    .severity = Severity::Warning,
    .enabled_by_default = true,
    .summary = "DROP NOT NULL lets NULLs into a column the running application version reads "
               "as never NULL.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
