// lock-drop-index: DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on its table.
#include <fmt/format.h>

#include "lint/rule.hpp"
#include "model/spans.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
`DROP INDEX` takes an **ACCESS EXCLUSIVE** lock on the index's table. The drop itself is
fast, but the lock request queues behind every running query on the table, and while it
waits every new read and write queues behind it.

## Example
```sql
DROP INDEX idx_orders_status;
```

## Use instead
```sql
DROP INDEX CONCURRENTLY idx_orders_status;
```
It takes SHARE UPDATE EXCLUSIVE and waits for running transactions instead of blocking
them. It cannot run inside a transaction block, drops one index per statement, and does
not accept CASCADE. A cancelled `DROP INDEX CONCURRENTLY` can simply be run again.

## Fix safety
The fix inserts `CONCURRENTLY` for a single index without CASCADE. It is safe outside a
transaction block and unsafe inside one (the statement would fail there).
)md";

void check(const RuleContext& ctx) {
  for (const Statement& s : ctx.statements()) {
    if (!s.is("DropStmt") || s.node.str("removeType") != "OBJECT_INDEX" ||
        s.node.flag("concurrent")) {
      continue;
    }
    const RelationLock* index = ctx.lock_on_existing(s, RelationRole::Index);
    if (!index) continue;
    const size_t count = s.node.list("objects").size();
    const bool cascade = s.node.str("behavior") == "DROP_CASCADE";
    Finding& f = ctx.report(
        s, first_line(ctx.migration(), s),
        fmt::format("DROP INDEX {} takes an ACCESS EXCLUSIVE lock on its table: brief once "
                    "granted, but while it waits behind running queries it blocks every read and "
                    "write on the table",
                    count == 1 ? index->relation.display() : fmt::format("({} indexes)", count)),
        count == 1 && !cascade
            ? "Use DROP INDEX CONCURRENTLY, outside a transaction block."
            : "Use one DROP INDEX CONCURRENTLY per index, without CASCADE, outside a "
              "transaction block.");
    ctx.attach_locks(f, s);
    if (count == 1 && !cascade) {
      if (const auto kw = keyword_span(ctx.migration(), s, "index")) {
        f.fixes.push_back({"Drop the index CONCURRENTLY", !ctx.at(s).in_transaction(),
                           {{{kw->end, kw->end}, " CONCURRENTLY"}}});
      }
    }
  }
}

}  // namespace

extern const RuleInfo lock_drop_index{
    .id = "lock-drop-index",
    .category = Category::Lock,
    .severity = Severity::Warning,
    .enabled_by_default = true,
    .summary = "DROP INDEX without CONCURRENTLY queues for an ACCESS EXCLUSIVE lock on the table.",
    .docs = kDocs,
    .fixable = true,
    .check = check,
};

}  // namespace zd::rules
