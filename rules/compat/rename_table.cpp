// compat-rename-table: renaming (or moving) a table, view or materialized view breaks the
// application version still running.
#include <fmt/format.h>

#include "lint/rule.hpp"
#include "model/spans.hpp"

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
followed, in the same transaction, by a view (or table) that takes over the old name.

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

// The relation a rename or SET SCHEMA applies to, and what it becomes.
struct Move {
  QualifiedName from;
  QualifiedName to;
  std::string_view what;  // "table", "view", "materialized view"
};

std::optional<Move> move_of(const Statement& s) {
  const Node n = s.node;
  std::string_view type;
  QualifiedName from = name_of_range_var(n.child("relation"));
  QualifiedName to = from;
  if (s.is("RenameStmt")) {
    type = n.str("renameType");
    to.name = std::string(n.str("newname"));
  } else if (s.is("AlterObjectSchemaStmt") && n.child("relation")) {
    type = n.str("objectType");
    to.schema = std::string(n.str("newschema"));
  } else {
    return std::nullopt;
  }
  if (type == "OBJECT_TABLE") return Move{from, to, "table"};
  if (type == "OBJECT_VIEW") return Move{from, to, "view"};
  if (type == "OBJECT_MATVIEW") return Move{from, to, "materialized view"};
  return std::nullopt;
}

// A later statement of the same transaction creates a view or table with the old name.
bool old_name_taken_over(const RuleContext& ctx, const Statement& s, const QualifiedName& old) {
  const uint32_t tx = ctx.at(s).transaction;
  if (tx == 0) return false;
  for (size_t i = s.index + 1; i < ctx.statements().size(); ++i) {
    const Statement& t = ctx.statements()[i];
    if (ctx.at(t).transaction != tx) break;
    if ((t.is("ViewStmt") && name_of_range_var(t.node.child("view")) == old) ||
        (t.is("CreateStmt") && name_of_range_var(t.node.child("relation")) == old)) {
      return true;
    }
  }
  return false;
}

void check(const RuleContext& ctx) {
  for (const Statement& s : ctx.statements()) {
    const auto move = move_of(s);
    if (!move || ctx.is_new(move->from, s)) continue;
    if (old_name_taken_over(ctx, s, move->from)) continue;
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
                    move->from.display(), move->to.display(), move->from.name));
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
