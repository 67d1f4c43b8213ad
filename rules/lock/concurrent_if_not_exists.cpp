// lock-concurrent-if-not-exists: CREATE INDEX CONCURRENTLY IF NOT EXISTS hides an
// invalid index left by a failed earlier run.
#include <fmt/format.h>

#include <algorithm>
#include <map>

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

// The DROP INDEX statements of the file, by index name: (schema as written, statement).
using Drops = std::multimap<std::string_view, std::pair<std::string, uint32_t>>;
Drops index_drops(const RuleContext& ctx) {
  Drops drops;
  for (const Statement& s : ctx.statements()) {
    if (!s.is("DropStmt") || s.node.str("removeType") != "OBJECT_INDEX") continue;
    for (const Node object : s.node.list("objects")) {
      const NodeList items = object.list("items");
      if (items.empty()) continue;
      const auto dropped = name_of_list(items);
      drops.emplace(items[items.size() - 1].string_value(), std::pair{dropped.schema, s.index});
    }
  }
  return drops;
}

bool dropped_earlier(const Drops& drops, const Statement& create, const QualifiedName& index) {
  const auto [begin, end] = drops.equal_range(index.name);
  return std::any_of(begin, end, [&](const auto& drop) {
    const auto& [schema, statement] = drop.second;
    return statement < create.index && (schema == index.schema || schema == "public");
  });
}

void check(const RuleContext& ctx) {
  const Drops drops = index_drops(ctx);
  for (const Statement& s : ctx.statements()) {
    if (!s.is("IndexStmt") || !s.node.flag("concurrent") || !s.node.flag("if_not_exists")) {
      continue;
    }
    const RelationLock* table = ctx.lock_on_existing(s, RelationRole::Table);
    const auto name = s.node.str("idxname");
    if (!table || name.empty()) continue;
    const QualifiedName index = index_name(name, table->relation);
    if (dropped_earlier(drops, s, index)) continue;
    const auto exists = keyword_span(ctx.migration(), s, "exists");
    Finding& f = ctx.report(
        s, exists ? from_start(s, *exists) : first_line(ctx.migration(), s),
        fmt::format("IF NOT EXISTS skips the build when an INVALID index {} from a failed "
                    "earlier run exists, and the migration reports success",
                    index.display()),
        fmt::format("Drop it first: DROP INDEX CONCURRENTLY IF EXISTS {}; then CREATE INDEX "
                    "CONCURRENTLY without IF NOT EXISTS.",
                    index.sql()));
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
