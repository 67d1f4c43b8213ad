// Where a clause is in the text. The parse tree gives only some nodes a location (and
// none to AlterTableCmd, IndexStmt or DropStmt), so spans are found from the scanner's
// tokens: a name's tokens, a keyword, an ALTER TABLE subcommand between its commas.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "model/migration.hpp"

namespace zd {

// The tokens of a possibly qualified name starting at file offset `at`
// (`s.t`, `"Quoted".t`), through an optional trailing `*`.
ByteSpan name_span_at(const Statement& s, uint32_t at);
// The span of the node's own location as a name, or nullopt if it has none.
std::optional<ByteSpan> node_name_span(const Statement& s, Node node);
// The first keyword token equal (case-insensitively) to `word`, at or after `from`.
std::optional<ByteSpan> keyword_span(const Migration& m, const Statement& s, std::string_view word,
                                     uint32_t from = 0);
// The text of each subcommand of an ALTER TABLE, from its first keyword to the comma or
// end, in one pass (an ALTER TABLE may have thousands).
std::vector<ByteSpan> alter_subcommand_spans(const Statement& s);
// Object `i` of a DROP statement's list (`DROP TABLE IF EXISTS a, s.b CASCADE`: 1 → `s.b`),
// or the statement's first line when the list cannot be found.
ByteSpan drop_object_span(const Migration& m, const Statement& s, size_t i);
// From the statement's first token to the end of `to`.
ByteSpan from_start(const Statement& s, ByteSpan to);
// The statement's first line of text (for statements whose whole span is the clause).
ByteSpan first_line(const Migration& m, const Statement& s);

}  // namespace zd
