// compat-rename-enum-value: ALTER TYPE … RENAME VALUE breaks the application version still
// running, which still reads, writes and compares the old label.
#include <fmt/format.h>

#include "analysis/file_objects.hpp"
#include "lint/rule.hpp"
#include "model/spans.hpp"
#include "parse/quote.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
Renaming an enum label is a catalog change, instant and with no table lock, and that
is the trap: every row holding the value now reads back as the new label at once. The
application version still running writes the old label — PostgreSQL rejects it with
"invalid input value for enum" — and its comparisons and `CASE`s on the old label stop
matching, so rows silently fall through. The new version, deployed before the
migration, has the same problem the other way round.

Enum types created earlier in the same file are not reported.

## Example
```sql
ALTER TYPE order_status RENAME VALUE 'canceled' TO 'cancelled';
```

## Use instead
Add the new label, move the rows over in batches while the code accepts both, and stop
using the old label (an enum value cannot be dropped; a lookup table or a `text` column
with a `CHECK` is easier to evolve):
```sql
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'cancelled';
-- deploy code that reads both labels and writes 'cancelled', then, in batches:
UPDATE orders SET status = 'cancelled'
 WHERE id IN (SELECT id FROM orders WHERE status = 'canceled' LIMIT 1000);
```
)md";

void check(const RuleContext& ctx) {
  for (const Statement& s : ctx.statements()) {
    if (!s.is("AlterEnumStmt") || s.node.str("oldVal").empty()) continue;
    const QualifiedName type = name_of_list(s.node.list("typeName"));
    if (enum_created_before(ctx, type, s)) continue;
    const auto from = s.node.str("oldVal");
    const auto to = s.node.str("newVal");
    const auto kw = keyword_span(ctx.migration(), s, "rename");
    const ByteSpan span = kw ? ByteSpan{kw->begin, s.span.end} : first_line(ctx.migration(), s);
    Finding& f = ctx.report(
        s, span,
        fmt::format("RENAME VALUE {0} TO {1} of enum {2} breaks the application version still "
                    "running: as soon as this commits, it cannot write {0} (invalid input value "
                    "for enum) and its comparisons with {0} stop matching",
                    quote_literal(from), quote_literal(to), type.display()),
        fmt::format("ALTER TYPE {0} ADD VALUE IF NOT EXISTS {1}; deploy code that accepts both "
                    "labels and writes {1}, then move the rows over in batches (UPDATE … SET "
                    "… = {1} WHERE id IN (SELECT id … WHERE … = {2} LIMIT 1000)); stop using "
                    "{2} afterwards.",
                    type.sql(), quote_literal(to), quote_literal(from)));
    ctx.attach_locks(f, s);
  }
}

}  // namespace

extern const RuleInfo compat_rename_enum_value{
    .id = "compat-rename-enum-value",
    .category = Category::Compat,
    .severity = Severity::Warning,
    .enabled_by_default = true,
    .summary = "ALTER TYPE … RENAME VALUE breaks the application version that still uses the "
               "old enum label.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
