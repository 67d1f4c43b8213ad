// lock-timeout-missing: a lock that blocks reads or writes requested with no lock_timeout.
#include <fmt/format.h>

#include "lint/rule.hpp"
#include "model/spans.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
Lock requests queue. A statement that needs a lock blocking reads or writes (ACCESS
EXCLUSIVE, EXCLUSIVE, SHARE ROW EXCLUSIVE, SHARE) waits behind any transaction already
using the table — and while it waits, every new query on the table waits behind *it*.
Even an ALTER that takes a millisecond once granted can take the table offline for as
long as the longest running query. `lock_timeout` turns that outage into a quick,
retryable failure.

zerodown reports this **once per file**, at the first statement that takes such a lock
on an existing table while no non-zero `lock_timeout` is in force, and counts the others.
`SET lock_timeout`, `SET LOCAL lock_timeout` (until the end of its transaction) and
`SELECT set_config('lock_timeout', …, …)` all count; a `lock_timeout` of 0 disables it.
Statements on tables created earlier in the same file are not counted, nor are locks on a
materialized view that block only writes (`CREATE INDEX` on one): only `REFRESH` writes a
materialized view, and reads go on.

## Example
```sql
ALTER TABLE users ADD COLUMN nickname text;
```

## Use instead
```sql
SET lock_timeout = '5s';
ALTER TABLE users ADD COLUMN nickname text;
```
and let the deploy retry the migration when it times out.

## Fix safety
The fix inserts `SET lock_timeout = '5s';` before the file's first statement. It is
unsafe: the migration can now fail with a lock timeout and must be retried.
)md";

// What the application sees blocked: an index's lock stops its table's queries.
std::string blocked_text(const RelationLock& l) {
  if (l.role == RelationRole::Index) return "the table of index " + l.relation.display();
  if (l.role == RelationRole::Unresolved) return "it";
  return l.relation.name;
}

void check(const RuleContext& ctx) {
  const Statement* first = nullptr;
  const RelationLock* first_lock = nullptr;
  size_t count = 0;
  for (const Statement& s : ctx.statements()) {
    if (s.error || ctx.at(s).lock_timeout) continue;
    const RelationLock* lock = ctx.strongest_blocking_traffic(s);
    if (!lock) continue;
    if (!first) first = &s, first_lock = lock;
    ++count;
  }
  if (!first) return;
  const std::string others =
      count > 1 ? fmt::format(" ({} statements in this file take such locks without a "
                              "lock_timeout; this is the first)",
                              count)
                : "";
  Finding& f = ctx.report(
      *first, first_line(ctx.migration(), *first),
      fmt::format("{} lock on {} is requested with no lock_timeout: while it waits behind "
                  "running queries, it blocks {} on {} for everyone{}",
                  lock_mode_name(first_lock->mode), first_lock->what(),
                  blocks_short(blocks(first_lock->mode)),
                  blocked_text(*first_lock),
                  others),
      "Start the migration with SET lock_timeout = '5s'; (SET LOCAL inside a transaction) so a "
      "blocked lock request fails fast, and retry the migration.");
  ctx.attach_locks(f, *first);
  const Statement& top = ctx.statements().front();
  // Keep the file's own line ends.
  const bool crlf = ctx.migration().text().find("\r\n") != std::string_view::npos;
  f.fixes.push_back({"Set a lock_timeout at the start of the file", false,
                     {{{top.span.begin, top.span.begin},
                       crlf ? "SET lock_timeout = '5s';\r\n" : "SET lock_timeout = '5s';\n"}}});
}

}  // namespace

extern const RuleInfo lock_timeout_missing{
    .id = "lock-timeout-missing",
    .category = Category::Lock,
    .severity = Severity::Warning,
    .enabled_by_default = true,
    .summary = "A lock that blocks reads or writes is requested with no lock_timeout, so a "
               "queued request stalls all traffic on the table.",
    .docs = kDocs,
    .fixable = true,
    .check = check,
};

}  // namespace zd::rules
