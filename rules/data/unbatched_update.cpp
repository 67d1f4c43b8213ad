// data-unbatched-update: an UPDATE that rewrites every matching row of an existing table
// in one statement.
#include <fmt/format.h>

#include "analysis/unbatched_dml.hpp"
#include "lint/rule.hpp"
#include "model/spans.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
An `UPDATE` writes a new version of every row it matches, in one transaction: each of
those rows stays locked against other writers until commit, the table and its indexes
bloat by the rows touched, and the WAL burst lags replicas. On a large table this is
the classic twenty-million-row backfill that pages someone. If the migration also holds
a DDL lock in the same transaction, the table is blocked for the whole backfill.

A WHERE clause bounds a batch when it is a key equality or IN-list (`id = 42`,
`id IN (1, 2)`), a range with both ends on one column (`id >= 1 AND id < 10001`,
`BETWEEN`), or `IN (SELECT … LIMIT n)`. A key is a column named like one (`id`, `uuid`,
`…_id`, `oid`) or one the migrations made unique on its own (a one-column primary key,
UNIQUE constraint or unique index). Updates of migration runners' own bookkeeping
tables (`alembic_version`, `schema_migrations` …) are not reported.

A batch repeated by a loop in a `DO` block or a called function is reported all the
same unless the loop `COMMIT`s: without it every batch runs in the one transaction of the
`DO` or `CALL`, which holds all their row locks until it ends.

## Example
```sql
UPDATE users SET first_name = split_part(name, ' ', 1);
```

## Use instead
Backfill in small batches, each in its own transaction, with a pause between them, until
no row is left:
```sql
UPDATE users SET first_name = split_part(name, ' ', 1)
 WHERE id IN (SELECT id FROM users WHERE first_name IS NULL ORDER BY id LIMIT 1000);
```
Run it from a script or job outside the schema migration.
)md";

void check(const RuleContext& ctx) {
  for (const UnbatchedDml& dml : unbatched_dml(ctx)) {
    const Statement& s = dml.statement;
    if (!s.is("UpdateStmt")) continue;
    const RelationLock* table = dml.table;
    Finding& f = ctx.report(
        s, dml.head,
        fmt::format("UPDATE of {} {}: every matched row stays locked until commit, and the table "
                    "bloats and replicas lag by as many rows",
                    table->relation.display(),
                    dml_scope(ctx, dml, "rewrites every row")),
        "Backfill in batches of about 1000 rows, each in its own transaction, e.g. WHERE id IN "
        "(SELECT id FROM … WHERE <not yet done> ORDER BY id LIMIT 1000), repeated until no row "
        "is left, outside the schema migration.");
    ctx.attach_locks(f, s);
  }
}

}  // namespace

extern const RuleInfo data_unbatched_update{
    .id = "data-unbatched-update",
    .category = Category::Data,
    .severity = Severity::Error,
    .enabled_by_default = true,
    .summary = "UPDATE of an existing table without a WHERE that bounds a batch rewrites every "
               "matching row in one transaction.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
