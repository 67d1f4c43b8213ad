// lock-add-exclusion: ADD EXCLUDE builds its index under ACCESS EXCLUSIVE.
#include <fmt/format.h>

#include "lint/alter_table_walk.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
An exclusion constraint builds its index from a full scan of the table while holding an
**ACCESS EXCLUSIVE** lock, blocking reads and writes until it is done. Unlike CHECK and
FOREIGN KEY it has no `NOT VALID` form, and unlike UNIQUE it cannot adopt an index built
concurrently (`USING INDEX` is not accepted for EXCLUDE).

## Example
```sql
ALTER TABLE bookings ADD CONSTRAINT no_overlap
  EXCLUDE USING gist (room_id WITH =, during WITH &&);
```

## Use instead
There is no lock-free way on an existing table. Add it while the table is small, on a new
table that replaces the old one, or in a maintenance window; meanwhile enforce the rule
in the application or with a trigger.
)md";

void check(const RuleContext& ctx) {
  for_each_alter_subcommand(ctx, [&](const AlterSubcommand& sub) {
    if (sub.subtype != "AT_AddConstraint" ||
        sub.command.child("def").str("contype") != "CONSTR_EXCLUSION") {
      return;
    }
    Finding& f = ctx.report(
        sub.statement, sub.span,
        fmt::format("ADD EXCLUDE builds an index on {} from a full scan under an ACCESS EXCLUSIVE "
                    "lock that blocks reads and writes until it is built",
                    sub.table.relation.display()),
        "Exclusion constraints have no NOT VALID or USING INDEX form: add it in a maintenance "
        "window, or on a new table that replaces this one.");
    ctx.attach_locks(f, sub.statement);
  });
}

}  // namespace

extern const RuleInfo lock_add_exclusion{
    .id = "lock-add-exclusion",
    .category = Category::Lock,
    .severity = Severity::Error,
    .enabled_by_default = true,
    .summary = "ADD EXCLUDE builds its index under an ACCESS EXCLUSIVE lock, with no "
               "non-blocking alternative.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
