// compat-drop-column: DROP COLUMN breaks the application version still running.
#include <fmt/format.h>

#include "lint/rule.hpp"
#include "lint/alter_table_walk.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
During a deploy the old version of the application keeps serving traffic, and it still
reads and writes the column: from the moment the drop commits, its queries that name the
column fail, and ORMs that select every column (`SELECT *`, cached column lists) fail on
any query of the table. The ACCESS EXCLUSIVE lock it takes is brief, but it queues.

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

void check(const RuleContext& ctx) {
  for_each_alter_subcommand(ctx, [&](const AlterSubcommand& sub) {
    if (sub.subtype != "AT_DropColumn") return;
    const auto column = sub.command.str("name");
    Finding& f = ctx.report(
        sub.statement, sub.span,
        fmt::format("DROP COLUMN {} breaks the application version still running: its "
                    "queries on {}.{} fail as soon as this commits",
                    column, sub.table.relation.display(), column),
        fmt::format("First deploy code that no longer reads or writes {}, then drop it in a "
                    "later migration (and say so with a zerodown-ignore comment).",
                    column));
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
