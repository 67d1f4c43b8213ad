// An UPDATE or DELETE that touches an unbounded set of rows of an existing table: the
// shared judgement behind data-unbatched-update, data-unbatched-delete and the "slow
// statement" test of lock-held-across-statements.
#pragma once

#include <optional>

#include "lint/rule.hpp"

namespace zd {

struct UnbatchedDml {
  const RelationLock* table;  // the statement's ROW EXCLUSIVE lock on the table
  ByteSpan head;              // "UPDATE users" / "DELETE FROM users"
  bool has_where;
};

std::optional<UnbatchedDml> unbatched_dml(const RuleContext& ctx, const Statement& s);

}  // namespace zd
