// lock-truncate: TRUNCATE takes ACCESS EXCLUSIVE and is not MVCC-safe.
#include <fmt/format.h>

#include "lint/rule.hpp"
#include "model/spans.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
`TRUNCATE` takes an **ACCESS EXCLUSIVE** lock on every table it names (with CASCADE, on
the referencing tables too). It is quick once granted, but the request queues behind
running queries and blocks all reads and writes while it waits. It is also not
MVCC-safe: a transaction that started earlier sees the table empty afterwards.

## Example
```sql
TRUNCATE audit_events;
```

## Use instead
If the data must go, delete it in batches (`DELETE … WHERE id IN (SELECT … LIMIT n)`),
or swap in a new empty table. If TRUNCATE is right, set a short `lock_timeout` and retry.
)md";

void check(const RuleContext& ctx) {
  for (const Statement& s : ctx.statements()) {
    if (!s.is("TruncateStmt")) continue;
    std::string tables;
    for (const auto& l : ctx.locks(s).locks) {
      if (ctx.on_existing(l, s)) tables += (tables.empty() ? "" : ", ") + l.relation.display();
    }
    if (tables.empty()) continue;
    Finding& f = ctx.report(
        s, first_line(ctx.migration(), s),
        fmt::format("TRUNCATE {} takes an ACCESS EXCLUSIVE lock: while it waits behind running "
                    "queries it blocks every read and write, and older transactions then see the "
                    "table empty",
                    tables),
        "Delete in batches, or swap in a new table; if TRUNCATE is intended, set a short "
        "lock_timeout and retry.");
    ctx.attach_locks(f, s);
  }
}

}  // namespace

extern const RuleInfo lock_truncate{
    .id = "lock-truncate",
    .category = Category::Lock,
    .severity = Severity::Warning,
    .enabled_by_default = true,
    .summary = "TRUNCATE queues for an ACCESS EXCLUSIVE lock and is not MVCC-safe.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
