// compat-drop-table: DROP TABLE of a table that existed before the migration.
#include <fmt/format.h>

#include <map>

#include "analysis/batching.hpp"
#include "analysis/name_takeover.hpp"
#include "lint/rule.hpp"
#include "model/spans.hpp"
#include "parse/quote.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
During a deploy the old version of the application keeps serving traffic and still
queries the table: from the moment the drop commits, each of those queries fails with
"relation does not exist" — and the data is gone, with no way back but a restore.
`CASCADE` also drops the views and foreign keys that depend on the table. The ACCESS
EXCLUSIVE lock it takes (on the table, and on every table its foreign keys reference)
is brief, but it queues behind running queries and holds up every query on them while
it waits.

Tables created earlier in the same file are not reported, nor the clean-up of a scratch
table that the file then creates as `TEMPORARY`, nor the migration runners' own
bookkeeping tables (`schema_migrations`, `schema_info` …, no application reads them), nor
the old table of a swap: a drop followed, in the same transaction, by a view or the
renamed replacement taking over its name (`DROP TABLE t; ALTER TABLE t_new RENAME TO t;`).

## Example
```sql
DROP TABLE legacy_sessions;
```

## Use instead
Expand and contract: first deploy application code that no longer uses the table, and
drop it in a later migration once that code runs everywhere (keep a backup, or rename
it away first and drop it a release later). Then mark the drop as intended:
```sql
-- zerodown-ignore: compat-drop-table -- nothing reads legacy_sessions since release 42
DROP TABLE legacy_sessions;
```
)md";

// `DROP TABLE IF EXISTS t; CREATE TEMP TABLE t …`: clearing the session's scratch table.
// The last statement of the file creating a temporary table of each name: a DROP TABLE
// before it that the file recreates as temporary is a scratch table, not the application's.
std::map<std::string_view, uint32_t> temporary_tables(const RuleContext& ctx) {
  std::map<std::string_view, uint32_t> last;
  for (const Statement& s : ctx.statements()) {
    const Node rel = s.is("CreateStmt")          ? s.node.child("relation")
                     : s.is("CreateTableAsStmt") ? s.node.child("into").child("rel")
                                                 : Node{};
    if (rel && rel.str("relpersistence") == "t") last[rel.str("relname")] = s.index;
  }
  return last;
}

void check(const RuleContext& ctx) {
  const auto temporary = temporary_tables(ctx);
  for (const Statement& s : ctx.statements()) {
    if (!s.is("DropStmt") || s.node.str("removeType") != "OBJECT_TABLE") continue;
    const bool cascade = s.node.str("behavior") == "DROP_CASCADE";
    size_t i = 0;
    for (const Node object : s.node.list("objects")) {
      const size_t index = i++;
      const QualifiedName table = name_of_list(object.list("items"));
      const auto recreated = temporary.find(table.name);
      if (ctx.is_new(table, s) ||
          (recreated != temporary.end() && recreated->second > s.index) ||
          is_runner_bookkeeping_table(table.name)) {
        continue;
      }
      // A swap: the replacement (filled beforehand) or a view answers to the name when this
      // commits. A plain CREATE TABLE under the name is still reported: its rows are gone.
      const Statement* successor = name_taken_over(ctx, s, table);
      if (successor && (successor->is("ViewStmt") || relation_move(*successor))) continue;
      Finding& f = ctx.report(
          s, drop_object_span(ctx.migration(), s, index),
          fmt::format("DROP TABLE {} breaks the application version still running: its queries "
                      "on {} fail as soon as this commits, and the table's data is gone{}",
                      table.display(), table.name,
                      cascade ? " (CASCADE also drops the views and foreign keys that depend "
                                "on it)"
                              : ""),
          fmt::format("First deploy code that no longer uses {}; then, in a later migration, "
                      "DROP TABLE {}; under a `-- zerodown-ignore: compat-drop-table -- <why>` "
                      "comment.",
                      quote_identifier(table.name), table.sql()));
      ctx.attach_locks(f, s);
    }
  }
}

}  // namespace

extern const RuleInfo compat_drop_table{
    .id = "compat-drop-table",
    .category = Category::Compat,
    .severity = Severity::Warning,
    .enabled_by_default = true,
    .summary = "DROP TABLE of an existing table breaks the application version that is still "
               "running and destroys its data.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
