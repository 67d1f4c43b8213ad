// unused-suppression: a zerodown-ignore comment that names an unknown rule or matched no
// finding. Reported by the engine itself.
#include "lint/rule.hpp"

namespace zd::rules {

extern const RuleInfo unused_suppression{
    .id = "unused-suppression",
    .category = Category::Meta,
    .severity = Severity::Warning,
    .enabled_by_default = true,
    .summary = "A zerodown-ignore comment names an unknown rule or suppresses nothing.",
    .docs = R"md(
## Why is this bad?
A suppression that matches nothing hides nothing today, but it will silently hide a real
finding the day the statement changes. One with a misspelt rule name never worked.

## Example
```sql
-- zerodown-ignore: lock-create-idx -- small table
CREATE INDEX CONCURRENTLY idx ON orders (id);
```

## Use instead
Name the rule exactly (`zerodown rules` lists them) and remove suppressions that no
longer match:
```sql
-- zerodown-ignore: lock-create-index -- orders has 20 rows
CREATE INDEX idx ON orders (id);
```
`-- zerodown-ignore: RULE[, RULE] -- reason` covers the statement after it (or, written on
the line where a statement ends, that statement); `-- zerodown-ignore-file: RULE`
covers the whole file.
)md",
};

}  // namespace zd::rules
