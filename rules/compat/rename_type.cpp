// compat-rename-type: renaming a type or domain breaks the application version still running,
// which names it in casts, function signatures and queries.
#include <fmt/format.h>

#include "analysis/name_takeover.hpp"
#include "lint/rule.hpp"
#include "model/spans.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
Renaming a type is a catalog change, instant, with no rewrite and no lock on the tables
whose columns use it; the columns simply follow the new name. The clients do not: every
query of the application version still running that names the type — a cast such as
`$1::"order_status"` (Prisma casts enum parameters this way), a function or a
`CREATE TABLE` that names it — fails with "type does not exist" from the moment the
rename commits, and the new version fails until the rename has run. No order of deploy
and migration keeps both working. Enums, domains (`ALTER DOMAIN … RENAME TO`), composite
and range types break their clients the same way.

Types created by the files under review are not reported, and neither is a rename
followed, in the same transaction, by another type that takes over the old name: created
under it, or renamed to it (a swap, `ALTER TYPE t RENAME TO t_old; ALTER TYPE t_new
RENAME TO t;`).

## Example
```sql
ALTER TYPE order_status RENAME TO order_state;
```

## Use instead
Often the simplest is to keep the old name: a type's name is rarely worth a migration.
Otherwise expand and contract: create the new type, deploy code that writes both and
moves columns over with a cast, and drop the old type once no code names it:
```sql
CREATE TYPE order_state AS ENUM ('pending', 'paid', 'shipped');
ALTER TABLE orders ADD COLUMN state order_state;
-- deploy code that writes both columns, then, in batches:
UPDATE orders SET state = status::text::order_state
 WHERE id IN (SELECT id FROM orders WHERE state IS NULL LIMIT 1000);
```
)md";

void check(const RuleContext& ctx) {
  for (const Statement& s : ctx.statements()) {
    const auto rename = type_rename(s);
    if (!rename || ctx.catalog().type_in_review(rename->from, ctx.sequence(s))) continue;
    // Another type answers to the old name by the time this commits (a swap).
    if (type_name_taken_over(ctx, s, rename->from)) continue;
    const auto kw = keyword_span(ctx.migration(), s, "rename");
    const ByteSpan span = kw ? ByteSpan{kw->begin, s.span.end} : first_line(ctx.migration(), s);
    // An enum converts to another enum only through text; a domain casts from its base.
    const std::string_view via = rename->what == "domain" ? "" : "::text";
    Finding& f = ctx.report(
        s, span,
        fmt::format("RENAME of {} {} to {} breaks the application version still running: its "
                    "queries, casts and functions that name {} fail (type does not exist) as "
                    "soon as this commits",
                    rename->what, rename->from.display(), rename->to.display(),
                    rename->from.display()),
        fmt::format("Keep the name {} until every client uses {}, or expand and contract: "
                    "create {} next to it, deploy code that writes both and move the columns "
                    "over with a cast (ALTER TABLE … ADD COLUMN … {}; UPDATE … SET … = …{}::{} "
                    "in batches), then drop {} once no code names it.",
                    rename->from.sql(), rename->to.sql(), rename->to.sql(), rename->to.sql(), via,
                    rename->to.sql(), rename->from.sql()));
    ctx.attach_locks(f, s);
  }
}

}  // namespace

extern const RuleInfo compat_rename_type{
    .id = "compat-rename-type",
    .category = Category::Compat,
    .severity = Severity::Warning,
    .enabled_by_default = true,
    .summary = "Renaming a type or domain breaks the application version that still names it "
               "in casts, functions and queries.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
