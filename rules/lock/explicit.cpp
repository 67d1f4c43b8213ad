// lock-explicit: LOCK TABLE in a mode that blocks reads or writes.
#include <fmt/format.h>

#include "analysis/already_locked.hpp"
#include "lint/rule.hpp"
#include "model/spans.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
`LOCK TABLE` takes the mode it names — **ACCESS EXCLUSIVE** by default — and holds it until
the transaction ends: every statement after it in the transaction runs with the table
blocked. Modes from SHARE upwards block writes; ACCESS EXCLUSIVE blocks reads too. Weaker
modes (ACCESS SHARE, ROW SHARE, ROW EXCLUSIVE, SHARE UPDATE EXCLUSIVE) are not reported,
and neither is a table an earlier statement of the same transaction already holds at that
mode or stronger: the LOCK changes nothing there.

## Example
```sql
BEGIN;
LOCK TABLE accounts;
UPDATE accounts SET balance = 0 WHERE id = 1;
COMMIT;
```

## Use instead
Take the weakest mode that protects what the migration needs, as late as possible, with
a short `lock_timeout`, and keep the transaction short.
)md";

void check(const RuleContext& ctx) {
  for (const Statement& s : ctx.statements()) {
    if (!s.is("LockStmt")) continue;
    const RelationLock* table = ctx.lock_on_existing(s, RelationRole::Table);
    if (!table || blocks(table->mode) < Blocks::Writes) continue;
    std::string tables;
    for (const auto& l : ctx.locks(s).locks) {
      if (ctx.on_existing(l, s) && !already_locked(ctx, s, l)) {
        tables += (tables.empty() ? "" : ", ") + l.relation.display();
      }
    }
    if (tables.empty()) continue;  // the transaction holds these locks already
    Finding& f = ctx.report(
        s, first_line(ctx.migration(), s),
        fmt::format("LOCK TABLE {} IN {} MODE blocks {} on {} until the transaction ends", tables,
                    lock_mode_name(table->mode), blocks_short(blocks(table->mode)),
                    tables.find(',') == std::string::npos ? "the table" : "those tables"),
        "Use the weakest mode that is enough, take it as late as possible, keep the transaction "
        "short and set a lock_timeout.");
    ctx.attach_locks(f, s);
  }
}

}  // namespace

extern const RuleInfo lock_explicit{
    .id = "lock-explicit",
    .category = Category::Lock,
    .severity = Severity::Warning,
    .enabled_by_default = true,
    .summary = "LOCK TABLE in a mode that blocks writes or reads, held until the transaction "
               "ends.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
