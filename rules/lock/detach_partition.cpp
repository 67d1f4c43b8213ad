// lock-detach-partition: DETACH PARTITION without CONCURRENTLY (PostgreSQL 14+).
#include <fmt/format.h>

#include "lint/alter_table_walk.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
`ALTER TABLE parent DETACH PARTITION child` takes an **ACCESS EXCLUSIVE** lock on the
parent and on the partition. It is quick once granted, but it queues behind every running
query on the partitioned table and blocks all reads and writes of it while waiting.

## Example
```sql
ALTER TABLE measurements DETACH PARTITION measurements_2023;
```

## Use instead
On PostgreSQL 14 and later:
```sql
ALTER TABLE measurements DETACH PARTITION measurements_2023 CONCURRENTLY;
```
It takes SHARE UPDATE EXCLUSIVE and waits for running transactions instead of blocking
them. It cannot run inside a transaction block, nor when the table has a DEFAULT
partition; if interrupted, finish it with `… DETACH PARTITION … FINALIZE`.

## Fix safety
The fix appends `CONCURRENTLY`; it is unsafe: it fails inside a transaction block and on
a table with a DEFAULT partition.
)md";

void check(const RuleContext& ctx) {
  for_each_alter_subcommand(ctx, [&](const AlterSubcommand& sub) {
    if (sub.subtype != "AT_DetachPartition" || sub.command.child("def").flag("concurrent")) return;
    const auto partition = name_of_range_var(sub.command.child("def").child("name"));
    Finding& f = ctx.report(
        sub.statement, sub.span,
        fmt::format("DETACH PARTITION {} takes ACCESS EXCLUSIVE locks on {} and the partition: "
                    "while it waits behind running queries, every read and write of {} waits",
                    partition.display(), sub.table.relation.display(), sub.table.relation.name),
        "Use DETACH PARTITION … CONCURRENTLY, outside a transaction block (not possible when a "
        "DEFAULT partition exists).");
    ctx.attach_locks(f, sub.statement);
    f.fixes.push_back({"Detach CONCURRENTLY", false, {{{sub.span.end, sub.span.end}, " CONCURRENTLY"}}});
  });
}

}  // namespace

extern const RuleInfo lock_detach_partition{
    .id = "lock-detach-partition",
    .category = Category::Lock,
    .severity = Severity::Warning,
    .enabled_by_default = true,
    .summary = "DETACH PARTITION without CONCURRENTLY queues for ACCESS EXCLUSIVE on the "
               "partitioned table.",
    .docs = kDocs,
    .fixable = true,
    .min_pg_version = 14,
    .check = check,
};

}  // namespace zd::rules
