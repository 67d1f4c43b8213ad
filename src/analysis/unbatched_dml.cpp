#include "analysis/unbatched_dml.hpp"

#include <algorithm>
#include <optional>

#include "analysis/batching.hpp"
#include "analysis/nesting.hpp"
#include "lint/alter_table_walk.hpp"
#include "model/spans.hpp"

namespace zd {
namespace {

std::optional<UnbatchedDml> judge(const RuleContext& ctx, const Statement& s) {
  const RelationLock* table = ctx.lock_on_existing(s, RelationRole::Table);
  bool batch = dml_bounds_a_batch(s.node);
  // Only a WHERE on a column the catalog knows to be unique can change the answer: the
  // catalog (which reads every index of the table) is asked only then.
  if (!batch && table && s.node.has("whereClause")) {
    batch = dml_bounds_a_batch(s.node, ctx.catalog().unique_columns(table->relation,
                                                                    ctx.sequence(s)));
  }
  const bool looped = batch && s.nested && s.nested->in_loop;
  // A table the file created stays out of the running application's reach even after SQL
  // zerodown cannot read: nobody waits on its row locks.
  if (!table || is_runner_bookkeeping_table(table->relation.name) || (batch && !looped) ||
      ctx.is_new(table->relation, s)) {
    return std::nullopt;
  }
  const auto relation = node_name_span(s, s.node.child("relation"));
  return UnbatchedDml{s, table,
                      relation ? from_start(s, *relation) : first_line(ctx.migration(), s),
                      s.node.has("whereClause"), looped};
}

}  // namespace

const std::vector<UnbatchedDml>& unbatched_dml(const RuleContext& ctx) {
  return ctx.memo().unbatched_dml.get([&](std::vector<UnbatchedDml>& judged) {
    for (const Statement& s : ctx.statements()) {
      if (!s.is("UpdateStmt") && !s.is("DeleteStmt")) continue;
      if (auto dml = judge(ctx, s)) judged.push_back(*dml);
    }
  });
}

const UnbatchedDml* unbatched_dml(const RuleContext& ctx, const Statement& s) {
  const auto& all = unbatched_dml(ctx);
  const auto it =
      std::lower_bound(all.begin(), all.end(), s.index,
                       [](const UnbatchedDml& d, uint32_t i) { return d.statement.index < i; });
  return it != all.end() && it->statement.index == s.index ? &*it : nullptr;
}

std::string dml_scope(const RuleContext& ctx, const UnbatchedDml& dml, std::string_view all_rows) {
  if (dml.looped) {
    return "in batches, but a loop without COMMIT repeats them in one transaction, in " +
           describe_body(ctx.migration(), dml.statement);
  }
  if (dml.has_where) return "with a WHERE that does not bound a batch in one statement";
  return std::string(all_rows) + " in one statement";
}

}  // namespace zd
