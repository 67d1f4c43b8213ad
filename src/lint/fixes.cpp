#include "lint/fixes.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "parse/quote.hpp"

namespace zd {

StatementEnd statement_end(const Migration& m, const Statement& s) {
  const auto& tokens = m.tokens();
  const auto it = std::lower_bound(tokens.begin(), tokens.end(), s.span.end,
                                   [](const pg::Token& t, uint32_t o) { return t.begin < o; });
  if (it != tokens.end() && it->kind == pg::kSemicolon) return {it->end, true};
  return {s.span.end, false};
}

Fix not_valid_then_validate(const RuleContext& ctx, const AlterSubcommand& sub,
                            std::string_view constraint) {
  const StatementEnd end = statement_end(ctx.migration(), sub.statement);
  const std::string validate =
      fmt::format("{}\nALTER TABLE {} VALIDATE CONSTRAINT {};", end.has_semicolon ? "" : ";",
                  sub.table.relation.sql(), quote_identifier(constraint));
  return {"Add the constraint NOT VALID, then VALIDATE it in its own statement",
          !ctx.at(sub.statement).in_transaction(),
          {{{sub.span.end, sub.span.end}, " NOT VALID"}, {{end.offset, end.offset}, validate}}};
}

}  // namespace zd
