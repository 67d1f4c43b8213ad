// An UPDATE or DELETE that touches an unbounded set of rows of an existing table: the
// shared judgement behind data-unbatched-update, data-unbatched-delete and the "slow
// statement" test of lock-held-across-statements.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "lint/rule.hpp"

namespace zd {

struct UnbatchedDml {
  const RelationLock* table;  // the statement's ROW EXCLUSIVE lock on the table
  ByteSpan head;              // "UPDATE users" / "DELETE FROM users"
  bool has_where;
  // A batch that a loop of a DO block or function repeats in one transaction (no COMMIT
  // in the loop): all its batches hold their row locks until that transaction ends.
  bool looped = false;
};

std::optional<UnbatchedDml> unbatched_dml(const RuleContext& ctx, const Statement& s);

// How the rows are touched, for a message: "with a WHERE that does not bound a batch in
// one statement", `all_rows` + " in one statement", or the loop that repeats the batches.
std::string dml_scope(const RuleContext& ctx, const Statement& s, const UnbatchedDml& dml,
                      std::string_view all_rows);

}  // namespace zd
