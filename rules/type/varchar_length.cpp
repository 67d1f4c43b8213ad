// type-varchar-length: varchar(n), where text with a CHECK is as fast and easier to change.
#include <fmt/format.h>

#include "analysis/column_types.hpp"
#include "lint/rule.hpp"
#include "parse/quote.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
In PostgreSQL `varchar(n)` is stored and compared exactly like `text`; the length is
only a check. But it is a check that is hard to change: raising it is an
`ALTER COLUMN … TYPE` that takes an ACCESS EXCLUSIVE lock (and blocks every query while
it queues), lowering it rewrites or scans the whole table under that lock, and every
view using the column has to be dropped and recreated around it. A `CHECK` constraint
on a `text` column says the same, and can be replaced without blocking: add the new one
`NOT VALID`, `VALIDATE` it (SHARE UPDATE EXCLUSIVE, reads and writes go on), drop the old.

`varchar` without a length is `text` and is not reported; neither are `"varchar"(5)` or
`pg_catalog.varchar(3)` as anything but what they are, varchar with a length. An
`ALTER COLUMN … TYPE` that leaves a column the `varchar(n)` it already was is not
reported again (a new length is): it was reported where the column got the type. Off by
default: enable it with `--select type` or `--select type-varchar-length`.

## Example
```sql
ALTER TABLE users ADD COLUMN nickname varchar(50);
```

## Use instead
```sql
ALTER TABLE users ADD COLUMN nickname text;
ALTER TABLE users ADD CONSTRAINT users_nickname_length
  CHECK (char_length(nickname) <= 50) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_nickname_length;
```
)md";

void check(const RuleContext& ctx) {
  for (const auto& [s, columns] : typed_columns(ctx)) {
    for (const TypedColumn& c : columns) {
      if (c.type != "varchar" || !has_typmods(c.type_name())) continue;
      if (keeps_type(ctx, s, c, Same::Modifiers)) continue;
      const ByteSpan span = type_span(ctx.migration(), s, c.type_name());
      const Node limit = c.type_name().list("typmods")[0];
      const std::string n = limit.is("A_Const")
                                ? std::to_string(limit.child("ival").integer("ival"))
                                : std::string("n");
      ctx.report(s, span,
                 fmt::format("{}.{} is {}: changing its limit later is an ALTER COLUMN TYPE "
                             "under an ACCESS EXCLUSIVE lock (a full scan or rewrite when it "
                             "shrinks), while a CHECK on a text column can be replaced without "
                             "blocking",
                             table_of(s).display(), c.column(), ctx.migration().text(span)),
                 fmt::format("Use text with CHECK (char_length({}) <= {}) if the limit matters.",
                             quote_identifier(c.column()), n));
    }
  }
}

}  // namespace

extern const RuleInfo type_varchar_length{
    .id = "type-varchar-length",
    .category = Category::Type,
    .severity = Severity::Info,
    .enabled_by_default = false,
    .summary = "varchar(n): text with a CHECK on its length performs the same and can change "
               "its limit without blocking.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
