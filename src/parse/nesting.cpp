#include "parse/nesting.hpp"

#include <algorithm>

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

void NestingBound::see(const Token& t) {
  if (separates(t)) {
    depth_ -= runs_.back();
    runs_.back() = 0;
  } else if (t.kind == kCloseParen || t.kind == kCloseBracket) {
    if (runs_.size() > 1) {
      depth_ -= runs_.back();
      runs_.pop_back();
    }
  } else {
    ++runs_.back();
    ++depth_;
    if (t.kind == kOpenParen || t.kind == kOpenBracket) runs_.push_back(0);
  }
  deepest_ = std::max(deepest_, depth_);
}

// Flattened: every file is checked once whole, and `see` called out of line took twice the
// instructions of the loop it was taken from.
[[gnu::flatten]] size_t nesting_bound(std::span<const Token> tokens) {
  NestingBound nesting;
  for (const Token& t : tokens) nesting.see(t);
  return nesting.bound();
}

}  // namespace zd::pg
