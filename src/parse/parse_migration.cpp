// Splitting and parsing a file. The fast path parses the whole file in one call, or a large
// file in chunks of whole statements (parse/chunks.hpp); if a chunk fails, the file is
// parsed whole, and if that fails, it is split with PostgreSQL's scanner and each statement
// is parsed alone, so one bad statement costs only itself. A chunk that fails only because
// of where it was cut thus changes nothing but the time taken.
#include <algorithm>
#include <atomic>
#include <span>
#include <string>

#include "model/migration.hpp"
#include "parse/chunk_pipeline.hpp"
#include "parse/chunks.hpp"
#include "parse/fast_scan.hpp"
#include "parse/libpg_query.hpp"
#include "parse/nesting.hpp"
#include "parse/prepare.hpp"
#include "source/gallop.hpp"

namespace zd {

class MigrationBuilder {
 public:
  MigrationBuilder(const Source& source, const PrepareOptions& options,
                   const ParseOptions& parse_options)
      : m_(std::make_unique<Migration>(source)),
        prepared_(blank_non_sql(source.text(), options).text), parse_options_(parse_options) {}

  std::unique_ptr<Migration> build() {
    if (parse_options_.threads > 1 && prepared_.size() > parse_options_.chunk_bytes) {
      return build_while_scanning();
    }
    return build_from(scan_tokens(pg::scan(prepared_)));
  }

 private:
  // `scanned_to`: how far the tokens go (scan_tokens).
  std::unique_ptr<Migration> build_from(uint32_t scanned_to) {
    const auto size = static_cast<uint32_t>(prepared_.size());
    if (scanned_to == size && pg::nesting_bound(m_->tokens_) <= pg::kMaxNesting) {
      const auto chunks = pg::cut_into_chunks(m_->tokens_, size, parse_options_.chunk_bytes);
      if ((chunks.size() > 1 && add_chunks(chunks, parse_chunks(chunks, parse_options_.threads))) ||
          parse_whole()) {
        return finish();
      }
    }
    parse_statement_by_statement();
    return finish();
  }

  // A large file with threads to spare: its chunks are parsed while the rest of it is being
  // scanned (parse/chunk_pipeline.hpp). Only the fast scanner tells its tokens as it goes;
  // when it gives up (it does on an unterminated literal too, so the scan ends in no error),
  // what was parsed is dropped and the file takes build_from's path from PostgreSQL's scan.
  std::unique_ptr<Migration> build_while_scanning() {
    pg::ChunkPipeline pipeline(static_cast<uint32_t>(prepared_.size()), parse_options_,
                               [this](pg::Range chunk) { return parse_chunk(chunk); });
    auto tokens =
        pg::fast_scan(prepared_, [&](std::span<const pg::Token> t) { pipeline.scanned(t); });
    if (!tokens) {
      pipeline.drop();
      return build_from(scan_tokens(pg::scan_with_postgres(prepared_)));
    }
    pipeline.scanned_all();
    keep_tokens(std::move(*tokens));  // while the helpers parse
    auto parsed = pipeline.parse_rest();
    if (!parsed.too_deep && (add_chunks(parsed.chunks, std::move(parsed.trees)) ||
                             (parsed.chunks.size() > 1 && parse_whole()))) {
      return finish();
    }
    parse_statement_by_statement();
    return finish();
  }

  // Tokens for the file, or for the part before an unterminated literal or comment
  // (everything after it belongs to that literal as far as PostgreSQL is concerned).
  uint32_t scan_tokens(pg::ScanResult scanned) {
    uint32_t limit = static_cast<uint32_t>(prepared_.size());
    if (scanned.error) {
      limit = static_cast<uint32_t>(scanned.error->offset);
      scanned = pg::scan(std::string(prepared_, 0, limit));
    }
    keep_tokens(std::move(scanned.tokens));
    return limit;
  }

