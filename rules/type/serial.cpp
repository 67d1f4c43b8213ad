// type-serial: serial pseudo-types where an identity column says the same in standard SQL.
#include <fmt/format.h>

#include "analysis/column_types.hpp"
#include "lint/rule.hpp"
#include "parse/quote.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
`serial`, `bigserial` and `smallserial` are not types but a shorthand: an integer column,
a separate sequence, a `nextval()` default and an ownership link. The sequence lives a
life of its own: it needs its own `GRANT USAGE` for every role that inserts, it is
easily left behind or shared when a table is copied (`CREATE TABLE … (LIKE …)`), and
nothing stops an insert from bypassing it with an explicit id that a later `nextval()`
then collides with. Identity columns (PostgreSQL 10+) are the SQL-standard replacement:
the sequence is part of the column, follows its grants, and `GENERATED ALWAYS` rejects
ids written by hand unless the insert says `OVERRIDING SYSTEM VALUE`.

Adding a serial (or identity) column to an existing table also rewrites it; that is
`lock-add-column-rewrite`'s finding. Off by default: enable it with `--select type` or
`--select type-serial`.

## Example
```sql
CREATE TABLE invoices (id bigserial PRIMARY KEY, total numeric(12,2) NOT NULL);
```

## Use instead
```sql
CREATE TABLE invoices (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  total numeric(12,2) NOT NULL
);
```
)md";

std::string_view identity_type(std::string_view serial) {
  if (serial == "bigserial" || serial == "serial8") return "bigint";
  if (serial == "smallserial" || serial == "serial2") return "smallint";
  if (serial == "serial" || serial == "serial4") return "integer";
  return {};
}

void check(const RuleContext& ctx) {
  for (const auto& [s, columns] : typed_columns(ctx)) {
    for (const TypedColumn& c : columns) {
      const auto type = identity_type(c.type);
      if (c.alter_type || type.empty()) continue;
      const ByteSpan span = type_span(ctx.migration(), s, c.type_name());
      ctx.report(s, span,
                 fmt::format("{}.{} is {}: a separate sequence with its own grants and "
                             "ownership, which explicit ids can collide with; an identity "
                             "column does the same as part of the column",
                             table_of(s).display(), c.column(), ctx.migration().text(span)),
                 fmt::format("Use {} {} GENERATED ALWAYS AS IDENTITY (BY DEFAULT if the "
                             "application sets ids itself){}.",
                             quote_identifier(c.column()), type == "integer" ? "bigint" : type,
                             type == "integer" ? " — bigint, since an integer key overflows "
                                                 "at 2^31"
                                               : ""));
    }
  }
}

}  // namespace

extern const RuleInfo type_serial{
    .id = "type-serial",
    .category = Category::Type,
    .severity = Severity::Info,
    .enabled_by_default = false,
    .summary = "serial columns: an identity column is the standard replacement, without a "
               "separately managed sequence.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
