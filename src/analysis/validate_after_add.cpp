#include "analysis/validate_after_add.hpp"

namespace zd {

const Statement* added_in_same_transaction(const RuleContext& ctx, const Statement& validate,
                                           const QualifiedName& table, Node command) {
  const StatementContext& here = ctx.at(validate);
  if (!here.in_transaction()) return nullptr;
  const ConstraintState* c =
      ctx.catalog().constraint(table, command.str("name"), ctx.sequence(validate));
  if (!c || c->validated || c->transaction != here.transaction) return nullptr;
  return &ctx.statements()[ctx.statement_index(c->added_by)];
}

}  // namespace zd
