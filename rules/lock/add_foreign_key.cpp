// lock-add-foreign-key: ADD FOREIGN KEY without NOT VALID scans under SHARE ROW EXCLUSIVE
// on both tables.
#include <fmt/format.h>

#include "lint/fixes.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
Adding a foreign key checks every existing row against the referenced table while holding
**SHARE ROW EXCLUSIVE** on **both** tables: writes to either table wait for the whole
validation (reads continue). When the same ALTER TABLE also adds a column or drops a
constraint, the table is held ACCESS EXCLUSIVE during the check, and reads wait too; the
message names the locks the statement really takes.

An inline `ADD COLUMN … REFERENCES` is not reported: the new column is NULL in every row,
so nothing is scanned (the brief lock on both tables is what `lock-timeout-missing` is
about). Neither is a foreign key on a table created earlier in the same file. A separate
`ADD CONSTRAINT … FOREIGN KEY` next to the `ADD COLUMN` in one statement is checked row by
row all the same, so it is reported.

## Example
```sql
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
```

## Use instead
```sql
ALTER TABLE orders ADD CONSTRAINT orders_user_fk
  FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
-- in a later transaction: SHARE UPDATE EXCLUSIVE on orders, ROW SHARE on users
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
```

## Fix safety
The fix appends `NOT VALID` and adds the `VALIDATE CONSTRAINT` statement after it; it is
unsafe inside a transaction block (the VALIDATE would keep the first lock).
)md";

// The locks the whole ALTER TABLE holds during the check, in words: SHARE ROW EXCLUSIVE on
// both tables for a lone ADD FOREIGN KEY, but ACCESS EXCLUSIVE on the table when the same
// statement also adds a column or drops a constraint (and on the referenced table when it
// drops a foreign key to it).
std::string locks_held(const RuleContext& ctx, const AlterSubcommand& sub,
                       const QualifiedName& referenced) {
  const RelationLock& table = sub.table;
  const RelationLock* other = &table;
  for (const auto& l : ctx.locks(sub.statement).locks) {
    if (l.relation == referenced && (other == &table || l.mode > other->mode)) other = &l;
  }
  if (referenced == table.relation) {
    return fmt::format("itself under an {} lock that blocks {} on it", lock_mode_name(table.mode),
                       blocks_short(blocks(table.mode)));
  }
  if (other->mode == table.mode) {
    return fmt::format("{} under {} locks that block {} to both tables", referenced.display(),
                       lock_mode_name(table.mode), blocks_short(blocks(table.mode)));
  }
  return fmt::format("{} while {} is locked {} ({} wait) and {} {} ({} wait)",
                     referenced.display(), table.relation.display(), lock_mode_name(table.mode),
                     blocks_short(blocks(table.mode)), referenced.display(),
                     lock_mode_name(other->mode), blocks_short(blocks(other->mode)));
}

void check(const RuleContext& ctx) {
  for_each_alter_subcommand(ctx, [&](const AlterSubcommand& sub) {
    const Node con = sub.command.child("def");
    if (sub.subtype != "AT_AddConstraint" || con.str("contype") != "CONSTR_FOREIGN" ||
        con.flag("skip_validation")) {
      return;
    }
    const auto name = con.str("conname");
    const QualifiedName referenced = name_of_range_var(con.child("pktable"));
    Finding& f = ctx.report(
        sub.statement, sub.span,
        fmt::format("ADD FOREIGN KEY {}checks every row of {} against {} until it finishes",
                    name.empty() ? "" : std::string(name) + " ", sub.table.relation.display(),
                    locks_held(ctx, sub, referenced)),
        "Add the foreign key NOT VALID (brief lock), then VALIDATE CONSTRAINT in a later "
        "transaction: reads and writes on both tables continue while it validates.");
    ctx.attach_locks(f, sub.statement);
    if (!name.empty()) f.fixes.push_back(not_valid_then_validate(ctx, sub, name));
  });
}

}  // namespace

extern const RuleInfo lock_add_foreign_key{
    .id = "lock-add-foreign-key",
    .category = Category::Lock,
    .severity = Severity::Error,
    .enabled_by_default = true,
    .summary = "ADD FOREIGN KEY without NOT VALID checks every row while blocking writes to "
               "both tables.",
    .docs = kDocs,
    .fixable = true,
    .check = check,
};

}  // namespace zd::rules
