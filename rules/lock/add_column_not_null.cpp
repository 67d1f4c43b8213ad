// lock-add-column-not-null: ADD COLUMN … NOT NULL without a DEFAULT on an existing table.
#include <fmt/format.h>

#include "lint/rule.hpp"
#include "locks/column_definition.hpp"
#include "lint/alter_table_walk.hpp"
#include "parse/quote.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
A new column holds NULL in every existing row, so `ADD COLUMN … NOT NULL` without a
`DEFAULT` **fails at once** on any table that has a row ("column … contains null
values"). It succeeds only on an empty table — typically in development and CI, which is
why it breaks on the first deploy to production.

zerodown stays quiet when the migration emptied the table first (`TRUNCATE`, or `DELETE`
without `WHERE`, and no `INSERT` since).

## Example
```sql
ALTER TABLE users ADD COLUMN email text NOT NULL;
```

## Use instead
When one value fits every existing row, give it as the default — on PostgreSQL 11 and
later a constant default is stored in the catalog and nothing is rewritten:
```sql
ALTER TABLE users ADD COLUMN email text NOT NULL DEFAULT '';
```
Otherwise add the column nullable, backfill it in batches, then enforce it without a
long lock:
```sql
ALTER TABLE users ADD COLUMN email text;
-- backfill in batches, then:
ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;  -- no scan on PostgreSQL 12+
```
)md";

void check(const RuleContext& ctx) {
  for_each_alter_subcommand(ctx, [&](const AlterSubcommand& sub) {
    if (sub.subtype != "AT_AddColumn") return;
    const ColumnDefinition c = read_column_definition(sub.command.child("def"));
    if (!c.not_null || c.default_expression || c.serial || c.identity || c.generated_stored) {
      return;
    }
    // TRUNCATE or DELETE without WHERE earlier in the migration: no row to fail on.
    if (ctx.catalog().emptied(sub.table.relation, ctx.sequence(sub.statement))) return;
    Finding& f = ctx.report(
        sub.statement, sub.span,
        fmt::format("ADD COLUMN {} NOT NULL without a DEFAULT fails on {} as soon as it has a "
                    "row (\"column contains null values\"); it only succeeds on an empty table",
                    c.name, sub.table.relation.display()),
        fmt::format("Give a DEFAULT that fits every existing row (no rewrite on PostgreSQL 11+), "
                    "or add {0} nullable, backfill it in batches, add CHECK ({0} IS NOT NULL) NOT "
                    "VALID, VALIDATE it, then SET NOT NULL.",
                    quote_identifier(c.name)));
    ctx.attach_locks(f, sub.statement);
  });
}

}  // namespace

extern const RuleInfo lock_add_column_not_null{
    .id = "lock-add-column-not-null",
    .category = Category::Lock,
    .severity = Severity::Error,
    .enabled_by_default = true,
    .summary = "ADD COLUMN … NOT NULL without a DEFAULT fails on any existing table that has rows.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
