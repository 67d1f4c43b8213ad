// type-char: char(n) / character(n) / bpchar, blank-padded strings; `"char"` is a
// different (1-byte internal) type and is fine.
#include <fmt/format.h>

#include "analysis/column_types.hpp"
#include "lint/rule.hpp"
#include "parse/quote.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
`char(n)` (`character(n)`, `bpchar`) pads every value with spaces to `n` characters. The
padding is ignored when two `char` values are compared but not always elsewhere: it is
dropped on a cast to `text`, so `LIKE`, concatenation, regular expressions and
client-side comparisons see different strings than `=` does. It is never faster than
`text` or `varchar` — the padding takes space — and a value shorter than `n` does not
"fit a fixed slot". `char` without a length is `char(1)`.

`"char"` (with the quotes) is a different type, PostgreSQL's 1-byte internal character,
and is not reported. Neither is an `ALTER COLUMN … TYPE` that leaves a column the `char(n)`
it already was: it was reported where the column got the type. Off by default: enable it
with `--select type` or `--select type-char`.

## Example
```sql
CREATE TABLE countries (code char(2) PRIMARY KEY, name text NOT NULL);
```

## Use instead
```sql
CREATE TABLE countries (
  code text PRIMARY KEY CHECK (char_length(code) = 2),
  name text NOT NULL
);
```
)md";

void check(const RuleContext& ctx) {
  for (const auto& [s, columns] : typed_columns(ctx)) {
    for (const TypedColumn& c : columns) {
      if (c.type != "bpchar") continue;
      if (keeps_type(ctx, s, c, Same::Modifiers)) continue;
      const ByteSpan span = type_span(ctx.migration(), s, c.type_name());
      ctx.report(s, span,
                 fmt::format("{}.{} is {}: values are blank-padded, the padding counts in "
                             "some operations (LIKE, casts to text, clients) and not in others "
                             "(=), and it is no faster than text",
                             table_of(s).display(), c.column(), ctx.migration().text(span)),
                 fmt::format("Use text for {0}, with a CHECK on char_length({0}) if the length "
                             "matters.",
                             quote_identifier(c.column())));
    }
  }
}

}  // namespace

extern const RuleInfo type_char{
    .id = "type-char",
    .category = Category::Type,
    .severity = Severity::Info,
    .enabled_by_default = false,
    .summary = "char(n) pads values with spaces that some operations see and others ignore; "
               "use text.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
