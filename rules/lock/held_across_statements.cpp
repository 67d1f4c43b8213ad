// lock-held-across-statements: a slow statement runs while an earlier statement of the
// same transaction still holds a lock that blocks reads or writes on an existing table.
#include <fmt/format.h>

#include <algorithm>

#include "analysis/held_locks.hpp"
#include "analysis/slow_statement.hpp"
#include "analysis/validate_after_add.hpp"
#include "lint/rule.hpp"
#include "model/spans.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
Locks are held until the transaction ends. When a migration runs as one transaction (the
default of most runners), a lock that blocks reads or writes — ACCESS EXCLUSIVE from an
ALTER TABLE, SHARE from a CREATE INDEX, SHARE ROW EXCLUSIVE from a foreign key — stays
in place while every later statement runs. A brief `ADD COLUMN` followed by a backfill
`UPDATE` or an index build keeps the table blocked for the whole backfill or build.

Only later statements whose run time grows with a table are reported: scans, rewrites,
index builds, VALIDATE, DML not bounded to a batch, `INSERT … SELECT`, `CREATE TABLE … AS`.
Catalog-only follow-ups (another ADD COLUMN without rewrite, SET/DROP DEFAULT, COMMENT, a
runner's own version-table update) take well under a millisecond and are not reported —
so Django's `ADD COLUMN … DEFAULT x NOT NULL` + `DROP DEFAULT` stays quiet.

A held lock counts only when it blocks more than the slow statement blocks by itself: a
second `CREATE INDEX` on the table the first one locked, or `ADD UNIQUE` after `DROP
CONSTRAINT` on one table, blocks the same traffic with its own lock, and its own rule
(`lock-create-index`, `lock-add-unique`, …) reports it. A `VALIDATE CONSTRAINT` in the
transaction that added the constraint NOT VALID is `lock-validate-same-transaction`'s.

## Example
```sql
BEGIN;
ALTER TABLE users ADD COLUMN email_lower text;
UPDATE users SET email_lower = lower(email);
COMMIT;
```

## Use instead
Commit after the statement that takes the lock, and run the slow part in its own
transaction (or its own migration): the schema change, then the batched backfill, then
the index built `CONCURRENTLY`.
)md";

// One finding per transaction, at its first slow statement: splitting the transaction
// fixes all of them.
void report(const RuleContext& ctx, const Statement& slow, std::string_view what,
            const Held& worst, size_t more) {
  Finding& f = ctx.report(
      slow, first_line(ctx.migration(), slow),
      fmt::format("{} runs while {} is still locked {} by line {} in the same transaction: {} on "
                  "it wait until the transaction ends{}",
                  what, worst.lock->relation.display(), lock_mode_name(worst.lock->mode),
                  ctx.migration().source().position(worst.statement->span.begin).line,
                  blocks_short(blocks(worst.lock->mode)),
                  more ? fmt::format(" ({} more slow statements follow under the same lock)", more)
                       : ""),
      "Commit after the statement that takes the lock and run the slow statements in their own "
      "transaction or migration.");
  f.lock = LockSummary{std::make_shared<const std::vector<RelationLock>>(1, *worst.lock),
                       worst.statement->index, Tri::No, Tri::No};
}

// The statements whose locks a VALIDATE CONSTRAINT leaves to lock-validate-same-transaction:
// those that added, NOT VALID and in this transaction, a constraint it validates.
std::vector<const Statement*> adds_it_validates(const RuleContext& ctx, const Statement& s) {
  std::vector<const Statement*> adds;
  if (!s.is("AlterTableStmt")) return adds;
  const QualifiedName table = name_of_range_var(s.node.child("relation"));
  for (const Node cmd : s.node.list("cmds")) {
    if (cmd.str("subtype") != "AT_ValidateConstraint") continue;
    if (const Statement* added = added_in_same_transaction(ctx, s, table, cmd)) adds.push_back(added);
  }
  return adds;
}

// The held lock that makes the slow statement `s` block most beyond what it blocks by
// itself. A lock on a relation that `s` itself locks at least as strictly for its whole
// run adds nothing (CREATE INDEX after CREATE INDEX on one table, DROP CONSTRAINT before
// ADD UNIQUE): the rule of `s` reports that statement. The lock of an ADD … NOT VALID that
// `s` validates is lock-validate-same-transaction's to report.
const Held* worst_added(const RuleContext& ctx, const Statement& s, const HeldLocks& held) {
  const std::vector<const Statement*> adds = adds_it_validates(ctx, s);
  const auto& own = ctx.locks(s).locks;
  return held.strongest(
      [&](const QualifiedName& relation, LockMode mode) {
        return std::any_of(own.begin(), own.end(), [&](const RelationLock& l) {
          return l.relation == relation && blocks(l.mode) >= blocks(mode);
        });
      },
      [&](const Statement& taker) {
        return std::find(adds.begin(), adds.end(), &taker) != adds.end();
      });
}

void check(const RuleContext& ctx) {
  HeldLocks held;
  uint32_t transaction = 0;
  const Statement* first_slow = nullptr;
  std::string first_what;
  Held worst{};
  size_t more = 0;
  const auto flush = [&] {
    if (first_slow) report(ctx, *first_slow, first_what, worst, more);
    first_slow = nullptr, more = 0;
  };
  for (const Statement& s : ctx.statements()) {
    const uint32_t tx = ctx.at(s).transaction;
    if (tx != transaction) flush(), held.clear(), transaction = tx;
    if (tx == 0 || s.error) continue;
    if (!held.empty()) {
      if (Slowness slow = slowness_of(ctx, s); slow.slow) {
        if (const Held* added = worst_added(ctx, s, held); added && first_slow) {
          ++more;
        } else if (added) {
          first_slow = &s, first_what = std::move(slow.what), worst = *added;
        }
      }
    }
    // A dropped relation's lock guards nothing anyone can still use.
    if (s.is("DropStmt")) continue;
    for (const auto& l : ctx.locks(s).locks) {
      if (blocks(l.mode) >= Blocks::Writes && l.role != RelationRole::Unresolved &&
          ctx.on_existing(l, s)) {
        held.add({&s, &l});
      }
    }
  }
  flush();
}

}  // namespace

extern const RuleInfo lock_held_across_statements{
    .id = "lock-held-across-statements",
    .category = Category::Lock,
    .severity = Severity::Error,
    .enabled_by_default = true,
    .summary = "A slow statement runs while an earlier statement of the same transaction holds a "
               "lock that blocks reads or writes.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
