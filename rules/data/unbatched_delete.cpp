// data-unbatched-delete: a DELETE that removes every matching row of an existing table in
// one statement.
#include <fmt/format.h>

#include "analysis/unbatched_dml.hpp"
#include "lint/rule.hpp"
#include "model/spans.hpp"
#include "parse/quote.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
A `DELETE` marks every row it matches as deleted, in one transaction: each of those rows
stays locked against other writers until commit (an `UPDATE` of one of them waits), the
dead rows bloat the table and its indexes until vacuum catches up, every cascading
foreign key deletes (and locks) its own rows too, and the WAL burst lags replicas. If
the migration also holds a DDL lock in the same transaction, the table is blocked for
the whole delete.

A WHERE clause bounds a batch when it is a key equality or IN-list (`id = 42`,
`id IN (1, 2)`), a range with both ends on one column (`id >= 1 AND id < 10001`,
`BETWEEN`), or `IN (SELECT … LIMIT n)`, on a key named like one or made unique by the
migrations — the same test as `data-unbatched-update`.
Deletes from migration runners' own bookkeeping tables (`schema_migrations` …) and from
tables created earlier in the same file are not reported. A batch repeated by a loop in a
`DO` block or a called function is reported unless the loop `COMMIT`s: without it all the
batches run in one transaction.

## Example
```sql
DELETE FROM events WHERE created_at < now() - interval '90 days';
```

## Use instead
Delete in small batches, each in its own transaction, with a pause between them, until
no row is left:
```sql
DELETE FROM events
 WHERE id IN (SELECT id FROM events WHERE created_at < now() - interval '90 days'
              ORDER BY id LIMIT 1000);
```
Run it from a script or job outside the schema migration. To empty a whole table that
nothing else writes to, `TRUNCATE` is instant (but takes an ACCESS EXCLUSIVE lock).
)md";

void check(const RuleContext& ctx) {
  for (const UnbatchedDml& dml : unbatched_dml(ctx)) {
    const Statement& s = dml.statement;
    if (!s.is("DeleteStmt")) continue;
    const RelationLock* table = dml.table;
    Finding& f = ctx.report(
        s, dml.head,
        fmt::format("DELETE from {} {}: every deleted row stays locked until commit, and the table "
                    "bloats and replicas lag by as many rows",
                    table->relation.display(),
                    dml_scope(ctx, dml, "removes every row")),
        fmt::format("Delete in batches of about 1000 rows, each in its own transaction, outside "
                    "the schema migration: DELETE FROM {0} WHERE id IN (SELECT id FROM {0} WHERE "
                    "<condition> ORDER BY id LIMIT 1000); repeated until no row is left.",
                    table->relation.sql()));
    ctx.attach_locks(f, s);
  }
}

}  // namespace

extern const RuleInfo data_unbatched_delete{
    .id = "data-unbatched-delete",
    .category = Category::Data,
    .severity = Severity::Error,
    .enabled_by_default = true,
    .summary = "DELETE from an existing table without a WHERE that bounds a batch removes every "
               "matching row in one transaction.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
