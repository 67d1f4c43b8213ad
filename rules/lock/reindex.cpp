// lock-reindex: REINDEX without CONCURRENTLY (PostgreSQL 12+ has the concurrent form).
#include <fmt/format.h>

#include "lint/rule.hpp"
#include "model/spans.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
`REINDEX` rebuilds indexes from a full scan while holding a **SHARE** lock on the table
(writes wait) and an **ACCESS EXCLUSIVE** lock on each index (every query that would use
the index waits — in practice most reads).

## Example
```sql
REINDEX INDEX idx_orders_status;
```

## Use instead
```sql
REINDEX INDEX CONCURRENTLY idx_orders_status;
```
Available since PostgreSQL 12 (partitioned tables since 14); it cannot run inside a
transaction block, and if it fails it leaves an invalid `_ccnew` index to drop.

## Fix safety
The fix inserts `CONCURRENTLY`; it is unsafe inside a transaction block.
)md";

void check(const RuleContext& ctx) {
  for (const Statement& s : ctx.statements()) {
    if (!s.is("ReindexStmt") || ctx.locks(s).strongest() == LockMode::ShareUpdateExclusive) {
      continue;
    }
    const auto kind = s.node.str("kind");
    if (kind == "REINDEX_OBJECT_SCHEMA" || kind == "REINDEX_OBJECT_DATABASE" ||
        kind == "REINDEX_OBJECT_SYSTEM") {
      const std::string_view scope = kind.substr(kind.rfind('_') + 1);
      Finding& f = ctx.report(
          s, first_line(ctx.migration(), s),
          fmt::format("REINDEX {} rebuilds every index in it, one table at a time, blocking writes "
                      "to each table and the queries that use its indexes while they rebuild",
                      scope),
          "Reindex the indexes that need it one by one with REINDEX INDEX … CONCURRENTLY, or use "
          "REINDEX … CONCURRENTLY, outside a transaction block.");
      ctx.attach_locks(f, s);
      continue;
    }
    if (kind != "REINDEX_OBJECT_INDEX" && kind != "REINDEX_OBJECT_TABLE") continue;
    const RelationRole role = kind == "REINDEX_OBJECT_INDEX" ? RelationRole::Index
                                                             : RelationRole::Table;
    const RelationLock* target = ctx.lock_on_existing(s, role);
    if (!target) continue;
    Finding& f = ctx.report(
        s, first_line(ctx.migration(), s),
        fmt::format("REINDEX {} {} rebuilds from a full scan while blocking writes to the table "
                    "and every query that uses the rebuilt indexes",
                    role == RelationRole::Index ? "INDEX" : "TABLE", target->relation.display()),
        "Use REINDEX … CONCURRENTLY, outside a transaction block.");
    ctx.attach_locks(f, s);
    const auto object_kw =
        keyword_span(ctx.migration(), s, role == RelationRole::Index ? "index" : "table");
    if (object_kw) {
      f.fixes.push_back({"Rebuild CONCURRENTLY", !ctx.at(s).in_transaction(),
                         {{{object_kw->end, object_kw->end}, " CONCURRENTLY"}}});
    }
  }
}

}  // namespace

extern const RuleInfo lock_reindex{
    .id = "lock-reindex",
    .category = Category::Lock,
    .severity = Severity::Error,
    .enabled_by_default = true,
    .summary = "REINDEX without CONCURRENTLY blocks writes to the table and reads through the "
               "rebuilt indexes.",
    .docs = kDocs,
    .fixable = true,
    .min_pg_version = 12,
    .check = check,
};

}  // namespace zd::rules
