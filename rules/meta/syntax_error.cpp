// syntax-error: a statement PostgreSQL would not parse. Reported by the engine itself.
#include "lint/rule.hpp"

namespace zd::rules {

extern const RuleInfo syntax_error{
    .id = "syntax-error",
    .category = Category::Meta,
    .severity = Severity::Error,
    .enabled_by_default = true,
    .summary = "A statement is not valid PostgreSQL syntax; it is skipped and the rest of the "
               "file is still checked.",
    .docs = R"md(
## Why is this bad?
PostgreSQL would reject the statement, so the migration fails at that point. zerodown
parses with PostgreSQL's own grammar (version 15): the finding points at the token where
parsing stopped, and every other statement of the file is still checked.

psql meta-commands (`\set`, `\i`, `\connect` …) and the data lines of
`COPY … FROM stdin` are recognised and skipped, not reported.

A PL/pgSQL function body is compiled when the function is created, so a body that does
not parse is reported at its `CREATE FUNCTION` — unless the file has turned
`check_function_bodies` off (as pg_dump's output does): PostgreSQL then creates the
function as written, and the body fails only when something calls it.

## Example
```sql
ALTER TABLE users ADD COLUMN;
```

## Use instead
Valid SQL. A statement with an unterminated quote, dollar quote or comment takes the
rest of the file with it, exactly as PostgreSQL would read it.
)md",
};

}  // namespace zd::rules
