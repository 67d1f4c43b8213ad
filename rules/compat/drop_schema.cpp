// compat-drop-schema: DROP SCHEMA of a schema that existed before the migration, above all
// with CASCADE.
#include <fmt/format.h>

#include "analysis/file_objects.hpp"
#include "lint/rule.hpp"
#include "model/spans.hpp"
#include "parse/quote.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
`DROP SCHEMA … CASCADE` drops every table, view, sequence, function and type in the
schema, with their data, and whatever elsewhere depends on them (views, foreign keys,
column defaults): the application version still running fails on all of them as soon
as it commits, and only a restore brings the data back. Each table dropped takes an
ACCESS EXCLUSIVE lock, queued behind the queries running on it.

Without `CASCADE` the statement fails unless the schema is empty, so it breaks only
code that still creates or names objects in it; it is reported as well.

Schemas created earlier in the same file are not reported.

## Example
```sql
DROP SCHEMA reporting CASCADE;
```

## Use instead
Drop the objects one by one, each after the code that uses it is gone (so each gets its
own review), and the then-empty schema without CASCADE:
```sql
DROP TABLE reporting.daily_totals;
DROP SCHEMA reporting;
```
)md";

void check(const RuleContext& ctx) {
  for (const Statement& s : ctx.statements()) {
    if (!s.is("DropStmt") || s.node.str("removeType") != "OBJECT_SCHEMA") continue;
    const bool cascade = s.node.str("behavior") == "DROP_CASCADE";
    size_t i = 0;
    for (const Node object : s.node.list("objects")) {
      const size_t index = i++;
      const auto schema = object.string_value();
      if (schema_created_before(ctx, schema, s)) continue;
      const std::string message =
          cascade ? fmt::format("DROP SCHEMA {} CASCADE drops every table, view, function and "
                                "type in {} with their data, and what depends on them: the "
                                "application version still running fails on each of them as "
                                "soon as this commits",
                                schema, schema)
                  : fmt::format("DROP SCHEMA {} breaks the application version still running "
                                "if it still names objects in {}",
                                schema, schema);
      Finding& f = ctx.report(
          s, drop_object_span(ctx.migration(), s, index), message,
          fmt::format("Drop the objects in {0} one by one (DROP TABLE {0}.<table>; …), each "
                      "once no code uses it, then the empty schema: DROP SCHEMA {0};",
                      quote_identifier(schema)));
      ctx.attach_locks(f, s);
    }
  }
}

}  // namespace

extern const RuleInfo compat_drop_schema{
    .id = "compat-drop-schema",
    .category = Category::Compat,
    .severity = Severity::Warning,
    .enabled_by_default = true,
    .summary = "DROP SCHEMA (above all with CASCADE) drops what the running application version "
               "still uses, with its data.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
