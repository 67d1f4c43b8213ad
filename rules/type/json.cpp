// type-json: json columns, where jsonb is what almost every use needs.
#include <fmt/format.h>

#include "analysis/column_types.hpp"
#include "lint/rule.hpp"
#include "parse/quote.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
`json` stores the document as text, exactly as written, and parses it again on every
access: every `->`, `->>` or `@>`-style lookup re-reads the whole value. It has no
equality operator, so a `json` column cannot be used in `DISTINCT`, `GROUP BY`, `UNION`
or a unique index (and some ORMs fail on it for that reason), and it cannot have a GIN
index for containment queries. `jsonb` stores a parsed binary form, supports all of
that, and is what almost every application wants. Converting later is an
`ALTER COLUMN … TYPE jsonb`: a rewrite of the table under an ACCESS EXCLUSIVE lock.

Keep `json` only where the exact text (key order, duplicate keys, whitespace) must be
preserved. An `ALTER COLUMN … TYPE json` on a column that already is `json` is not
reported again: it was reported where the column got the type. Off by default: enable it
with `--select type` or `--select type-json`.

## Example
```sql
ALTER TABLE events ADD COLUMN payload json;
```

## Use instead
```sql
ALTER TABLE events ADD COLUMN payload jsonb;
```
)md";

void check(const RuleContext& ctx) {
  for (const auto& [s, columns] : typed_columns(ctx)) {
    for (const TypedColumn& c : columns) {
      if (c.type != "json") continue;
      if (keeps_type(ctx, s, c, Same::Type)) continue;
      ctx.report(s, type_span(ctx.migration(), s, c.type_name()),
                 fmt::format("{}.{} is json: re-parsed on every access, with no equality "
                             "operator (no DISTINCT, GROUP BY or unique index) and no GIN "
                             "index; changing it later rewrites the table",
                             table_of(s).display(), c.column()),
                 fmt::format("Use jsonb for {}, unless the exact text of each document must "
                             "be kept.",
                             quote_identifier(c.column())));
    }
  }
}

}  // namespace

extern const RuleInfo type_json{
    .id = "type-json",
    .category = Category::Type,
    .severity = Severity::Info,
    .enabled_by_default = false,
    .summary = "json columns: jsonb is indexable, comparable and faster to query.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
