// lock-add-column-rewrite: ADD COLUMN that rewrites the whole table.
#include <fmt/format.h>

#include "lint/rule.hpp"
#include "locks/column_definition.hpp"
#include "lint/alter_table_walk.hpp"
#include "parse/quote.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
Some new columns cannot be stored in the catalog alone: PostgreSQL writes a new copy of
the table and all of its indexes while holding an **ACCESS EXCLUSIVE** lock, so every
read and write waits for the whole rewrite. That happens for
- a volatile default (`clock_timestamp()`, `random()`, `gen_random_uuid()`, `nextval(…)`),
- `serial`/`bigserial` columns and `GENERATED … AS IDENTITY` columns,
- `GENERATED ALWAYS AS (…) STORED` columns,
- any non-NULL default before PostgreSQL 11.

A constant or stable default (`0`, `-1`, `'x'`, `now()`, `CURRENT_DATE`, `lower('X')`)
does **not** rewrite on PostgreSQL 11 and later, and is not reported.

## Example
```sql
ALTER TABLE events ADD COLUMN uid uuid DEFAULT gen_random_uuid();
```

## Use instead
Add the column without the volatile default, set the default for new rows, and backfill
the existing rows in batches:
```sql
ALTER TABLE events ADD COLUMN uid uuid;
ALTER TABLE events ALTER COLUMN uid SET DEFAULT gen_random_uuid();
-- backfill in batches:
UPDATE events SET uid = gen_random_uuid()
 WHERE id IN (SELECT id FROM events WHERE uid IS NULL LIMIT 1000);
```
)md";

std::string advice(const ColumnDefinition& c, int pg_major) {
  const std::string column = quote_identifier(c.name);
  if (c.serial || c.identity) {
    return fmt::format("Add {} as a nullable bigint, create a sequence and SET DEFAULT "
                       "nextval(…) for new rows, then backfill existing rows in batches.",
                       column);
  }
  if (c.generated_stored) {
    return fmt::format("Add {} as a plain nullable column, keep it filled with a trigger, and "
                       "backfill existing rows in batches.",
                       column);
  }
  if (pg_major < 11) {
    return fmt::format("Add {0} without a default, then ALTER COLUMN {0} SET DEFAULT … (new rows "
                       "only), and backfill existing rows in batches.",
                       column);
  }
  return fmt::format("Add {0} without the volatile default, then ALTER COLUMN {0} SET DEFAULT … "
                     "(new rows only, no rewrite), and backfill existing rows in batches.",
                     column);
}

void check(const RuleContext& ctx) {
  for_each_alter_subcommand(ctx, [&](const AlterSubcommand& sub) {
    if (sub.subtype != "AT_AddColumn" || sub.action.rewrite != Tri::Yes) return;
    const ColumnDefinition c = read_column_definition(sub.command.child("def"));
    Finding& f = ctx.report(
        sub.statement, sub.span,
        fmt::format("ADD COLUMN {} rewrites {} and its indexes under an ACCESS EXCLUSIVE lock "
                    "that blocks reads and writes until the rewrite ends: {}",
                    c.name, sub.table.relation.display(), sub.action.why),
        advice(c, ctx.pg_major()));
    ctx.attach_locks(f, sub.statement);
  });
}

}  // namespace

extern const RuleInfo lock_add_column_rewrite{
    .id = "lock-add-column-rewrite",
    .category = Category::Lock,
    .severity = Severity::Error,
    .enabled_by_default = true,
    .summary = "ADD COLUMN with a volatile default, a serial or identity type or a STORED "
               "generated expression rewrites the table under an ACCESS EXCLUSIVE lock.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
