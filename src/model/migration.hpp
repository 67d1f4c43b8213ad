// The model of one migration file: its statements (kind, parse-tree view, byte span,
// tokens) and its comments. Built once by parse_migration; read-only afterwards.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/node.hpp"
#include "parse/libpg_query.hpp"
#include "source/source.hpp"

namespace zd {

struct ByteSpan {
  uint32_t begin = 0;
  uint32_t end = 0;  // exclusive
};

struct SyntaxError {
  std::string message;
  uint32_t offset = 0;  // file byte offset
};

struct Statement {
  uint32_t index = 0;
  ByteSpan span;            // first to last token, without the terminating ';'
  uint32_t trivia_begin = 0;  // where the leading whitespace and comments start
  uint32_t location_base = 0;  // add to a node's location to get a file offset
  Node node;                // {"AlterTableStmt": …}; invalid when the statement did not parse
  std::span<const pg::Token> tokens;  // the statement's tokens, comments excluded
  std::optional<SyntaxError> error;

  std::string_view kind() const { return node.type(); }
  bool is(std::string_view k) const { return node.is(k); }
  uint32_t file_offset(uint32_t location) const { return location_base + location; }
};

struct Comment {
  ByteSpan span;
  std::string_view text;  // with its `--` or `/* */`
};

class Migration {
 public:
  explicit Migration(const Source& source) : source_(&source) {}

  const Source& source() const { return *source_; }
  std::string_view text() const { return source_->text(); }
  std::string_view text(ByteSpan s) const { return text().substr(s.begin, s.end - s.begin); }
  const std::vector<Statement>& statements() const { return statements_; }
  const std::vector<Comment>& comments() const { return comments_; }
  const std::vector<pg::Token>& tokens() const { return tokens_; }

  // The statement a comment belongs to: a comment that starts on the line where the
  // previous statement ends is that statement's trailing comment; any other comment
  // belongs to the next statement. nullptr after the last statement.
  const Statement* owner_of(const Comment& c) const;
  // The statement whose span (leading trivia included) holds `offset`.
  const Statement* statement_at(uint32_t offset) const;

 private:
  friend class MigrationBuilder;
  const Source* source_;
  std::vector<Statement> statements_;
  std::vector<Comment> comments_;
  std::vector<pg::Token> tokens_;  // comments excluded
  std::vector<std::shared_ptr<simdjson::dom::document>> documents_;
};

// Parses `source` into a Migration. Never fails: statements that do not parse carry
// their SyntaxError and every other statement is still modelled.
std::unique_ptr<Migration> parse_migration(const Source& source);

}  // namespace zd
