// How deep a statement's parse tree can be, told from its tokens before it is parsed.
//
// libpg_query writes the parse tree out (as JSON) by plain recursion, without PostgreSQL's
// check_stack_depth(), so a statement nested deep enough overflows the stack of the thread
// that parses it: a crash, not an error. Bison's own stack holds only right nesting
// (`abs(abs(…))`, `- - - 1`, `NOT NOT …`) and stops it at 10,000 entries with "memory
// exhausted"; left nesting (`1+1+…+1`, `x::int::int…`, `a || b || …`) costs bison nothing
// and makes a tree as deep as the chain is long. On an 8 MiB stack the writer crashed between
// 60,000 and 70,000 levels of `1+1+…` (some 125 bytes of stack a level). zerodown now reads
// the parse nodes (parse/raw_tree.cpp) and stops at ParseTree::kMaxDepth, but the JSON path
// (parse_via_json, what the raw tree is checked against) still recurses, and the bound still
// decides which statements are analysed.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "parse/libpg_query.hpp"

namespace zd::pg {

// An upper bound on the nesting of the statements in `tokens` (comments excluded): at each
// token, the tokens since the last list separator at its bracket level, summed over the
// enclosing brackets. Separators are those of the lists PostgreSQL keeps flat: `,`, `;`,
// AND, OR (makeAndExpr/makeOrExpr flatten their chains) and CASE's WHEN, THEN, ELSE.
size_t nesting_bound(std::span<const Token> tokens);

// The same bound, token by token: the bound over the tokens seen so far. A file's bound is
// not the largest of its statements' (a `[` left open runs on past the `;`), so a file
// read in parts keeps one of these from its first token on.
class NestingBound {
 public:
  void see(const Token& t);
  size_t bound() const { return deepest_; }

 private:
  std::vector<size_t> runs_{0};  // runs_[i]: tokens since the last separator at bracket level i
  size_t depth_ = 0;             // their sum
  size_t deepest_ = 0;
};

// Above this bound a statement is not given to the parser: it is reported as nested too
// deeply. A left chain costs at least two tokens a level (operator and operand), so the
// deepest tree let through is some 15,000 levels, under 2 MiB of stack; right nesting
// that bison accepts (its 10,000 entries) stays below the bound and gets bison's own error.
inline constexpr size_t kMaxNesting = 30'000;

}  // namespace zd::pg
