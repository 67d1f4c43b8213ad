#include "parse/nesting.hpp"

#include <algorithm>
#include <vector>

namespace zd::pg {
namespace {

// Keyword tokens, numbered as in pg_query.proto's `Token` enum, that separate the items
// of a flat list in the parse tree.
enum ListKeyword : int32_t { kAnd = 291, kElse = 397, kOr = 548, kThen = 669, kWhen = 712 };

bool separates(const Token& t) {
  switch (t.kind) {
    case kComma:
    case kSemicolon:
    case kAnd:
    case kElse:
    case kOr:
    case kThen:
    case kWhen: return true;
    default: return false;
  }
}

}  // namespace

size_t nesting_bound(std::span<const Token> tokens) {
  // runs[i]: tokens since the last separator at bracket level i; `depth` is their sum.
  std::vector<size_t> runs{0};
  size_t depth = 0;
  size_t deepest = 0;
  for (const Token& t : tokens) {
    if (separates(t)) {
      depth -= runs.back();
      runs.back() = 0;
    } else if (t.kind == kCloseParen || t.kind == kCloseBracket) {
      if (runs.size() > 1) {
        depth -= runs.back();
        runs.pop_back();
      }
    } else {
      ++runs.back();
      ++depth;
      if (t.kind == kOpenParen || t.kind == kOpenBracket) runs.push_back(0);
    }
    deepest = std::max(deepest, depth);
  }
  return deepest;
}

}  // namespace zd::pg
