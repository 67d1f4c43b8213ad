// lock-set-not-null: SET NOT NULL scans the table under ACCESS EXCLUSIVE.
#include <fmt/format.h>

#include <optional>

#include "lint/alter_table_walk.hpp"
#include "parse/quote.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
`ALTER COLUMN … SET NOT NULL` reads every row to prove there is no NULL, holding an
**ACCESS EXCLUSIVE** lock the whole time: no reads, no writes, for as long as the scan
takes.

Since PostgreSQL 12 the scan is skipped when a **validated** `CHECK (col IS NOT NULL)`
constraint already proves it. zerodown stays quiet when it knows such a constraint exists
(added and validated earlier in this file or in the migration history). A `NOT VALID`
check does not count: it has not been proven for the old rows.

## Example
```sql
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
```

## Use instead
On PostgreSQL 12 and later:
```sql
ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;
-- in a later transaction (SHARE UPDATE EXCLUSIVE: reads and writes continue):
ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;       -- no scan
ALTER TABLE users DROP CONSTRAINT users_email_not_null;  -- now redundant
```
On PostgreSQL 11 the scan cannot be avoided: keep the validated CHECK constraint instead
of a NOT NULL column constraint.

`ADD PRIMARY KEY USING INDEX` sets NOT NULL on the index's columns the same way, with the
same scan: zerodown reports it unless each column is known to be NOT NULL already or
(12+) proven by a validated CHECK, as a warning when it does not know the columns.
)md";

// One ALTER TABLE checks all its SET NOT NULL columns in a single scan: one finding.
void report(const RuleContext& ctx, const AlterSubcommand& first, const std::string& columns,
            size_t count) {
  const std::string table = first.table.relation.display();
  // The help's SQL: the one column, or a stand-in for each of several.
  const std::string column = count == 1 ? quote_identifier(first.command.str("name")) : "col";
  Finding& f = ctx.report(
      first.statement, first.span,
      fmt::format("SET NOT NULL on {} ({}) reads the whole table under an ACCESS EXCLUSIVE lock "
                  "that blocks reads and writes until the scan ends",
                  table, columns),
      ctx.pg_major() >= 12
          ? fmt::format("For each column, add CHECK ({} IS NOT NULL) NOT VALID, VALIDATE it in a "
                        "later transaction (reads and writes continue), then SET NOT NULL: "
                        "PostgreSQL skips the scan.",
                        column)
          : fmt::format("PostgreSQL 11 always scans: keep a validated CHECK ({} IS NOT NULL) "
                        "instead, added NOT VALID and validated separately.",
                        column));
  ctx.attach_locks(f, first.statement);
}

// ADD PRIMARY KEY USING INDEX runs SET NOT NULL on the index's nullable columns.
void report_primary_key(const RuleContext& ctx, const AlterSubcommand& sub) {
  const bool certain = sub.action.scan == Tri::Yes;
  Finding& f = ctx.report(
      sub.statement, sub.span,
      fmt::format("ADD PRIMARY KEY USING INDEX {} {} the whole of {} under an ACCESS "
                  "EXCLUSIVE lock that blocks reads and writes until the scan ends: {}",
                  sub.command.child("def").str("indexname"), certain ? "reads" : "may read",
                  sub.table.relation.display(), sub.action.why),
      ctx.pg_major() >= 12
          ? "Before adopting the index, make each key column NOT NULL without a scan: add "
            "CHECK (col IS NOT NULL) NOT VALID, VALIDATE it in a later transaction, then SET "
            "NOT NULL."
          : "PostgreSQL 11 always scans for NULLs here: run it when a full read of the table "
            "under ACCESS EXCLUSIVE is acceptable.");
  if (!certain) f.severity = Severity::Warning;
  ctx.attach_locks(f, sub.statement);
}

void check(const RuleContext& ctx) {
  std::optional<AlterSubcommand> first;
  std::string columns;
  size_t count = 0;
  for_each_alter_subcommand(ctx, [&](const AlterSubcommand& sub) {
    if (first && &first->statement != &sub.statement) {
      report(ctx, *first, columns, count);
      first.reset(), columns.clear(), count = 0;
    }
    if (sub.subtype == "AT_AddConstraint" && sub.action.scan != Tri::No &&
        sub.command.child("def").str("contype") == "CONSTR_PRIMARY" &&
        !sub.command.child("def").str("indexname").empty()) {
      report_primary_key(ctx, sub);
    }
    if (sub.subtype != "AT_SetNotNull" || sub.action.scan != Tri::Yes) return;
    if (!first) first.emplace(sub);
    columns += (columns.empty() ? "" : ", ") + std::string(sub.command.str("name"));
    ++count;
  });
  if (first) report(ctx, *first, columns, count);
}

}  // namespace

extern const RuleInfo lock_set_not_null{
    .id = "lock-set-not-null",
    .category = Category::Lock,
    .severity = Severity::Error,
    .enabled_by_default = true,
    .summary = "SET NOT NULL reads the whole table under an ACCESS EXCLUSIVE lock unless a "
               "validated CHECK (col IS NOT NULL) exists (PostgreSQL 12+).",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
