// lock-held-across-statements: a slow statement runs while an earlier statement of the
// same transaction still holds a lock that blocks reads or writes on an existing table.
#include <fmt/format.h>

#include "analysis/slow_statement.hpp"
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

struct Held {
  const Statement* statement;
  const RelationLock* lock;
};

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
  f.lock = LockSummary{{*worst.lock}, Tri::No, Tri::No};
}

void check(const RuleContext& ctx) {
  std::vector<Held> held;
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
        if (first_slow) {
          ++more;
        } else {
          first_slow = &s, first_what = std::move(slow.what);
          worst = *std::max_element(held.begin(), held.end(), [](const Held& a, const Held& b) {
            return a.lock->mode < b.lock->mode;
          });
        }
      }
    }
    // A dropped relation's lock guards nothing anyone can still use.
    if (s.is("DropStmt")) continue;
    for (const auto& l : ctx.locks(s).locks) {
      if (blocks(l.mode) >= Blocks::Writes && l.role != RelationRole::Unresolved &&
          ctx.on_existing(l, s)) {
        held.push_back({&s, &l});
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
