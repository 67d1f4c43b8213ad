// The model of one migration file: its statements (kind, parse-tree view, byte span,
// tokens) and its comments. Built once by parse_migration; read-only afterwards.
#pragma once

#include <algorithm>
#include <deque>
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

// Where a statement inside a DO block or a PL/pgSQL function body runs and where its text
// is (parse/nested_statements.cpp). PostgreSQL runs the body as part of the top-level
// statement that starts it, in that statement's transaction.
struct Nesting {
  uint32_t parent = 0;   // the top-level statement it runs during: the DO, the CALL, the SELECT
  uint32_t body_of = 0;  // the top-level statement holding its text: the DO, CREATE FUNCTION
  ByteSpan call;         // the function's name at the call that runs it (empty in a DO block)
  // Inside a LOOP, WHILE or FOR of the body that has no COMMIT: it may run many times, all
  // in one transaction.
  bool in_loop = false;
  // How many COMMIT/ROLLBACK of the body come before it: each starts a new transaction.
  uint32_t transaction_part = 0;
  // Its text is not always a verbatim copy of the file (a body in '…' with doubled quotes,
  // PERFORM read as SELECT, an EXECUTE string built with || or format()): the file offset
  // of each byte of its text, and of its end. Empty: verbatim.
  std::span<const uint32_t> offset_map;
};

// A large file has a Statement for every statement, all kept while the file is checked: the
// fields are laid out without padding, and what few statements have (an error, where a
// nested statement runs and how its text maps to the file) is held by pointer: 80 bytes a
// statement, where the Nesting and a SyntaxError in place took 152.
struct Statement {
  uint32_t index = 0;
  ByteSpan span;            // first to last token, without the terminating ';'
  uint32_t trivia_begin = 0;  // where the leading whitespace and comments start
  uint32_t location_base = 0;  // add to a node's location to get a file offset
  // Set on a statement of a DO block or function body (held by its Migration).
  const Nesting* nested = nullptr;
  Node node;                // {"AlterTableStmt": …}; invalid when the statement did not parse
  std::span<const pg::Token> tokens;  // the statement's tokens, comments excluded
  std::shared_ptr<const SyntaxError> error;  // null: the statement parsed

  std::string_view kind() const { return node.type(); }
  bool is(Key type) const { return node.is(type); }
  uint32_t file_offset(uint32_t location) const {
    if (!nested || nested->offset_map.empty()) return location_base + location;
    const auto& map = nested->offset_map;
    return map[std::min<size_t>(location, map.size() - 1)];
  }
};

// SQL a body runs that zerodown cannot see: EXECUTE of a computed string, a body that could
// not be analysed. What it does to the schema is unknown from there on.
struct OpaqueCode {
  ByteSpan span;           // the expression or body
  uint32_t after = 0;      // runs after this statement (in execution order)
  uint32_t parent = 0;     // the top-level statement it runs during
  uint32_t holder = 0;     // the top-level statement whose text holds `span`
  std::string why;         // "EXECUTE of a string computed at run time"
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
  // The statements written at the top level of the file, in order (`statements()` also
  // holds those of DO blocks and called function bodies, in execution order).
  const std::vector<uint32_t>& top_level() const { return top_level_; }
  const std::vector<OpaqueCode>& opaque_code() const { return opaque_code_; }  // by `after`

  // The statement a comment belongs to: a comment that starts on the line where the
  // previous statement ends is that statement's trailing comment; any other comment
  // belongs to the next statement. nullptr after the last statement.
  const Statement* owner_of(const Comment& c) const;
  // The statement whose span (leading trivia included) holds `offset`.
  const Statement* statement_at(uint32_t offset) const;

 private:
  friend class MigrationBuilder;
  friend class NestedStatements;
  const Source* source_;
  std::vector<Statement> statements_;
  std::vector<uint32_t> top_level_;
  std::vector<OpaqueCode> opaque_code_;
  // Storage the nested statements' views point into.
  std::deque<std::vector<pg::Token>> nested_tokens_;
  std::deque<std::vector<uint32_t>> offset_maps_;
  std::deque<Nesting> nestings_;
  std::vector<Comment> comments_;
  std::vector<pg::Token> tokens_;  // comments excluded
  std::vector<std::shared_ptr<const ParseTree>> trees_;  // the nodes' storage
};

// Adds the statements of DO blocks and of PL/pgSQL function bodies the file calls
// (parse/nested_statements.cpp); part of parse_migration. Many bodies are read on up to
// `threads` threads.
void add_nested_statements(Migration& m, unsigned threads = 1);

// Parses `source` into a Migration. Never fails: statements that do not parse carry
// their SyntaxError and every other statement is still modelled.
std::unique_ptr<Migration> parse_migration(const Source& source);

}  // namespace zd
