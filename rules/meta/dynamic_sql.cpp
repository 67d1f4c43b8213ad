// dynamic-sql: SQL a DO block or a called function runs that zerodown cannot see
// (EXECUTE of a string computed at run time, a body it cannot read), said once per body.
#include <fmt/format.h>

#include <map>

#include "lint/rule.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
zerodown checks the statements inside `DO` blocks and inside the PL/pgSQL functions and
procedures a migration calls like any other statement. An `EXECUTE` of a string built at
run time (from a variable, a parameter, a query result) runs SQL that only exists when
the migration runs: its locks, rewrites and transaction rules cannot be checked, and
whatever it does to the schema is unknown to zerodown from that point on (a column type
it knew, a table it saw created, are no longer taken for granted).

The same holds for a `DO` block in another language (`plpython3u` …), a function in
another language the migration calls, and a PL/pgSQL body that libpg_query cannot read
(it has no catalog: a `refcursor` variable, `FOR … IN EXECUTE` into a `record`).
Not reported: a function declared `IMMUTABLE` or `STABLE` (PostgreSQL refuses any write
in one, so it cannot change what zerodown knows), and a function named by a statement
that only stores the call for later — `CREATE VIEW`, a column `DEFAULT`, `CREATE TABLE`,
a policy or a trigger's `WHEN` — rather than running it.

This is information, not a fault: it says where the review has to be done by hand. It is
reported once per `DO` block or function body, at its first such place.

`EXECUTE` of a string literal, of literals joined with `||`, or of `format()` over literals
(`%s`, `%I`, `%L`) is resolved and checked like the statement it spells.

## Example
```sql
DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'audit' LOOP
    EXECUTE format('ALTER TABLE audit.%I ALTER COLUMN id TYPE bigint', t);
  END LOOP;
END $$;
```

## Use instead
Write the statements out, so that each can be checked (and suppressed with a reason where
it is safe):
```sql
ALTER TABLE audit.events_2023 ALTER COLUMN id TYPE bigint;
ALTER TABLE audit.events_2024 ALTER COLUMN id TYPE bigint;
```
or keep the loop, review what it runs by hand, and say so:
`-- zerodown-ignore: dynamic-sql -- reviewed: audit tables are small`.
)md";

void check(const RuleContext& ctx) {
  const auto& opaque = ctx.migration().opaque_code();
  std::map<uint32_t, size_t> per_body;  // holder → how many
  for (const OpaqueCode& o : opaque) ++per_body[o.holder];
  for (const OpaqueCode& o : opaque) {
    const auto count = per_body.find(o.holder);
    if (count->second == 0) continue;  // reported at its first place
    const std::string more = count->second > 1
                                 ? fmt::format(" ({} more such place{} in this body)",
                                               count->second - 1, count->second > 2 ? "s" : "")
                                 : "";
    count->second = 0;
    const Statement& parent = ctx.statements()[o.parent];
    const std::string via =
        o.parent != o.holder
            ? fmt::format(", run by the statement on line {}",
                          ctx.migration().source().position(parent.span.begin).line)
            : "";
    ctx.report(ctx.statements()[o.holder], o.span,
               fmt::format("{}{}: what it runs is not checked, and the schema is unknown to "
                           "zerodown after it{}",
                           o.why, via, more),
               "Review what it runs by hand; write the statements out (or EXECUTE literals) "
               "to have them checked.");
  }
}

}  // namespace

extern const RuleInfo dynamic_sql{
    .id = "dynamic-sql",
    .category = Category::Meta,
    .severity = Severity::Info,
    .enabled_by_default = true,
    .summary = "A DO block or called function runs SQL zerodown cannot see (EXECUTE of a string "
               "computed at run time), so that SQL is not checked.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