  void keep_tokens(std::vector<pg::Token> tokens) {
    // The comments are taken out in place: a second array of the tokens would cost 16 bytes
    // a token (6 MB on a 2.5 MB file) while the file is scanned.
    size_t kept = 0;
    for (const auto& t : tokens) {
      if (t.is_comment()) {
        m_->comments_.push_back({{t.begin, t.end}, m_->text().substr(t.begin, t.end - t.begin)});
      } else {
        tokens[kept++] = t;
      }
    }
    tokens.resize(kept);
    m_->tokens_ = std::move(tokens);
  }

  // Each chunk's tree, or none when one does not parse.
  std::vector<std::shared_ptr<const ParseTree>> parse_chunks(const std::vector<pg::Range>& chunks,
                                                             unsigned threads) {
    std::vector<std::shared_ptr<const ParseTree>> trees(chunks.size());
    std::atomic<bool> failed = false;
    run_in_parallel(chunks.size(), threads, [&](size_t i) {
      if (failed) return;  // the file is parsed again anyway
      trees[i] = parse_chunk(chunks[i]);
      if (!trees[i]) failed = true;
    });
    if (failed) trees.clear();
    return trees;
  }

  bool parse_whole() {
    const std::vector<pg::Range> whole{{0, static_cast<uint32_t>(prepared_.size())}};
    return add_chunks(whole, parse_chunks(whole, 1));
  }

  // All or nothing: the statements of every chunk, or none when one did not parse (no trees).
  bool add_chunks(const std::vector<pg::Range>& chunks,
                  std::vector<std::shared_ptr<const ParseTree>> trees) {
    if (trees.empty()) return false;
    // Grown by doubling, the array of a 20,000-statement file was copied some 15 times.
    size_t statements = 0;
    for (const auto& tree : trees) statements += tree->root().list("stmts").size();
    m_->statements_.reserve(statements);
    uint32_t previous_end = 0;
    for (size_t i = 0; i < chunks.size(); ++i) {
      // Locations in a chunk's tree count from the chunk's start.
      const uint32_t base = chunks[i].begin;
      for (const Node raw : trees[i]->root().list("stmts")) {
        const auto loc = base + static_cast<uint32_t>(raw.integer("stmt_location"));
        const auto len = static_cast<uint32_t>(raw.integer("stmt_len"));
        const uint32_t end = len == 0 ? chunks[i].end : loc + len;
        add_statement({std::max(loc, previous_end), end}, raw.child("stmt"), base, std::nullopt);
        previous_end = end;
      }
      m_->trees_.push_back(std::move(trees[i]));
    }
    return true;
  }

  std::shared_ptr<const ParseTree> parse_chunk(pg::Range chunk) const {
    // libpg_query reads up to a NUL: only the last chunk can be read in place.
    auto parsed =
        chunk.end == prepared_.size()
            ? pg::parse(std::string_view(prepared_).substr(chunk.begin))
            : pg::parse(std::string(prepared_, chunk.begin, chunk.end - chunk.begin));
    return std::move(parsed.tree);
  }

