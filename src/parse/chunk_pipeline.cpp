#include "parse/chunk_pipeline.hpp"

#include <utility>

namespace zd::pg {

ChunkPipeline::ChunkPipeline(uint32_t size, const ParseOptions& options, ParseChunk parse)
    : parse_(std::move(parse)), cutter_(size, options.chunk_bytes) {
  for (unsigned t = 1; t < options.threads; ++t) {
    helpers_.emplace_back([this] { parse_until_done(); });
  }
}

void ChunkPipeline::scanned(std::span<const Token> tokens) {
  for (const Token& t : tokens) {
    if (t.is_comment()) continue;
    nesting_.see(t);
    if (const auto chunk = cutter_.see(t)) hand_out(*chunk);
  }
}

void ChunkPipeline::scanned_all() {
  hand_out(cutter_.rest());
  {
    const std::lock_guard lock(mutex_);
    all_handed_out_ = true;
  }
  ready_.notify_all();
}

// A chunk is parsed only if the bound over the file up to its end allows it: the bound over
// the whole file is the same computation carried on, so it is above kMaxNesting exactly when
// some chunk's is, and then the file is not parsed in chunks at all.
void ChunkPipeline::hand_out(Range chunk) {
  {
    const std::lock_guard lock(mutex_);
    chunks_.push_back(chunk);
    trees_.emplace_back();
    if (nesting_.bound() > kMaxNesting) {
      stopped_ = true;
      return;
    }
  }
  ready_.notify_one();
}

void ChunkPipeline::parse_until_done() {
  std::unique_lock lock(mutex_);
  for (;;) {
    ready_.wait(lock, [&] { return stopped_ || next_ < chunks_.size() || all_handed_out_; });
    if (stopped_ || next_ == chunks_.size()) return;
    const size_t i = next_++;
    const Range chunk = chunks_[i];
    lock.unlock();
    auto tree = parse_(chunk);
    lock.lock();
    if (!tree) stopped_ = true;  // the file is parsed again anyway
    trees_[i] = std::move(tree);
  }
}

ChunkPipeline::Parsed ChunkPipeline::parse_rest() {
  parse_until_done();
  helpers_.clear();  // joined
  Parsed out;
  out.chunks = std::move(chunks_);
  out.too_deep = nesting_.bound() > kMaxNesting;
  if (!stopped_) out.trees = std::move(trees_);
  return out;
}

void ChunkPipeline::drop() {
  {
    const std::lock_guard lock(mutex_);
    stopped_ = true;
  }
  ready_.notify_all();
  helpers_.clear();  // joined
}

}  // namespace zd::pg
