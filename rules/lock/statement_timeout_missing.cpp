// lock-statement-timeout-missing: a long statement under a lock that blocks reads or
// writes, with no statement_timeout to bound the outage.
#include <fmt/format.h>

#include "analysis/slow_statement.hpp"
#include "lint/rule.hpp"
#include "model/spans.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
A statement that scans, rewrites or builds an index while holding a lock that blocks
reads or writes keeps the table blocked for as long as the table needs. Without a
`statement_timeout`, a table far bigger than expected means an outage with no bound.

Reported once per file, at the first such statement with no non-zero
`statement_timeout` in force. Off by default: most teams prefer to avoid the blocking
statement itself (see the `lock-*` rule that reports it). Not reported for operations
that do not block reads or writes — `CREATE INDEX CONCURRENTLY`, `VALIDATE CONSTRAINT`,
`REFRESH … CONCURRENTLY` — where a timeout only leaves an invalid index or a wasted
scan behind (see `lock-concurrent-statement-timeout`), nor for an index built on a
materialized view: its lock blocks only `REFRESH`, and reads go on.

## Example
```sql
ALTER TABLE events ALTER COLUMN id TYPE bigint;
```

## Use instead
```sql
SET statement_timeout = '15min';
ALTER TABLE events ALTER COLUMN id TYPE bigint;
```
)md";

void check(const RuleContext& ctx) {
  for (const Statement& s : ctx.statements()) {
    // DML takes no lock that blocks others' reads or writes of the table.
    const bool application_mode = s.is("UpdateStmt") || s.is("DeleteStmt") ||
                                  s.is("InsertStmt") || s.is("CreateTableAsStmt");
    if (ctx.at(s).statement_timeout || application_mode) continue;
    const RelationLock* lock = ctx.strongest_blocking_traffic(s);
    if (!lock) continue;
    const Slowness slow = slowness_of(ctx, s);
    if (!slow.slow) continue;
    Finding& f = ctx.report(
        s, first_line(ctx.migration(), s),
        fmt::format("{} blocks {} for as long as the table needs, with no statement_timeout to "
                    "bound it",
                    slow.what, blocks_short(blocks(lock->mode))),
        "Set a statement_timeout that bounds the outage you accept (SET statement_timeout = "
        "'…';), or avoid the blocking form of the statement.");
    ctx.attach_locks(f, s);
    return;
  }
}

}  // namespace

extern const RuleInfo lock_statement_timeout_missing{
    .id = "lock-statement-timeout-missing",
    .category = Category::Lock,
    .severity = Severity::Warning,
    .enabled_by_default = false,
    .summary = "A scan, rewrite or index build under a lock that blocks reads or writes runs "
               "with no statement_timeout.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
