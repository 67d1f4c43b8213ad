// type-timestamp-without-tz: timestamp without time zone, where timestamptz records an
// unambiguous point in time.
#include <fmt/format.h>

#include "analysis/column_types.hpp"
#include "lint/rule.hpp"
#include "parse/quote.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
`timestamp` (`timestamp without time zone`) stores a wall-clock reading with no zone: the
same instant written by a session whose `TimeZone` is `Europe/Berlin` and by one in
`UTC` gets two different values, comparisons across daylight-saving changes go wrong,
and every reader has to know which zone the writer meant. `timestamptz` stores an
absolute instant (as UTC) and converts to the session's zone on output, which is what
"when did this happen" columns need. It takes the same 8 bytes.

Converting later is an `ALTER COLUMN … TYPE timestamptz`, under an ACCESS EXCLUSIVE lock:
since PostgreSQL 12 without a rewrite only when the session's `TimeZone` is UTC, and the
indexes on the column are rebuilt either way.

Only the builtin type is reported — `timestamp`, `pg_catalog.timestamp`,
`timestamp(3) without time zone` — not `timestamptz`, `date`, or a type of the same name
in another schema. An `ALTER COLUMN … TYPE timestamp` on a column that already is
`timestamp` (a new precision, a restated type) is not reported again: the type was chosen,
and reported, where the column got it. Keep `timestamp` for civil times that must not move
with the zone (a shop's opening hour).

## Example
```sql
CREATE TABLE payments (id bigint PRIMARY KEY, paid_at timestamp NOT NULL);
```

## Use instead
```sql
CREATE TABLE payments (id bigint PRIMARY KEY, paid_at timestamptz NOT NULL);
```
)md";

void check(const RuleContext& ctx) {
  for (const auto& [s, columns] : typed_columns(ctx)) {
    for (const TypedColumn& c : columns) {
      if (c.type != "timestamp") continue;
      if (keeps_type(ctx, s, c, Same::Type)) continue;
      const ByteSpan span = type_span(ctx.migration(), s, c.type_name());
      const std::string_view text = ctx.migration().text(span);
      ctx.report(
          s, span,
          fmt::format("{}.{} is {}{}: it stores wall-clock time with "
                      "no zone, so values written under different TimeZone settings "
                      "disagree, and converting it later locks and may rewrite the table",
                      table_of(s).display(), c.column(), text,
                      text.find("without") == std::string_view::npos ? " (without time zone)" : ""),
          fmt::format("Use timestamptz for {} (same size; stored as UTC, shown in the "
                      "session's zone).",
                      quote_identifier(c.column())));
    }
  }
}

}  // namespace

extern const RuleInfo type_timestamp_without_tz{
    .id = "type-timestamp-without-tz",
    .category = Category::Type,
    .severity = Severity::Info,
    .enabled_by_default = true,
    .summary = "timestamp without time zone stores wall-clock time with no zone; timestamptz "
               "records the instant.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
