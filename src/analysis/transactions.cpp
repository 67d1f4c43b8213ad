#include "analysis/transactions.hpp"

#include <fmt/format.h>

#include "analysis/nesting.hpp"

namespace zd {

bool is_begin(const Statement& s) {
  if (!s.is("TransactionStmt")) return false;
  const auto kind = s.node.str("kind");
  return kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START";
}

const Statement* transaction_opener(const RuleContext& ctx, const Statement& s) {
  if (!ctx.at(s).in_transaction()) return nullptr;
  // The first statement of the transaction is its BEGIN, or the COMMIT AND CHAIN before it
  // opened it.
  const Statement& t = ctx.statements()[ctx.transaction_of(s).first];
  if (is_begin(t) && !ctx.at(t).nested_begin) return &t;
  if (t.index > 0) {
    const Statement& before = ctx.statements()[t.index - 1];
    if (before.is("TransactionStmt") && before.node.flag("chain")) return &before;
  }
  return nullptr;
}

std::string describe_transaction(const RuleContext& ctx, const Statement& s) {
  if (runs_in_body_transaction(ctx, s)) {
    return describe_body(ctx.migration(), s) + ", which runs as one transaction";
  }
  if (const Statement* opener = transaction_opener(ctx, s)) {
    return fmt::format("the transaction block opened by {} on line {}",
                       is_begin(*opener) ? "BEGIN" : "COMMIT AND CHAIN", line_of(ctx, *opener));
  }
  const std::string& wrapper = ctx.options().transaction_wrapper;
  if (wrapper.empty() || wrapper.starts_with("--")) {
    return "the transaction block the migration runner wraps the file in "
           "(--assume-in-transaction)";
  }
  return "the transaction block " + wrapper + " wraps the file in";
}

bool runs_in_body_transaction(const RuleContext& ctx, const Statement& s) {
  return s.nested && !ctx.at(ctx.statements()[s.nested->parent]).in_transaction();
}

uint32_t line_of(const RuleContext& ctx, const Statement& s) {
  return ctx.migration().source().position(s.span.begin).line;
}

}  // namespace zd
