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

// A COMMIT, ROLLBACK or PREPARE TRANSACTION: what ends a transaction block.
bool ends_block(const Statement& t) {
  if (!t.is("TransactionStmt")) return false;
  const auto kind = t.node.str("kind");
  return kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK" ||
         kind == "TRANS_STMT_PREPARE";
}

// `end`: the COMMIT or ROLLBACK that ends the block `begin` is nested in, if the file has one.
void report(const RuleContext& ctx, const Statement& begin, const Statement* end) {
  const std::string consequence =
      end ? fmt::format("the {} on line {} then ends the whole block, and what follows it runs "
                        "outside any transaction, where a failure no longer rolls back what "
                        "came before",
                        end->node.str("kind") == "TRANS_STMT_ROLLBACK" ? "ROLLBACK" : "COMMIT",
                        line_of(ctx, *end))
          : std::string("it does not start a new transaction");
  Finding& f = ctx.report(
      begin, first_line(ctx.migration(), begin),
      fmt::format("BEGIN inside {}: PostgreSQL ignores it with a warning (\"there is already a "
                  "transaction in progress\"); {}",
                  describe_transaction(ctx, begin), consequence),
      "Remove the inner BEGIN/COMMIT and let one transaction cover the file (SAVEPOINT for a "
      "part that may fail on its own), or switch the runner's transaction off for this file.");
  ctx.attach_locks(f, begin);
}

void check(const RuleContext& ctx) {
  // The nested BEGINs of the transaction so far, reported once its end is known: one pass,
  // where looking for the end from each BEGIN was quadratic in a transaction of many.
  std::vector<const Statement*> nested;
  uint32_t transaction = 0;
  const auto reported_with = [&](const Statement* end) {
    for (const Statement* begin : nested) report(ctx, *begin, end);
    nested.clear();
  };
  for (const Statement& s : ctx.statements()) {
    if (ctx.at(s).transaction != transaction) {
      reported_with(nullptr);  // the transaction ended without a COMMIT of the file
      transaction = ctx.at(s).transaction;
    }
    if (!nested.empty() && ends_block(s)) reported_with(&s);
    if (is_begin(s) && ctx.at(s).nested_begin) nested.push_back(&s);
  }
  reported_with(nullptr);
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
