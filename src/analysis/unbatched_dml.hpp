// An UPDATE or DELETE that touches an unbounded set of rows of an existing table: the
// shared judgement behind data-unbatched-update, data-unbatched-delete and the "slow
// statement" test of lock-held-across-statements.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lint/rule.hpp"

namespace zd {

struct UnbatchedDml {
  const Statement& statement;
  const RelationLock* table;  // the statement's ROW EXCLUSIVE lock on the table
  ByteSpan head;              // "UPDATE users" / "DELETE FROM users"
  bool has_where;
  // A batch that a loop of a DO block or function repeats in one transaction (no COMMIT
  // in the loop): all its batches hold their row locks until that transaction ends.
  bool looped = false;
};

// Every such UPDATE and DELETE of the file, in statement order. Three rules ask, and the
// answer takes the catalog's unique columns: it is judged once per file (RuleMemo), and
// only these statements are kept.
const std::vector<UnbatchedDml>& unbatched_dml(const RuleContext& ctx);
// The statement's, when it is one of them.
const UnbatchedDml* unbatched_dml(const RuleContext& ctx, const Statement& s);

// How the rows are touched, for a message: "with a WHERE that does not bound a batch in
// one statement", `all_rows` + " in one statement", or the loop that repeats the batches.
std::string dml_scope(const RuleContext& ctx, const UnbatchedDml& dml, std::string_view all_rows);

}  // namespace zd