  void parse_statement_by_statement() {
    auto split = pg::split(prepared_);
    uint32_t broken_from = static_cast<uint32_t>(prepared_.size());
    std::optional<pg::Error> split_error = split.error;
    uint32_t complete_to = broken_from;
    if (split.error) {
      broken_from = static_cast<uint32_t>(split.error->offset);
      split = pg::split(std::string(prepared_, 0, broken_from));
      // The statement that runs into the unterminated literal starts after the last ';'.
      const uint32_t last_semicolon = last_semicolon_before(broken_from);
      std::erase_if(split.statements, [&](const pg::Range& r) { return r.end > last_semicolon; });
      complete_to = last_semicolon;
    }
    for (const auto& range : pg::join_atomic_bodies(
             with_keywordless_statements(split.statements, complete_to), m_->tokens_)) {
      if (pg::nesting_bound(tokens_in(range)) > pg::kMaxNesting) {
        add_statement(range, {}, range.begin,
                      SyntaxError{"the statement is nested too deeply to be analysed (its "
                                  "operators, brackets and items chain more than " +
                                      std::to_string(pg::kMaxNesting) + " levels deep)",
                                  first_token_at(range)});
        continue;
      }
      const std::string text(prepared_, range.begin, range.end - range.begin);
      const auto parsed = pg::parse(text);
      if (parsed.error) {
        const pg::Error error = parsed.error->offset >= text.size()
                                    ? error_with_semicolon(range).value_or(*parsed.error)
                                    : *parsed.error;
        add_statement(range, {}, range.begin,
                      SyntaxError{error.message, range.begin + static_cast<uint32_t>(error.offset)});
        continue;
      }
      if (!parsed.tree) {
        add_statement(range, {}, range.begin,
                      SyntaxError{parsed.tree_failure == ParseTree::Failure::TooDeep
                                      ? "the statement is nested too deeply to be analysed (its "
                                        "parse tree is more than " +
                                            std::to_string(ParseTree::kMaxDepth) +
                                            " levels deep)"
                                      : "the parse tree of the statement could not be read",
                                  first_token_at(range)});
        continue;
      }
      for (const Node raw : parsed.tree->root().list("stmts")) {
        add_statement(range, raw.child("stmt"), range.begin, std::nullopt);
      }
      m_->trees_.push_back(parsed.tree);
    }
    if (split_error) {
      const uint32_t begin = statements_end();
      add_statement({begin, static_cast<uint32_t>(prepared_.size())}, {}, begin,
                    SyntaxError{split_error->message, broken_from});
    }
  }

  // The scanner split silently drops a statement without any keyword token (`SELEC 1;`,
  // a stray word): tokens outside its ranges (before `limit`) become statements of their
  // own, so that they are parsed and reported instead of vanishing.
  std::vector<pg::Range> with_keywordless_statements(const std::vector<pg::Range>& ranges,
                                                     uint32_t limit) const {
    std::vector<pg::Range> out;
    std::optional<pg::Range> pending;
    const auto flush = [&] {
      if (pending) out.push_back(*pending);
      pending.reset();
    };
    size_t r = 0;
    for (const auto& t : m_->tokens_) {
      if (t.begin >= limit) break;
      while (r < ranges.size() && ranges[r].end <= t.begin) {
        flush();
        out.push_back(ranges[r++]);
      }
      if (r < ranges.size() && ranges[r].begin <= t.begin) continue;  // inside a range
      if (t.kind == pg::kSemicolon) {
        flush();
      } else if (pending) {
        pending->end = t.end;
      } else {
        pending = pg::Range{t.begin, t.end};
      }
    }
    flush();
    while (r < ranges.size()) out.push_back(ranges[r++]);
    return out;
  }

  // Statements are asked for in file order, so the search for a range's tokens starts where
  // the last range's ended: a binary search over all of the file's tokens for each statement
  // missed the cache at nearly every step (1.5 % of a -j1 run's samples on the
  // 20,000-statement file, on the thread that reports; 0.1 % now).
  std::span<const pg::Token> tokens_in(pg::Range range) {
    const std::span<const pg::Token> tokens = m_->tokens_;
    const auto hint =
        tokens.begin() + static_cast<std::ptrdiff_t>(std::min(token_hint_, tokens.size()));
    const auto first_token =
        partition_point_from(tokens.begin(), tokens.end(), hint,
                             [&](const pg::Token& t) { return t.begin < range.begin; });
    const auto first = static_cast<size_t>(first_token - tokens.begin());
    const size_t last = first_token_from(tokens, first, range.end);
    token_hint_ = last;
    return tokens.subspan(first, last - first);
  }

  // The first token from `from` on that begins at or after `offset`, every token before
  // `from` beginning before it: galloping from `from`, so an answer close by takes a few steps.
  static size_t first_token_from(std::span<const pg::Token> tokens, size_t from, uint32_t offset) {
    const auto at =
        gallop_partition_point(tokens.begin() + static_cast<std::ptrdiff_t>(from), tokens.end(),
                               [&](const pg::Token& t) { return t.begin < offset; });
    return static_cast<size_t>(at - tokens.begin());
  }

