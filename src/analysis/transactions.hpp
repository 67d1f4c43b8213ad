// Transaction blocks as the tx-* rules talk about them: which statement opened the block
// a statement runs in, and how to say so in a message.
#pragma once

#include <string>

#include "lint/rule.hpp"

namespace zd {

bool is_begin(const Statement& s);  // BEGIN or START TRANSACTION

// The statement of the file that opened the transaction block `s` runs in: its BEGIN (or
// the COMMIT AND CHAIN before it). nullptr when `s` runs outside a transaction block or
// in the one the migration runner wraps the file in (--assume-in-transaction).
const Statement* transaction_opener(const RuleContext& ctx, const Statement& s);

// "the transaction block opened by BEGIN on line 3", "the transaction block the
// migration runner wraps the file in (--assume-in-transaction)", or "the DO block on
// line 2, which runs as one transaction".
std::string describe_transaction(const RuleContext& ctx, const Statement& s);

// Is `s` a statement of a DO block or function body whose top-level statement runs outside
// a transaction block, so in a transaction of its own (the body's COMMITs aside)?
bool runs_in_body_transaction(const RuleContext& ctx, const Statement& s);

// 1-based line of a statement's first token.
uint32_t line_of(const RuleContext& ctx, const Statement& s);

}  // namespace zd
