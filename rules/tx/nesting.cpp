// tx-nesting: BEGIN while a transaction block is already open (a second BEGIN, or a BEGIN
// in a file the migration runner already wraps in a transaction).
#include <fmt/format.h>

#include "analysis/transactions.hpp"
#include "lint/rule.hpp"
#include "model/spans.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
PostgreSQL has no nested transactions. A `BEGIN` inside an open transaction block is
ignored with a warning ("there is already a transaction in progress"), and the first
`COMMIT` after it commits the *whole* block, the outer part included. What follows runs
outside any transaction block: a failure there can no longer roll back what came
before, so the migration is left half applied, and the outer `COMMIT` (often the
migration runner's own, with its bookkeeping) then finds no transaction to commit.

This happens with two `BEGIN`s in one file, and with a `BEGIN` in a file that the
migration runner already wraps in a transaction (as its runner preset says, or `--assume-in-transaction`).

## Example
```sql
-- the runner runs this file inside its own transaction
BEGIN;
ALTER TABLE orders ADD COLUMN note text;
COMMIT;
UPDATE orders SET note = '' WHERE id = 1;
```

## Use instead
Let one transaction cover the file: drop the `BEGIN`/`COMMIT` the runner already
provides (use `SAVEPOINT` for a part that may fail on its own), or switch the runner's
transaction off for the file if it must manage its own.
```sql
ALTER TABLE orders ADD COLUMN note text;
UPDATE orders SET note = '' WHERE id = 1;
```
)md";

// The COMMIT or ROLLBACK that ends the block `begin` is nested in, if the file has one.
const Statement* block_end(const RuleContext& ctx, const Statement& begin) {
  const uint32_t tx = ctx.at(begin).transaction;
  for (size_t i = begin.index + 1; i < ctx.statements().size(); ++i) {
    const Statement& t = ctx.statements()[i];
    if (ctx.at(t).transaction != tx) break;
    if (t.is("TransactionStmt") && !is_begin(t)) {
      const auto kind = t.node.str("kind");
      if (kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK" ||
          kind == "TRANS_STMT_PREPARE") {
        return &t;
      }
    }
  }
  return nullptr;
}

void check(const RuleContext& ctx) {
  for (const Statement& s : ctx.statements()) {
    if (!is_begin(s) || !ctx.at(s).nested_begin) continue;
    const Statement* end = block_end(ctx, s);
    const std::string consequence =
        end ? fmt::format("the {} on line {} then ends the whole block, and what follows it runs "
                          "outside any transaction, where a failure no longer rolls back what "
                          "came before",
                          end->node.str("kind") == "TRANS_STMT_ROLLBACK" ? "ROLLBACK" : "COMMIT",
                          line_of(ctx, *end))
            : std::string("it does not start a new transaction");
    Finding& f = ctx.report(
        s, first_line(ctx.migration(), s),
        fmt::format("BEGIN inside {}: PostgreSQL ignores it with a warning (\"there is already a "
                    "transaction in progress\"); {}",
                    describe_transaction(ctx, s), consequence),
        "Remove the inner BEGIN/COMMIT and let one transaction cover the file (SAVEPOINT for a "
        "part that may fail on its own), or switch the runner's transaction off for this file.");
    ctx.attach_locks(f, s);
  }
}

}  // namespace

extern const RuleInfo tx_nesting{
    .id = "tx-nesting",
    .category = Category::Transaction,
    .severity = Severity::Warning,
    .enabled_by_default = true,
    .summary = "BEGIN inside an open transaction block is ignored, and the next COMMIT commits "
               "the whole block early.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
