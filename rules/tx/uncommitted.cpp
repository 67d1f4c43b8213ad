// tx-uncommitted: a BEGIN with no COMMIT or ROLLBACK by the end of the file.
#include <fmt/format.h>

#include "analysis/transactions.hpp"
#include "lint/rule.hpp"
#include "model/spans.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
A transaction block opened in the file and never closed is not committed when the file
ends. What happens next depends on the tool that runs it, and none of it is good: psql
and most drivers roll the block back when the session ends — the migration reports
success, and its changes are gone (while the runner may still record it as applied) —
and a pooled connection goes back to the pool with the transaction open, holding every
lock the migration took until something closes it.

A file that the migration runner wraps in its own transaction (as its runner preset says, or `--assume-in-transaction`)
is committed by the runner and is not reported here (`tx-nesting` reports its `BEGIN`);
neither is a file that itself shows it runs inside the runner's transaction, by ending
that transaction early (`COMMIT; BEGIN; …` with no BEGIN of its own before the COMMIT).

## Example
```sql
BEGIN;
ALTER TABLE orders ADD COLUMN note text;
```

## Use instead
```sql
BEGIN;
ALTER TABLE orders ADD COLUMN note text;
COMMIT;
```

## Fix safety
The fix appends `COMMIT;` at the end of the file. It is unsafe: the migration's changes
are then committed where they were rolled back before, which is what the author almost
always meant, but check that the runner does not wrap the file in its own transaction.
)md";

// A COMMIT or ROLLBACK with no transaction block of the file open: the file expects to
// run inside the runner's transaction (`COMMIT; … BEGIN; …`), and the runner's own COMMIT
// at the end closes the last block.
bool ends_a_block_it_did_not_open(const RuleContext& ctx) {
  for (const Statement& s : ctx.statements()) {
    if (!s.is("TransactionStmt") || is_begin(s) || ctx.at(s).in_transaction()) continue;
    const auto kind = s.node.str("kind");
    if (kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK") return true;
  }
  return false;
}

void check(const RuleContext& ctx) {
  if (ctx.runner_transaction() || !ctx.at_end().explicit_transaction) return;
  if (ctx.statements().empty() || ends_a_block_it_did_not_open(ctx)) return;
  // (A block opened by a final COMMIT AND CHAIN holds nothing.)
  if (ctx.at(ctx.statements().back()).transaction != ctx.at_end().transaction) return;
  const Statement* opener = transaction_opener(ctx, ctx.statements().back());
  if (!opener) return;
  const auto count = ctx.statements().size() - opener->index - 1;
  Finding& f = ctx.report(
      *opener, first_line(ctx.migration(), *opener),
      fmt::format("{} on line {} is never committed: the file ends with its transaction block "
                  "open, so the {} statement{} after it {} rolled back when the session ends "
                  "(or left uncommitted, holding {} locks, on a pooled connection)",
                  is_begin(*opener) ? "BEGIN" : "COMMIT AND CHAIN", line_of(ctx, *opener), count,
                  count == 1 ? "" : "s", count == 1 ? "is" : "are", count == 1 ? "its" : "their"),
      "End the file with COMMIT; (or drop the BEGIN if the migration runner already wraps the "
      "file in a transaction).");
  ctx.attach_locks(f, *opener);
  // Append after the last statement's `;` (or give it one).
  const Statement& last = ctx.statements().back();
  bool terminated = false;
  for (const pg::Token& t : ctx.migration().tokens()) {
    if (t.begin >= last.span.end && t.kind == pg::kSemicolon) terminated = true;
  }
  const auto size = static_cast<uint32_t>(ctx.migration().text().size());
  const bool eol = size > 0 && ctx.migration().text().back() == '\n';
  Fix fix{"Commit the transaction block at the end of the file", false, {}};
  if (!terminated) fix.edits.push_back({{last.span.end, last.span.end}, ";"});
  fix.edits.push_back({{size, size}, std::string(eol ? "" : "\n") + "COMMIT;\n"});
  f.fixes.push_back(std::move(fix));
}

}  // namespace

extern const RuleInfo tx_uncommitted{
    .id = "tx-uncommitted",
    .category = Category::Transaction,
    .severity = Severity::Error,
    .enabled_by_default = true,
    .summary = "A transaction block opened in the file is never committed, so its changes are "
               "rolled back when the session ends.",
    .docs = kDocs,
    .fixable = true,
    .check = check,
};

}  // namespace zd::rules
