// PostgreSQL's lexical rules (src/backend/parser/scan.l, PostgreSQL 15) for the tokens that
// make up nearly every migration, without pg_query_scan's cost: that call packs every token
// into a protobuf message and back, which took as long as parsing the whole file. Whatever
// this scanner is not sure to tokenize exactly as PostgreSQL does — E'', B'', X'', N'' and
// U& literals, string continuation across lines, numbers with trailing junk, parameters,
// unusual operators, any unterminated literal or comment, any other byte — makes it give up,
// and the caller runs pg_query_scan instead, so the tokens are always PostgreSQL's own.
// Keywords are looked up in libpg_query's own keyword table.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "parse/libpg_query.hpp"

namespace zd::pg {

// Told the tokens scanned since it was last called (comments included), every few thousand
// tokens and once more at the end of a scan that succeeds; the span lives during the call.
using ScannedTokens = std::function<void(std::span<const Token>)>;

// The tokens of `text` (comments included), or nothing when PostgreSQL's scanner must do it.
std::optional<std::vector<Token>> fast_scan(std::string_view text);
// The same, telling `scanned` the tokens as they come.
std::optional<std::vector<Token>> fast_scan(std::string_view text, const ScannedTokens& scanned);

// The keyword category of `word` (case-insensitive) in PostgreSQL 15's keyword table.
KeywordKind keyword_kind(std::string_view word);

}  // namespace zd::pg
