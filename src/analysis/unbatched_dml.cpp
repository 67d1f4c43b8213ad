#include "analysis/unbatched_dml.hpp"

#include "analysis/batching.hpp"
#include "model/spans.hpp"

namespace zd {

std::optional<UnbatchedDml> unbatched_dml(const RuleContext& ctx, const Statement& s) {
  if (!s.is("UpdateStmt") && !s.is("DeleteStmt")) return std::nullopt;
  const RelationLock* table = ctx.lock_on_existing(s, RelationRole::Table);
  if (!table || is_runner_bookkeeping_table(table->relation.name) ||
      dml_bounds_a_batch(s.node)) {
    return std::nullopt;
  }
  const auto relation = node_name_span(s, s.node.child("relation"));
  return UnbatchedDml{table,
                      relation ? from_start(s, *relation) : first_line(ctx.migration(), s),
                      s.node.has("whereClause")};
}

}  // namespace zd