  // A statement that ends too early, as PostgreSQL reports it: psql and the runners send it
  // with its `;`, which the error then names ("syntax error at or near ";""), where the
  // statement parsed alone, without it, is "syntax error at end of input". Nothing when no
  // `;` follows it (the file's last statement without one: PostgreSQL says end of input).
  std::optional<pg::Error> error_with_semicolon(pg::Range range) const {
    const std::span<const pg::Token> tokens = m_->tokens_;
    const size_t next = first_token_from(tokens, 0, range.end);
    if (next == tokens.size() || m_->text({tokens[next].begin, tokens[next].end}) != ";") {
      return std::nullopt;
    }
    return pg::parse(std::string(prepared_, range.begin, tokens[next].end - range.begin)).error;
  }

  // Where a statement's finding points: its first token, not the comments before it.
  uint32_t first_token_at(pg::Range range) {
    const auto tokens = tokens_in(range);
    return tokens.empty() ? range.begin : tokens.front().begin;
  }

  uint32_t last_semicolon_before(uint32_t offset) const {
    uint32_t last = 0;
    for (const auto& t : m_->tokens_) {
      if (t.begin >= offset) break;
      if (t.kind == pg::kSemicolon) last = t.end;
    }
    return last;
  }

  uint32_t statements_end() const {
    return m_->statements_.empty() ? 0 : m_->statements_.back().span.end + 1;
  }

  void add_statement(pg::Range range, Node node, uint32_t base,
                     std::optional<SyntaxError> error) {
    Statement st;
    st.index = static_cast<uint32_t>(m_->statements_.size());
    st.trivia_begin = range.begin;
    st.location_base = base;
    st.node = node;
    if (error) st.error = std::make_shared<const SyntaxError>(std::move(*error));
    auto tokens = tokens_in(range);
    while (!tokens.empty() && tokens.back().kind == pg::kSemicolon) {
      tokens = tokens.first(tokens.size() - 1);
    }
    st.tokens = tokens;
    if (!tokens.empty()) {
      st.span = {tokens.front().begin, tokens.back().end};
    } else {
      const uint32_t at = st.error ? std::min(st.error->offset, range.end) : range.begin;
      st.span = {at, std::max(at, range.end)};
    }
    if (st.error) st.span.end = std::max(st.span.end, std::min<uint32_t>(range.end, st.error->offset));
    m_->statements_.push_back(std::move(st));
  }

  std::unique_ptr<Migration> finish() {
    add_nested_statements(*m_, parse_options_.threads);
    return std::move(m_);
  }

  std::unique_ptr<Migration> m_;
  std::string prepared_;
  ParseOptions parse_options_;
  size_t token_hint_ = 0;  // where the last range's tokens ended (tokens_in)
};

std::unique_ptr<Migration> parse_migration(const Source& source) {
  return MigrationBuilder(source, {}, {}).build();
}

std::unique_ptr<Migration> parse_migration(const Source& source, const PrepareOptions& options,
                                           const ParseOptions& parse_options) {
  return MigrationBuilder(source, options, parse_options).build();
}

// Both look at the top-level statements only: they are in file order, and a comment
// inside a body is part of the body's string.
const Statement* Migration::statement_at(uint32_t offset) const {
  const auto it = std::upper_bound(
      top_level_.begin(), top_level_.end(), offset,
      [&](uint32_t o, uint32_t i) { return o < statements_[i].trivia_begin; });
  if (it == top_level_.begin()) return statements_.empty() ? nullptr : &statements_.front();
  return &statements_[*std::prev(it)];
}

const Statement* Migration::owner_of(const Comment& c) const {
  const auto next = std::upper_bound(
      top_level_.begin(), top_level_.end(), c.span.begin,
      [&](uint32_t o, uint32_t i) { return o < statements_[i].span.begin; });
  if (next != top_level_.begin()) {
    const Statement& previous = statements_[*std::prev(next)];
    if (c.span.begin >= previous.span.end &&
        source().position(previous.span.end).line == source().position(c.span.begin).line) {
      return &previous;
    }
    if (c.span.begin < previous.span.end) return &previous;  // a comment inside a statement
  }
  return next == top_level_.end() ? nullptr : &statements_[*next];
}

}  // namespace zd
