#include "analysis/unbatched_dml.hpp"

#include "analysis/batching.hpp"
#include "analysis/nesting.hpp"
#include "model/spans.hpp"

namespace zd {

std::optional<UnbatchedDml> unbatched_dml(const RuleContext& ctx, const Statement& s) {
  if (!s.is("UpdateStmt") && !s.is("DeleteStmt")) return std::nullopt;
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
  return UnbatchedDml{table,
                      relation ? from_start(s, *relation) : first_line(ctx.migration(), s),
                      s.node.has("whereClause"), looped};
}

std::string dml_scope(const RuleContext& ctx, const Statement& s, const UnbatchedDml& dml,
                      std::string_view all_rows) {
  if (dml.looped) {
    return "in batches, but a loop without COMMIT repeats them in one transaction, in " +
           describe_body(ctx.migration(), s);
  }
  if (dml.has_where) return "with a WHERE that does not bound a batch in one statement";
  return std::string(all_rows) + " in one statement";
}

}  // namespace zd
