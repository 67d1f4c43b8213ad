// lock-add-unique: ADD UNIQUE / PRIMARY KEY that builds its index under ACCESS EXCLUSIVE.
#include <fmt/format.h>

#include "lint/alter_table_walk.hpp"
#include "locks/column_definition.hpp"
#include "parse/quote.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
`ADD CONSTRAINT … UNIQUE` and `ADD PRIMARY KEY` build a unique index from a full scan of
the table while holding an **ACCESS EXCLUSIVE** lock: no reads or writes until the index
is built. A primary key on nullable columns also scans to set NOT NULL. The same holds
for `ADD COLUMN … UNIQUE` / `PRIMARY KEY`.

`NOT VALID` does not exist for UNIQUE, PRIMARY KEY or EXCLUDE constraints: the way out
is to build the index first, concurrently, and attach it.

## Example
```sql
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
```

## Use instead
```sql
CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;
```
For a primary key, make the columns NOT NULL first without a scan (validated
`CHECK (col IS NOT NULL)`, then `SET NOT NULL`, PostgreSQL 12+), then
`ADD CONSTRAINT … PRIMARY KEY USING INDEX …`.
)md";

void check(const RuleContext& ctx) {
  for_each_alter_subcommand(ctx, [&](const AlterSubcommand& sub) {
    std::string_view kind;
    std::string columns;
    if (sub.subtype == "AT_AddConstraint") {
      const Node con = sub.command.child("def");
      const auto t = con.str("contype");
      if ((t != "CONSTR_UNIQUE" && t != "CONSTR_PRIMARY") || !con.str("indexname").empty()) return;
      kind = t == "CONSTR_UNIQUE" ? "UNIQUE" : "PRIMARY KEY";
      for (const Node k : con.list("keys")) {
        columns += (columns.empty() ? "" : ", ") + quote_identifier(k.string_value());
      }
    } else if (sub.subtype == "AT_AddColumn") {
      const ColumnDefinition c = read_column_definition(sub.command.child("def"));
      if (!c.unique_or_primary_key) return;
      kind = "UNIQUE";
      for (const Node con : sub.command.child("def").list("constraints")) {
        if (con.str("contype") == "CONSTR_PRIMARY") kind = "PRIMARY KEY";
      }
      columns = quote_identifier(c.name);
    } else {
      return;
    }
    Finding& f = ctx.report(
        sub.statement, sub.span,
        fmt::format("ADD {} builds a unique index on {} from a full scan under an ACCESS "
                    "EXCLUSIVE lock that blocks reads and writes until it is built",
                    kind, sub.table.relation.display()),
        fmt::format("Build the index first with CREATE UNIQUE INDEX CONCURRENTLY … ON {} ({}), "
                    "then ADD CONSTRAINT … {} USING INDEX …; NOT VALID does not exist for this "
                    "constraint.",
                    sub.table.relation.sql(), columns, kind));
    ctx.attach_locks(f, sub.statement);
  });
}

}  // namespace

extern const RuleInfo lock_add_unique{
    .id = "lock-add-unique",
    .category = Category::Lock,
    .severity = Severity::Error,
    .enabled_by_default = true,
    .summary = "ADD UNIQUE or PRIMARY KEY without USING INDEX builds the index under an ACCESS "
               "EXCLUSIVE lock.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
