#include "parse/chunks.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

namespace zd {
namespace pg {
namespace {

// Keyword tokens, numbered as in pg_query.proto's `Token` enum, that open and close a
// BEGIN ATOMIC body (CASE … END may come inside it).
enum BodyKeyword : int32_t { kAtomic = 300, kBegin = 307, kCase = 321, kEnd = 401 };

}  // namespace

void AtomicBody::see(const Token& t) {
  switch (t.kind) {
    case kAtomic: inside_ = inside_ || previous_ == kBegin; break;
    case kCase: open_cases_ += inside_ ? 1 : 0; break;
    case kEnd:
      if (open_cases_ > 0) {
        --open_cases_;
      } else {
        inside_ = false;
      }
      break;
    default: break;
  }
  previous_ = t.kind;
}

std::vector<Range> cut_into_chunks(std::span<const Token> tokens, uint32_t size,
                                   uint32_t chunk_bytes) {
  if (size <= chunk_bytes) return {{0, size}};  // most files: not worth a pass over the tokens
  std::vector<Range> chunks;
  uint32_t begin = 0;
  size_t parentheses = 0;
  AtomicBody body;
  for (const Token& t : tokens) {
    body.see(t);
    switch (t.kind) {
      case kOpenParen: ++parentheses; break;
      case kCloseParen: parentheses -= parentheses > 0 ? 1 : 0; break;
      case kSemicolon:
        if (parentheses == 0 && !body.inside() && t.end - begin >= chunk_bytes && t.end < size) {
          chunks.push_back({begin, t.end});
          begin = t.end;
        }
        break;
      default: break;
    }
  }
  chunks.push_back({begin, size});
  return chunks;
}

std::vector<Range> join_atomic_bodies(std::span<const Range> statements,
                                      std::span<const Token> tokens) {
  std::vector<Range> out;
  AtomicBody body;
  size_t next = 0;
  for (const Range& r : statements) {
    while (next < tokens.size() && tokens[next].begin < r.begin) body.see(tokens[next++]);
    if (!out.empty() && body.inside()) {
      out.back().end = r.end;  // the previous piece ended at a `;` inside the body
    } else {
      out.push_back(r);
    }
  }
  return out;
}

}  // namespace pg

void run_in_parallel(size_t n, unsigned threads, const std::function<void(size_t)>& work) {
  std::atomic<size_t> next{0};
  const auto take_until_done = [&] {
    for (size_t i = next++; i < n; i = next++) work(i);
  };
  std::vector<std::jthread> helpers;
  const size_t wanted = std::min<size_t>(threads, n);
  for (size_t t = 1; t < wanted; ++t) helpers.emplace_back(take_until_done);
  take_until_done();
  if (helpers.empty()) return;
  helpers.clear();  // joined
}

}  // namespace zd
