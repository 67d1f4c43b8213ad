#include "parse/chunks.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
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

std::optional<Range> ChunkCutter::see(const Token& t) {
  body_.see(t);
  switch (t.kind) {
    case kOpenParen: ++parentheses_; break;
    case kCloseParen: parentheses_ -= parentheses_ > 0 ? 1 : 0; break;
    case kSemicolon:
      if (parentheses_ == 0 && !body_.inside() && t.end - begin_ >= chunk_bytes_ && t.end < size_) {
        const Range chunk{begin_, t.end};
        begin_ = t.end;
        return chunk;
      }
      break;
    default: break;
  }
  return std::nullopt;
}

std::vector<Range> cut_into_chunks(std::span<const Token> tokens, uint32_t size,
                                   uint32_t chunk_bytes) {
  if (size <= chunk_bytes) return {{0, size}};  // most files: not worth a pass over the tokens
  std::vector<Range> chunks;
  ChunkCutter cutter(size, chunk_bytes);
  for (const Token& t : tokens) {
    if (const auto chunk = cutter.see(t)) chunks.push_back(*chunk);
  }
  chunks.push_back(cutter.rest());
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

void run_in_parallel(size_t n, unsigned threads,
                     const std::function<void(size_t task, unsigned worker)>& work) {
  std::atomic<size_t> next{0};
  // What a task threw, on whichever thread: the first is rethrown to the caller once every
  // thread has stopped (one escaping a helper thread would end the process), and no task
  // starts after it.
  std::exception_ptr failure;
  std::once_flag failed;
  const auto take_until_done = [&](unsigned worker) {
    try {
      for (size_t i = next++; i < n; i = next++) work(i, worker);
    } catch (...) {
      std::call_once(failed, [&] { failure = std::current_exception(); });
      next = n;
    }
  };
  std::vector<std::jthread> helpers;
  const size_t wanted = std::min<size_t>(threads, n);
  for (unsigned t = 1; t < wanted; ++t) helpers.emplace_back(take_until_done, t);
  take_until_done(0);
  helpers.clear();  // joined
  if (failure) std::rethrow_exception(failure);
}

void run_in_parallel(size_t n, unsigned threads, const std::function<void(size_t)>& work) {
  run_in_parallel(n, threads, [&](size_t task, unsigned) { work(task); });
}

}  // namespace zd
