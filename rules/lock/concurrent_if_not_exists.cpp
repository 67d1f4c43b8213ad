// lock-concurrent-if-not-exists: CREATE INDEX CONCURRENTLY IF NOT EXISTS hides an
// invalid index left by a failed earlier run.
#include <fmt/format.h>

#include "lint/rule.hpp"
#include "model/spans.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
When a `CREATE INDEX CONCURRENTLY` fails or is cancelled, it leaves an **INVALID** index
with the same name. Re-running the migration with `IF NOT EXISTS` then prints "already
exists, skipping" and reports success, and the invalid index — useless for reads, a cost
on every write — stays in production unnoticed.

Not reported when the same file drops the index with `DROP INDEX … IF EXISTS` before
creating it.

## Example
```sql
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_orders_status ON orders (status);
```

## Use instead
```sql
DROP INDEX CONCURRENTLY IF EXISTS idx_orders_status;
CREATE INDEX CONCURRENTLY idx_orders_status ON orders (status);
```
)md";

bool dropped_earlier(const RuleContext& ctx, const Statement& create, const QualifiedName& index) {
  for (const Statement& s : ctx.statements()) {
    if (s.index >= create.index) break;
    if (!s.is("DropStmt") || s.node.str("removeType") != "OBJECT_INDEX") continue;
    for (const Node object : s.node.list("objects")) {
      const auto dropped = name_of_list(object.list("items"));
      if (dropped.name == index.name && (dropped.schema == index.schema || dropped.schema == "public")) {
        return true;
      }
    }
  }
  return false;
}

void check(const RuleContext& ctx) {
  for (const Statement& s : ctx.statements()) {
    if (!s.is("IndexStmt") || !s.node.flag("concurrent") || !s.node.flag("if_not_exists")) {
      continue;
    }
    const RelationLock* table = ctx.lock_on_existing(s, RelationRole::Table);
    const auto name = s.node.str("idxname");
    if (!table || name.empty()) continue;
    const QualifiedName index = index_name(name, table->relation);
    if (dropped_earlier(ctx, s, index)) continue;
    const auto exists = keyword_span(ctx.migration(), s, "exists");
    Finding& f = ctx.report(
        s, exists ? from_start(s, *exists) : first_line(ctx.migration(), s),
        fmt::format("IF NOT EXISTS skips the build when an INVALID index {} from a failed "
                    "earlier run exists, and the migration reports success",
                    index.display()),
        fmt::format("Drop it first: DROP INDEX CONCURRENTLY IF EXISTS {}; then CREATE INDEX "
                    "CONCURRENTLY without IF NOT EXISTS.",
                    index.display()));
    ctx.attach_locks(f, s);
  }
}

}  // namespace

extern const RuleInfo lock_concurrent_if_not_exists{
    .id = "lock-concurrent-if-not-exists",
    .category = Category::Lock,
    .severity = Severity::Warning,
    .enabled_by_default = true,
    .summary = "CREATE INDEX CONCURRENTLY IF NOT EXISTS can hide an INVALID index left by a "
               "failed earlier run.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
