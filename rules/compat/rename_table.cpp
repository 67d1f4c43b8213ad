// compat-rename-table: renaming (or moving) a table, view or materialized view breaks the
// application version still running.
#include <fmt/format.h>

#include "analysis/name_takeover.hpp"
#include "lint/rule.hpp"
#include "model/spans.hpp"
#include "parse/quote.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
The running application names the table by its old name: from the moment the rename
commits, every query of the old version on it fails with "relation does not exist",
and the new version fails until the rename has run. No order of deploy and migration
keeps both working. `SET SCHEMA` moves the relation out of the schema the application
finds it in, with the same effect. Views and materialized views break their readers the
same way. The ACCESS EXCLUSIVE lock it takes is brief, but it queues behind running
queries and holds up every query on the table while it waits.

Relations created earlier in the same file are not reported, and neither is a rename
followed, in the same transaction, by a view or table that takes over the old name:
created under it, or renamed to it (a table swap, `ALTER TABLE t RENAME TO t_old;
ALTER TABLE t_new RENAME TO t;`).

## Example
```sql
ALTER TABLE users RENAME TO accounts;
```

## Use instead
Rename, and leave an updatable view under the old name in the same transaction, so
both application versions keep working; drop the view once no code uses the old name:
```sql
BEGIN;
ALTER TABLE users RENAME TO accounts;
CREATE VIEW users AS SELECT * FROM accounts;
COMMIT;
```
)md";

void check(const RuleContext& ctx) {
  for (const Statement& s : ctx.statements()) {
    const auto move = relation_move(s);
    if (!move || ctx.is_new(move->from, s)) continue;
    // A view, a new table or (in a table swap) the renamed replacement answers to the old
    // name by the time this commits.
    if (name_taken_over(ctx, s, move->from)) continue;
    const bool rename = s.is("RenameStmt");
    const auto kw = keyword_span(ctx.migration(), s, rename ? "rename" : "set");
    const ByteSpan span = kw ? ByteSpan{kw->begin, s.span.end} : first_line(ctx.migration(), s);
    Finding& f = ctx.report(
        s, span,
        fmt::format("{} of {} {} to {} breaks the application version still running: its "
                    "queries on {} fail as soon as this commits",
                    rename ? "RENAME" : "SET SCHEMA", move->what, move->from.display(),
                    move->to.display(), move->from.display()),
        fmt::format("In the same transaction, create a view under the old name (CREATE VIEW {} "
                    "AS SELECT * FROM {};) so both versions keep working, and drop it once no "
                    "code uses {}.",
                    move->from.sql(), move->to.sql(), quote_identifier(move->from.name)));
    ctx.attach_locks(f, s);
  }
}

}  // namespace

extern const RuleInfo compat_rename_table{
    .id = "compat-rename-table",
    .category = Category::Compat,
    .severity = Severity::Warning,
    .enabled_by_default = true,
    .summary = "Renaming a table, view or materialized view (or moving it to another schema) "
               "breaks the application version that is still running.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
