// RAII wrappers around libpg_query. Every result is freed here; callers see plain values.
// Error positions are converted from libpg_query's 1-based character cursor to byte offsets.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/parse_tree.hpp"

namespace zd::pg {

struct Error {
  std::string message;
  size_t offset = 0;  // byte offset into the input
  friend bool operator==(const Error&, const Error&) = default;
};

struct Range {
  uint32_t begin = 0;
  uint32_t end = 0;
};

struct SplitResult {
  std::vector<Range> statements;
  std::optional<Error> error;
};
// Splits with PostgreSQL's own scanner: survives statements that do not parse.
// `text` must be NUL-terminated at text.size().
SplitResult split(std::string_view text);

// Token kinds of interest, numbered as in pg_query.proto's `Token` enum.
enum TokenKind : int32_t {
  kSemicolon = 59,
  kComma = 44,
  kOpenParen = 40,
  kCloseParen = 41,
  kOpenBracket = 91,
  kCloseBracket = 93,
  kDot = 46,
  kIdent = 258,
  kSConst = 261,
  kSqlComment = 275,
  kCComment = 276,
};

// Keyword categories, numbered as in pg_query.proto's `KeywordKind` enum (PostgreSQL's
// kwlist.h category + 1). Only an unreserved keyword can stand anywhere a name can.
enum KeywordKind : uint16_t {
  kNoKeyword = 0,
  kUnreservedKeyword = 1,
  kColNameKeyword = 2,
  kTypeFuncNameKeyword = 3,
  kReservedKeyword = 4,
};

// 12 bytes: a large file has a token for every six or seven bytes of SQL, all kept while the
// file is checked. pg_query.proto's Token numbers end at 745 (UMINUS) and its KeywordKind at 4,
// so both fit 16 bits.
struct Token {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint16_t kind = 0;
  uint16_t keyword_kind = 0;  // 0: not a keyword
  bool is_comment() const { return kind == kSqlComment || kind == kCComment; }
};

struct ScanResult {
  std::vector<Token> tokens;
  std::optional<Error> error;
};
// The tokens of `text`, comments included: from fast_scan (parse/fast_scan.hpp) when it can,
// else from pg_query_scan.
ScanResult scan(std::string_view text);
// Always pg_query_scan: what fast_scan is checked against.
ScanResult scan_with_postgres(std::string_view text);

struct ParseResult {
  std::shared_ptr<const ParseTree> tree;  // null when the SQL or its tree could not be read
  std::optional<Error> error;             // PostgreSQL's syntax error
  ParseTree::Failure tree_failure = ParseTree::Failure::None;
  // The same error, or the same tree (by its contents).
  friend bool operator==(const ParseResult& a, const ParseResult& b);
};
// `text` must be NUL-terminated at text.size(). The tree is read from libpg_query's parse
// nodes themselves (parse/raw_tree.cpp), not from the JSON pg_query_parse would write of
// them: the same tree, for half the parse's time.
ParseResult parse(std::string_view text);
// The same, through pg_query_parse's JSON: what `parse` is checked against.
ParseResult parse_via_json(std::string_view text);

// PL/pgSQL: `text` is one CREATE FUNCTION/PROCEDURE … LANGUAGE plpgsql or DO statement;
// the tree's root is the array of PLpgSQL_function trees (statements with `lineno`,
// 1-based from the body's first line). libpg_query does not report a position for errors
// in a body (`offset` is 0), and it cannot look up types, so a few valid bodies fail (a
// `refcursor` variable, FOR over EXECUTE into a `record`).
ParseResult parse_plpgsql(std::string_view text);

// No explicit per-thread clean-up: libpg_query frees a thread's memory context from a
// thread-exit destructor, and calling pg_query_exit() as well frees it twice.

}  // namespace zd::pg
