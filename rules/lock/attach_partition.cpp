// lock-attach-partition: ATTACH PARTITION scans the partition (and, before 12, blocks
// the whole partitioned table).
#include <fmt/format.h>

#include "lint/alter_table_walk.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
`ALTER TABLE parent ATTACH PARTITION child FOR VALUES …` reads every row of the child to
prove it fits the bounds, holding an **ACCESS EXCLUSIVE** lock on the child (and on a
DEFAULT partition, which is scanned too). On PostgreSQL 11 it also holds ACCESS EXCLUSIVE
on the **parent**, blocking every read and write of the partitioned table for the scan;
since 12 the parent only takes SHARE UPDATE EXCLUSIVE.

A child created earlier in the same file is empty, and a child whose validated CHECK
constraints imply the bounds is not read: zerodown stays quiet about both. The attach is
then brief, though on 11 it still takes ACCESS EXCLUSIVE on the parent: the queue behind
it is `lock-timeout-missing`'s finding when no `lock_timeout` is set.

zerodown recognises the bounds in a validated CHECK on the partition key when it knows the
parent's key: `key >= a AND key < b` for `FROM (a) TO (b)`, `key IN (…)` or `key = x` for
`IN (…)`, with the key `NOT NULL` (a NOT NULL column or `CHECK (key IS NOT NULL)`), since
PostgreSQL does not count a comparison as excluding NULL. A known DEFAULT partition is read
anyway.

## Example
```sql
ALTER TABLE measurements ATTACH PARTITION measurements_2024
  FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
```

## Use instead
Add a CHECK constraint matching the bounds first (`NOT VALID`, then `VALIDATE` — reads and
writes continue), so the attach can skip the scan; drop the CHECK afterwards:
```sql
ALTER TABLE measurements_2024 ADD CONSTRAINT bounds
  CHECK (ts IS NOT NULL AND ts >= '2024-01-01' AND ts < '2025-01-01') NOT VALID;
ALTER TABLE measurements_2024 VALIDATE CONSTRAINT bounds;
ALTER TABLE measurements ATTACH PARTITION measurements_2024
  FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE measurements_2024 DROP CONSTRAINT bounds;
```
)md";

void check(const RuleContext& ctx) {
  for_each_alter_subcommand(ctx, [&](const AlterSubcommand& sub) {
    if (sub.subtype != "AT_AttachPartition") return;
    const auto partition = name_of_range_var(sub.command.child("def").child("name"));
    // An empty partition (created in this file), or one whose validated CHECK implies the
    // bounds, is not read: the attach is brief, and the queue behind its locks (the
    // parent's ACCESS EXCLUSIVE on PostgreSQL 11) is lock-timeout-missing's finding.
    if (sub.action.scan == Tri::No || ctx.is_new(partition, sub.statement)) return;
    const bool parent_blocked = blocks(sub.action.mode) == Blocks::ReadsAndWrites;
    Finding& f = ctx.report(
        sub.statement, sub.span,
        parent_blocked
            ? fmt::format("ATTACH PARTITION {} holds an ACCESS EXCLUSIVE lock on {} (PostgreSQL "
                          "11) while it reads the whole partition: every read and write of {} "
                          "waits",
                          partition.display(), sub.table.relation.display(),
                          sub.table.relation.name)
            : fmt::format("ATTACH PARTITION {} reads every row of the partition under an ACCESS "
                          "EXCLUSIVE lock on it, unless a validated CHECK constraint already "
                          "proves its bounds",
                          partition.display()),
        "Add a CHECK constraint matching the bounds to the partition (NOT VALID, then VALIDATE) "
        "before attaching it, so the attach skips the scan.");
    if (parent_blocked) f.severity = Severity::Error;  // a scan under a lock that blocks reads
    ctx.attach_locks(f, sub.statement);
  });
}

}  // namespace

extern const RuleInfo lock_attach_partition{
    .id = "lock-attach-partition",
    .category = Category::Lock,
    .severity = Severity::Warning,
    .enabled_by_default = true,
    .summary = "ATTACH PARTITION scans the partition under ACCESS EXCLUSIVE (and locks the whole "
               "partitioned table on PostgreSQL 11).",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
