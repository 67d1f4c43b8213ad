// lock-table-rewrite: VACUUM FULL, CLUSTER, SET LOGGED/UNLOGGED, SET TABLESPACE,
// SET ACCESS METHOD — statements whose purpose is to rewrite the table.
#include <fmt/format.h>

#include "lint/alter_table_walk.hpp"
#include "model/spans.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
These statements write a new copy of the whole table (and rebuild its indexes) while
holding an **ACCESS EXCLUSIVE** lock: every read and write waits until the copy is done.
- `VACUUM FULL` and `CLUSTER … USING` compact or reorder the table;
- `ALTER TABLE … SET LOGGED` / `SET UNLOGGED` rewrite it to change WAL logging;
- `ALTER TABLE … SET TABLESPACE` copies its files;
- `ALTER TABLE … SET ACCESS METHOD` (PostgreSQL 15+) rewrites it into the new method.

## Example
```sql
VACUUM FULL orders;
```

## Use instead
Reclaim space online with `pg_repack` or `pg_squeeze`, or by copying into a new table
and swapping; move data between tablespaces or access methods the same way. Otherwise
schedule a maintenance window.
)md";

void report(const RuleContext& ctx, const Statement& s, ByteSpan span, std::string_view what,
            std::string_view target) {
  Finding& f = ctx.report(
      s, span,
      fmt::format("{} rewrites {} and its indexes under an ACCESS EXCLUSIVE lock that blocks "
                  "reads and writes until the copy is done",
                  what, target),
      "Use an online tool (pg_repack, pg_squeeze) or copy into a new table and swap, or run it "
      "in a maintenance window.");
  ctx.attach_locks(f, s);
}

void check(const RuleContext& ctx) {
  for (const Statement& s : ctx.statements()) {
    if (!s.is("VacuumStmt") && !s.is("ClusterStmt")) continue;
    if (ctx.locks(s).rewrite() != Tri::Yes) continue;
    const std::string_view what = s.is("VacuumStmt") ? "VACUUM FULL" : "CLUSTER";
    if (const RelationLock* table = ctx.lock_on_existing(s, RelationRole::Table)) {
      report(ctx, s, first_line(ctx.migration(), s), what, table->relation.display());
    } else if (ctx.locks(s).locks.empty()) {  // no table named: the whole database
      report(ctx, s, first_line(ctx.migration(), s), what,
             s.is("VacuumStmt") ? "every table of the database" : "every clustered table");
    }
  }
  for_each_alter_subcommand(ctx, [&](const AlterSubcommand& sub) {
    const auto t = sub.subtype;
    if (t != "AT_SetLogged" && t != "AT_SetUnLogged" && t != "AT_SetTableSpace" &&
        t != "AT_SetAccessMethod") {
      return;
    }
    const std::string what = t == "AT_SetLogged"       ? "SET LOGGED"
                             : t == "AT_SetUnLogged"   ? "SET UNLOGGED"
                             : t == "AT_SetTableSpace" ? "SET TABLESPACE"
                                                       : "SET ACCESS METHOD";
    report(ctx, sub.statement, sub.span, what, sub.table.relation.display());
  });
}

}  // namespace

extern const RuleInfo lock_table_rewrite{
    .id = "lock-table-rewrite",
    .category = Category::Lock,
    .severity = Severity::Error,
    .enabled_by_default = true,
    .summary = "VACUUM FULL, CLUSTER, SET LOGGED/UNLOGGED, SET TABLESPACE and SET ACCESS METHOD "
               "rewrite the table under an ACCESS EXCLUSIVE lock.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
