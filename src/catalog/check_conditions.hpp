// What a CHECK constraint proves, in the simple forms PostgreSQL's predicate prover also
// understands: a conjunction of comparisons of a column with constants. The catalog keeps
// them for each CHECK, so that ATTACH PARTITION can tell whether a validated CHECK already
// implies the partition's bounds (and PostgreSQL skips the scan).
#pragma once

#include <string>
#include <vector>

#include "model/node.hpp"

namespace zd {

struct CheckCondition {
  std::string column;
  std::string op;                   // ">=", ">", "<", "<=", "=", "IN", "IS NOT NULL"
  std::vector<std::string> values;  // the constants, as literal text (casts removed)
  friend bool operator==(const CheckCondition&, const CheckCondition&) = default;
};

// The conditions of `expr` (a CHECK's raw_expr) that are simple comparisons, each with
// the column on the left; conditions of other forms are left out (they prove nothing
// zerodown can use). Empty for an OR at the top.
std::vector<CheckCondition> check_conditions(Node expr);

// A constant's literal text: 'x', 'x'::date, DATE 'x' → "x"; 42 → "42". Empty when the
// expression is not a constant.
std::string constant_text(Node expr);

}  // namespace zd
