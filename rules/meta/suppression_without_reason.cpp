// suppression-without-reason: a zerodown-ignore comment that does not say why. Reported by
// the engine itself; `require_suppression_reason = true` in zerodown.toml turns it on.
#include "lint/rule.hpp"

namespace zd::rules {

extern const RuleInfo suppression_without_reason{
    .id = "suppression-without-reason",
    .category = Category::Meta,
    .severity = Severity::Warning,
    .enabled_by_default = false,
    .summary = "A zerodown-ignore comment does not say why the finding is acceptable.",
    .docs = R"md(
## Why is this bad?
A suppression hides a lock, a rewrite or a breaking change from every later review. Without
a reason, the next reader cannot tell a measured decision ("orders has 40 rows") from a
silenced warning, nor when the reason stops being true.

Off by default; `require_suppression_reason = true` in `zerodown.toml` (or
`--select suppression-without-reason`) turns it on. The suppression still applies: this
finding only asks for the reason.

## Example
```sql
-- zerodown-ignore: lock-create-index
CREATE INDEX idx_orders_note ON orders (note);
```

## Use instead
Give the reason after a second `--`:
```sql
-- zerodown-ignore: lock-create-index -- orders has 40 rows, it is a lookup table
CREATE INDEX idx_orders_note ON orders (note);
```
)md",
};

}  // namespace zd::rules
