// lock-trigger: CREATE/DROP TRIGGER and ENABLE/DISABLE TRIGGER lock the table.
#include <fmt/format.h>

#include "analysis/already_locked.hpp"
#include "lint/alter_table_walk.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
`CREATE TRIGGER` and `ALTER TABLE … ENABLE/DISABLE TRIGGER` take **SHARE ROW EXCLUSIVE**
on the table (writes wait, reads continue); `DROP TRIGGER` takes **ACCESS EXCLUSIVE**
(reads wait too). Each is brief once granted, but queues behind running queries and
holds up all traffic of that kind while it waits, and the lock lasts until the
transaction ends.

## Example
```sql
CREATE TRIGGER orders_audit AFTER UPDATE ON orders
  FOR EACH ROW EXECUTE FUNCTION audit_row();
```

## Use instead
Set a short `lock_timeout` and retry, keep the transaction to this one statement, and
create the trigger function in an earlier statement (it takes no table lock). With a
`lock_timeout` in force the queueing is bounded and the rule stays quiet; so it does when
an earlier statement of the same transaction already holds the table at that mode or
stronger (`DROP TRIGGER` then `CREATE TRIGGER`): nothing queues a second time.
)md";

void report(const RuleContext& ctx, const Statement& s, ByteSpan span, std::string_view what,
            const RelationLock& table) {
  // The queue is bounded, or there is none: the transaction already holds the lock.
  if (ctx.at(s).lock_timeout || already_locked(ctx, s, table)) return;
  Finding& f = ctx.report(
      s, span,
      fmt::format("{} locks {} in {} mode, blocking {} while it waits and until the "
                  "transaction ends",
                  what, table.relation.display(), lock_mode_name(table.mode),
                  blocks_short(blocks(table.mode))),
      "Set a short lock_timeout and retry, and keep this statement in a transaction of its own.");
  ctx.attach_locks(f, s);
}

void check(const RuleContext& ctx) {
  for (const Statement& s : ctx.statements()) {
    const bool create = s.is("CreateTrigStmt");
    const bool drop = s.is("DropStmt") && s.node.str("removeType") == "OBJECT_TRIGGER";
    if (!create && !drop) continue;
    if (const RelationLock* table = ctx.lock_on_existing(s, RelationRole::Table)) {
      report(ctx, s, first_line(ctx.migration(), s), create ? "CREATE TRIGGER" : "DROP TRIGGER",
             *table);
    }
  }
  for_each_alter_subcommand(ctx, [&](const AlterSubcommand& sub) {
    if (sub.subtype.find("Trig") == std::string_view::npos) return;
    report(ctx, sub.statement, sub.span,
           sub.subtype.starts_with("AT_Enable") ? "ENABLE TRIGGER" : "DISABLE TRIGGER", sub.table);
  });
}

}  // namespace

extern const RuleInfo lock_trigger{
    .id = "lock-trigger",
    .category = Category::Lock,
    .severity = Severity::Warning,
    .enabled_by_default = true,
    .summary = "CREATE, DROP, ENABLE or DISABLE TRIGGER queues for a lock that blocks writes (or "
               "reads) on the table.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
