// Fixes more than one rule offers.
#pragma once

#include <string_view>

#include "lint/alter_table_walk.hpp"

namespace zd {

// Where text can be appended after a statement: past its `;` when it has one.
struct StatementEnd {
  uint32_t offset;
  bool has_semicolon;
};
StatementEnd statement_end(const Migration& m, const Statement& s);

// `ADD CONSTRAINT c …` → `ADD CONSTRAINT c … NOT VALID;` followed by
// `ALTER TABLE t VALIDATE CONSTRAINT c;`. Safe only outside a transaction block, where the
// VALIDATE runs in a transaction of its own.
Fix not_valid_then_validate(const RuleContext& ctx, const AlterSubcommand& sub,
                            std::string_view constraint);

}  // namespace zd
