// lock-concurrent-statement-timeout: a finite statement_timeout cancels CONCURRENTLY
// builds and leaves an INVALID index behind.
#include <fmt/format.h>

#include "lint/rule.hpp"
#include "model/spans.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
`CREATE INDEX CONCURRENTLY` and `REINDEX … CONCURRENTLY` first wait for older transactions,
then build for as long as the table needs. A `statement_timeout` that cancels them leaves
an **INVALID** index behind: it costs every write and helps no read. A re-run with
`IF NOT EXISTS` then reports success with the invalid index still there; without it, the
re-run fails.

These builds do not block reads or writes, so there is no outage for a timeout to bound.

## Example
```sql
SET statement_timeout = '30s';
CREATE INDEX CONCURRENTLY idx_events_created ON events (created_at);
```

## Use instead
```sql
SET statement_timeout = 0;          -- for the build only; keep lock_timeout
CREATE INDEX CONCURRENTLY idx_events_created ON events (created_at);
```
and before a retry, `DROP INDEX CONCURRENTLY IF EXISTS` the invalid index.
)md";

void check(const RuleContext& ctx) {
  for (const Statement& s : ctx.statements()) {
    const bool build = (s.is("IndexStmt") && s.node.flag("concurrent")) ||
                       (s.is("ReindexStmt") &&
                        ctx.locks(s).strongest() == LockMode::ShareUpdateExclusive);
    if (!build || !ctx.at(s).statement_timeout) continue;
    Finding& f = ctx.report(
        s, first_line(ctx.migration(), s),
        "a statement_timeout is in force for this CONCURRENTLY build: if it fires, the build is "
        "cancelled and leaves an INVALID index that slows every write and is skipped by reads",
        "SET statement_timeout = 0 before this statement (keep lock_timeout), and drop an "
        "invalid index from a failed run before retrying.");
    ctx.attach_locks(f, s);
  }
}

}  // namespace

extern const RuleInfo lock_concurrent_statement_timeout{
    .id = "lock-concurrent-statement-timeout",
    .category = Category::Lock,
    .severity = Severity::Warning,
    .enabled_by_default = true,
    .summary = "A statement_timeout can cancel a CONCURRENTLY index build and leave an INVALID "
               "index behind.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
