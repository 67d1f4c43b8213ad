// compat-drop-column: DROP COLUMN breaks the application version still running.
#include <fmt/format.h>

#include "analysis/name_takeover.hpp"
#include "analysis/transactions.hpp"
#include "lint/alter_table_walk.hpp"
#include "lint/rule.hpp"
#include "parse/quote.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
During a deploy the old version of the application keeps serving traffic, and it still
reads and writes the column: from the moment the drop commits, its queries that name the
column fail, and ORMs that select every column (`SELECT *`, cached column lists) fail on
any query of the table. The ACCESS EXCLUSIVE lock it takes is brief, but it queues.

When the same transaction puts another column under the name (`DROP COLUMN c, ADD
COLUMN c jsonb`, or renaming a copy to `c`), the queries keep working but read and write
the new column: another type, and none of the old values that were not copied. That is
reported too, saying so. A column added earlier in the same file is not reported.

## Example
```sql
ALTER TABLE users DROP COLUMN name;
```

## Use instead
Expand and contract: first deploy application code that no longer reads or writes the
column (Rails `ignored_columns`, Django `SeparateDatabaseAndState`, removing it from
the model), and drop the column in a later migration, after that code is everywhere.
Then mark the drop as intended:
```sql
-- zerodown-ignore: compat-drop-column -- code stopped using users.name in release 42
ALTER TABLE users DROP COLUMN name;
```
)md";

// "this statement" or "the statement on line N".
std::string where(const RuleContext& ctx, const Statement& drop, const Statement& other) {
  return other.index == drop.index ? std::string("this statement")
                                   : fmt::format("the statement on line {}", line_of(ctx, other));
}

void check(const RuleContext& ctx) {
  for_each_alter_subcommand(ctx, [&](const AlterSubcommand& sub) {
    if (sub.subtype != "AT_DropColumn") return;
    const auto column = sub.command.str("name");
    const QualifiedName& table = sub.table.relation;
    if (ctx.is_new(table, sub.statement) ||
        ctx.catalog().column_in_review(table, column, ctx.sequence(sub.statement))) {
      return;
    }
    const Statement* successor = column_taken_over(ctx, sub.statement, table, column);
    Finding& f =
        successor
            ? ctx.report(sub.statement, sub.span,
                         fmt::format("DROP COLUMN {} replaces {}.{} by the column {} puts in "
                                     "its place: the application version still running keeps "
                                     "querying {} but gets the new column, of its type and "
                                     "without the old values unless they were copied",
                                     column, table.display(), column,
                                     where(ctx, sub.statement, *successor), column),
                         fmt::format("Change the type in place (ALTER COLUMN {0} TYPE … USING "
                                     "…, a rewrite) or expand and contract: add the new column "
                                     "under another name, backfill it in batches, move the "
                                     "code to it, then drop {0} in a later migration.",
                                     quote_identifier(column)))
            : ctx.report(sub.statement, sub.span,
                         fmt::format("DROP COLUMN {} breaks the application version still "
                                     "running: its queries on {}.{} fail as soon as this "
                                     "commits",
                                     column, table.display(), column),
                         fmt::format("First deploy code that no longer reads or writes {}, then "
                                     "drop it in a later migration (and say so with a "
                                     "zerodown-ignore comment).",
                                     quote_identifier(column)));
    ctx.attach_locks(f, sub.statement);
  });
}

}  // namespace

extern const RuleInfo compat_drop_column{
    .id = "compat-drop-column",
    .category = Category::Compat,
    .severity = Severity::Warning,
    .enabled_by_default = true,
    .summary = "DROP COLUMN breaks the application version that is still running and uses it.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
