// A large file parsed in parts. libpg_query's memory for one parse grows with its input
// (measured when zerodown still read its JSON: some 26 bytes a byte of SQL while it built
// the JSON, the JSON itself six), and one call keeps one core busy; cut at statement ends, a 2.5 MB file is parsed in pieces that each
// need a few MiB, on as many threads as --jobs leaves free.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "parse/libpg_query.hpp"

namespace zd {

struct ParseOptions {
  // Threads, the calling one included, that may parse the chunks of one file at once.
  unsigned threads = 1;
  // A file's prepared text is cut into chunks of about this size, at the first statement
  // end past it; a file no larger is parsed whole. That is some 500 statements of a typical
  // migration: libpg_query's fixed cost per call is lost among them, and its memory for one
  // call stays near 2 MiB (65 MiB for the benchmark's 2.5 MB file parsed whole).
  uint32_t chunk_bytes = 64 * 1024;
};

namespace pg {

// Follows the tokens of a file, in order, to tell whether a BEGIN ATOMIC … END function
// body is open: its statements end with `;` that does not end the CREATE FUNCTION.
class AtomicBody {
 public:
  void see(const Token& t);
  bool inside() const { return inside_; }

 private:
  bool inside_ = false;
  size_t open_cases_ = 0;  // CASE … END within the body
  int32_t previous_ = 0;
};

// Where cut_into_chunks cuts, told token by token (comments excluded, in file order): for a
// file whose chunks are handed out while it is still being scanned.
class ChunkCutter {
 public:
  ChunkCutter(uint32_t size, uint32_t chunk_bytes) : size_(size), chunk_bytes_(chunk_bytes) {}
  // The chunk that ends with `t`, when the file is cut after it.
  std::optional<Range> see(const Token& t);
  // The chunk after the last cut, to the end of the file.
  Range rest() const { return {begin_, size_}; }

 private:
  uint32_t size_;
  uint32_t chunk_bytes_;
  uint32_t begin_ = 0;
  size_t parentheses_ = 0;
  AtomicBody body_;
};

// The chunks of `tokens` (a file of `size` bytes, comments excluded): consecutive ranges
// covering [0, size), each after the first starting just after a `;` token and each but
// the last ending with one. PostgreSQL's grammar takes a `;` as part of a statement in two
// places only: between the parenthesised actions of CREATE RULE … DO (a; b), and in a
// BEGIN ATOMIC … END body; no cut is made there. A single chunk: the file is not worth
// cutting.
std::vector<Range> cut_into_chunks(std::span<const Token> tokens, uint32_t size,
                                   uint32_t chunk_bytes);

// pg_query_split_with_scanner cuts at every `;` outside parentheses, also inside a BEGIN
// ATOMIC body, and each piece of such a function then fails to parse on its own: the pieces
// (`statements`, in file order) are joined back into the one statement PostgreSQL (and psql,
// which tracks such bodies) sees.
std::vector<Range> join_atomic_bodies(std::span<const Range> statements,
                                      std::span<const Token> tokens);

}  // namespace pg

// Runs work(0) … work(n - 1) on up to `threads` threads, the calling thread one of them
// (with one thread, all on the calling thread, in order); returns when all are done.
void run_in_parallel(size_t n, unsigned threads, const std::function<void(size_t)>& work);
// The same, telling each task which of the threads runs it: 0 the calling thread, then 1 …
// threads - 1.
void run_in_parallel(size_t n, unsigned threads,
                     const std::function<void(size_t task, unsigned worker)>& work);

}  // namespace zd
