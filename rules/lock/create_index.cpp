// lock-create-index: CREATE INDEX without CONCURRENTLY on an existing table.
#include <fmt/format.h>

#include "lint/rule.hpp"
#include "model/spans.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
`CREATE INDEX` takes a **SHARE** lock on the table for the whole build: reads continue,
but every `INSERT`, `UPDATE` and `DELETE` waits until the index has been built from a
full scan and sort of the table — minutes on a large table. While the lock request
queues behind a long-running query, it also holds up every write behind it.

## Example
```sql
CREATE INDEX idx_orders_customer ON orders (customer_id);
```

## Use instead
```sql
CREATE INDEX CONCURRENTLY idx_orders_customer ON orders (customer_id);
```
`CONCURRENTLY` takes SHARE UPDATE EXCLUSIVE, which lets reads and writes go on. It cannot
run inside a transaction block, so it needs its own migration (or the runner's
no-transaction mode). If it fails or is cancelled it leaves an INVALID index behind:
`DROP INDEX CONCURRENTLY` it before retrying.

Indexes on tables created earlier in the same migration are not reported: nobody else
can see those tables yet. On a materialized view the lock holds up `REFRESH MATERIALIZED
VIEW` (reads go on); `CONCURRENTLY` works there too.

On a **partitioned** table (when zerodown knows it is one) `CONCURRENTLY` is refused
("cannot create index on partitioned table concurrently"), and the plain form takes SHARE
on every partition. Build it per partition instead:
```sql
CREATE INDEX idx_events_ts ON ONLY events (ts);             -- invalid until attached
CREATE INDEX CONCURRENTLY idx_events_2024_ts ON events_2024 (ts);
ALTER INDEX idx_events_ts ATTACH PARTITION idx_events_2024_ts;
-- … one CREATE INDEX CONCURRENTLY and ATTACH per partition
```

## Fix safety
The fix inserts `CONCURRENTLY`. It is safe when the statement runs outside a transaction
block, and unsafe inside one (the statement would then fail: move it to its own
migration first).
)md";

// `CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name]`: the clause to point at.
ByteSpan head_span(const RuleContext& ctx, const Statement& s, ByteSpan& index_keyword) {
  const auto index_kw = keyword_span(ctx.migration(), s, "index");
  if (!index_kw) return first_line(ctx.migration(), s);
  index_keyword = *index_kw;
  ByteSpan head = from_start(s, *index_kw);
  const auto on = keyword_span(ctx.migration(), s, "on", index_kw->end);
  for (const auto& t : s.tokens) {
    if (t.begin < index_kw->end) continue;
    if (on && t.begin >= on->begin) break;
    head.end = t.end;  // IF NOT EXISTS and the name
  }
  return head;
}

constexpr std::string_view kPartitionedHelp =
    "On a partitioned table: CREATE INDEX … ON ONLY the parent, CREATE INDEX CONCURRENTLY on "
    "each partition, then ALTER INDEX parent_index ATTACH PARTITION partition_index for each.";

// Whose work the SHARE lock stops, and what is scanned: a table's writes, or a
// materialized view's refresh (nothing else writes to one; reads go on either way).
std::string blocked(const RelationState* r, const QualifiedName& table, bool partitioned) {
  if (r && r->kind == RelationKind::MaterializedView) {
    return "REFRESH MATERIALIZED VIEW " + table.name +
           " while the index builds from a full scan of the materialized view";
  }
  return "writes to " + table.name + (partitioned ? " and every partition" : "") +
         " while the index builds from a full scan of the table";
}

void check(const RuleContext& ctx) {
  for (const Statement& s : ctx.statements()) {
    if (!s.is("IndexStmt")) continue;
    const RelationLock* table = ctx.lock_on_existing(s, RelationRole::Table);
    if (!table) continue;
    // As last known: dynamic SQL in the history does not turn a partitioned table into a
    // plain one, nor a materialized view into a table.
    const RelationState* relation =
        ctx.catalog().last_known_relation(table->relation, ctx.sequence(s));
    const bool partitioned = relation && relation->partitioned;
    const bool only = !s.node.child("relation").flag("inh");
    ByteSpan index_keyword{};
    const ByteSpan span = head_span(ctx, s, index_keyword);
    const auto name = s.node.str("idxname");
    if (s.node.flag("concurrent")) {
      if (!partitioned) continue;
      Finding& f = ctx.report(
          s, span,
          fmt::format("CREATE INDEX CONCURRENTLY fails on the partitioned table {} (\"cannot "
                      "create index on partitioned table concurrently\")",
                      table->relation.display()),
          std::string(kPartitionedHelp));
      ctx.attach_locks(f, s);
      continue;
    }
    if (partitioned && only) continue;  // ON ONLY: catalog-only, the recipe's first step
    Finding& f = ctx.report(
        s, span,
        fmt::format("CREATE INDEX{}{} on {} takes a SHARE lock that blocks {}",
                    name.empty() ? "" : " ", name, table->relation.display(),
                    blocked(relation, table->relation, partitioned)),
        partitioned ? std::string(kPartitionedHelp)
                    : "Use CREATE INDEX CONCURRENTLY, outside a transaction block: reads and "
                      "writes go on while it builds. If it fails, drop the INVALID index it "
                      "leaves before retrying.");
    ctx.attach_locks(f, s);
    if (index_keyword.end > 0 && !partitioned) {
      f.fixes.push_back({"Build the index CONCURRENTLY", !ctx.at(s).in_transaction(),
                         {{{index_keyword.end, index_keyword.end}, " CONCURRENTLY"}}});
    }
  }
}

}  // namespace

extern const RuleInfo lock_create_index{
    .id = "lock-create-index",
    .category = Category::Lock,
    .severity = Severity::Error,
    .enabled_by_default = true,
    .summary = "CREATE INDEX without CONCURRENTLY blocks writes to an existing table while "
               "the index builds.",
    .docs = kDocs,
    .fixable = true,
    .check = check,
};

}  // namespace zd::rules
