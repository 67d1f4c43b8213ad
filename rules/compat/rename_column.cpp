// compat-rename-column: RENAME COLUMN breaks the application version still running.
#include <fmt/format.h>

#include "analysis/name_takeover.hpp"
#include "analysis/transactions.hpp"
#include "lint/rule.hpp"
#include "model/spans.hpp"
#include "parse/quote.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
The running application names the column by its old name: once the rename commits, its
queries fail, and the new version fails until the rename has run. There is no order of
deploy and migration that keeps both working. When the same transaction then adds a
column under the old name, the old version's queries keep working but on that new
column, which the new version does not write to.

A column added earlier in the same file is not reported: no running code knows it.

## Example
```sql
ALTER TABLE users RENAME COLUMN email TO email_address;
```

## Use instead
Expand and contract over several deploys:
```sql
ALTER TABLE users ADD COLUMN email_address text;            -- 1. add
-- 2. write both (application or trigger), backfill in batches
-- 3. switch reads to email_address
ALTER TABLE users DROP COLUMN email;                         -- 4. later deploy
```
)md";

void check(const RuleContext& ctx) {
  for (const Statement& s : ctx.statements()) {
    if (!s.is("RenameStmt") || s.node.str("renameType") != "OBJECT_COLUMN") continue;
    const auto relation = name_of_range_var(s.node.child("relation"));
    if (ctx.is_new(relation, s)) continue;
    const auto from = s.node.str("subname");
    if (ctx.catalog().column_in_review(relation, from, ctx.sequence(s))) continue;
    const auto rename_kw = keyword_span(ctx.migration(), s, "rename");
    const ByteSpan span = rename_kw ? ByteSpan{rename_kw->begin, s.span.end} : s.span;
    const auto to = s.node.str("newname");
    const Statement* successor = column_taken_over(ctx, s, relation, from);
    Finding& f = ctx.report(
        s, span,
        successor ? fmt::format("RENAME COLUMN {} TO {} hands {}.{} to the new column that the "
                                "statement on line {} adds: the application version still "
                                "running keeps querying {} but reads that column's values, and "
                                "what it writes there no longer reaches {}",
                                from, to, relation.display(), from, line_of(ctx, *successor),
                                from, to)
                  : fmt::format("RENAME COLUMN {} TO {} breaks the application version still "
                                "running: its queries on {}.{} fail as soon as this commits",
                                from, to, relation.display(), from),
        fmt::format("Add {} as a new column, write to both and backfill, switch reads, then drop "
                    "{} in a later deploy.",
                    quote_identifier(to), quote_identifier(from)));
    ctx.attach_locks(f, s);
  }
}

}  // namespace

extern const RuleInfo compat_rename_column{
    .id = "compat-rename-column",
    .category = Category::Compat,
    .severity = Severity::Warning,
    .enabled_by_default = true,
    .summary = "RENAME COLUMN breaks the application version that is still running.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
