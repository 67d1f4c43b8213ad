// lock-refresh-matview: REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks its readers.
#include <fmt/format.h>

#include "lint/rule.hpp"
#include "model/spans.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
`REFRESH MATERIALIZED VIEW` runs the view's query again in full and swaps in the result
while holding an **ACCESS EXCLUSIVE** lock on the view: every read of the view waits for
the whole refresh.

## Example
```sql
REFRESH MATERIALIZED VIEW daily_totals;
```

## Use instead
```sql
REFRESH MATERIALIZED VIEW CONCURRENTLY daily_totals;
```
It takes an EXCLUSIVE lock, which lets plain reads go on, and applies the difference. It
needs a unique index on the view (without a WHERE clause, on column names only).

## Fix safety
The fix inserts `CONCURRENTLY`. It is unsafe: it fails if the view has no suitable unique
index, and it fails on a view that was never populated.
)md";

void check(const RuleContext& ctx) {
  for (const Statement& s : ctx.statements()) {
    if (!s.is("RefreshMatViewStmt") || s.node.flag("concurrent")) continue;
    const RelationLock* view = ctx.lock_on_existing(s, RelationRole::MaterializedView);
    if (!view) continue;
    const bool no_data = s.node.flag("skipData");
    Finding& f = ctx.report(
        s, first_line(ctx.migration(), s),
        no_data ? fmt::format("REFRESH MATERIALIZED VIEW {} WITH NO DATA takes an ACCESS EXCLUSIVE "
                              "lock and leaves the view unreadable (\"has not been populated\") "
                              "until the next refresh",
                              view->relation.display())
                : fmt::format("REFRESH MATERIALIZED VIEW {} holds an ACCESS EXCLUSIVE lock that "
                              "blocks every read of the view until its query has run again in "
                              "full",
                              view->relation.display()),
        "Use REFRESH MATERIALIZED VIEW CONCURRENTLY (it needs a unique index on the view): "
        "reads continue during the refresh.");
    ctx.attach_locks(f, s);
    if (const auto kw = keyword_span(ctx.migration(), s, "view")) {
      f.fixes.push_back({"Refresh CONCURRENTLY", false, {{{kw->end, kw->end}, " CONCURRENTLY"}}});
    }
  }
}

}  // namespace

extern const RuleInfo lock_refresh_matview{
    .id = "lock-refresh-matview",
    .category = Category::Lock,
    .severity = Severity::Error,
    .enabled_by_default = true,
    .summary = "REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks every read of the view "
               "while its query reruns.",
    .docs = kDocs,
    .fixable = true,
    .check = check,
};

}  // namespace zd::rules
