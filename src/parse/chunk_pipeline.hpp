// A large file's chunks parsed while the file is still being scanned. The chunks can only be
// cut once the tokens up to their ends exist, and scanning a 2.5 MB file takes some 10 ms on
// one thread: here each chunk is handed to the helper threads as soon as the scanner has
// passed its end, and the scanning thread joins them once the scan is done. The cuts are
// cut_into_chunks' (parse/chunks.hpp), the nesting bound nesting_bound's (parse/nesting.hpp),
// so a file parses exactly as if it had been scanned first.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

#include "model/parse_tree.hpp"
#include "parse/chunks.hpp"
#include "parse/libpg_query.hpp"
#include "parse/nesting.hpp"

namespace zd::pg {

class ChunkPipeline {
 public:
  // A chunk's tree, or null when it does not parse; called on any of the threads.
  using ParseChunk = std::function<std::shared_ptr<const ParseTree>(Range)>;

  // Starts options.threads - 1 helpers for a file of `size` bytes, larger than a chunk.
  ChunkPipeline(uint32_t size, const ParseOptions& options, ParseChunk parse);
  ~ChunkPipeline() { drop(); }
  ChunkPipeline(const ChunkPipeline&) = delete;
  ChunkPipeline& operator=(const ChunkPipeline&) = delete;

  // The next tokens of the file (comments included), on the scanning thread.
  void scanned(std::span<const Token> tokens);
  // After the last token: the last chunk is handed out.
  void scanned_all();

  struct Parsed {
    std::vector<Range> chunks;  // the file's, as cut_into_chunks cuts it
    // Each chunk's tree; empty when one did not parse.
    std::vector<std::shared_ptr<const ParseTree>> trees;
    bool too_deep = false;  // nesting_bound above kMaxNesting: nothing was parsed
  };
  // The calling thread parses the chunks left alongside the helpers; all are joined.
  Parsed parse_rest();
  // What was parsed is dropped; the helpers finish the chunk in hand and are joined.
  void drop();

 private:
  void hand_out(Range chunk);
  void parse_until_done();

  ParseChunk parse_;
  ChunkCutter cutter_;
  NestingBound nesting_;
  std::mutex mutex_;
  std::condition_variable ready_;
  // Guarded by mutex_:
  std::vector<Range> chunks_;  // handed out so far
  std::vector<std::shared_ptr<const ParseTree>> trees_;
  size_t next_ = 0;  // the first chunk no thread has taken
  bool all_handed_out_ = false;
  bool stopped_ = false;               // a chunk did not parse, or the work is dropped
  std::vector<std::jthread> helpers_;  // last: joined before the rest is destroyed
};

}  // namespace zd::pg
