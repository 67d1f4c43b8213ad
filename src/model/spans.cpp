#include "model/spans.hpp"

#include <algorithm>

#include "source/ascii_case.hpp"

namespace zd {
namespace {

size_t token_index_at(const Statement& s, uint32_t at) {
  const auto it = std::lower_bound(s.tokens.begin(), s.tokens.end(), at,
                                   [](const pg::Token& t, uint32_t o) { return t.end <= o; });
  return static_cast<size_t>(it - s.tokens.begin());
}

bool is_name_token(const pg::Token& t) { return t.kind == pg::kIdent || t.keyword_kind != 0; }

}  // namespace

ByteSpan name_span_at(const Statement& s, uint32_t at) {
  size_t i = token_index_at(s, at);
  if (i >= s.tokens.size()) return {at, at};
  const uint32_t begin = s.tokens[i].begin;
  uint32_t end = s.tokens[i].end;
  while (i + 2 < s.tokens.size() && s.tokens[i + 1].kind == pg::kDot &&
         is_name_token(s.tokens[i + 2])) {
    i += 2;
    end = s.tokens[i].end;
  }
  if (i + 1 < s.tokens.size() && s.tokens[i + 1].kind == '*') end = s.tokens[i + 1].end;
  return {begin, end};
}

std::optional<ByteSpan> node_name_span(const Statement& s, Node node) {
  const auto loc = node.location();
  if (!loc) return std::nullopt;
  return name_span_at(s, s.file_offset(*loc));
}

std::optional<ByteSpan> keyword_span(const Migration& m, const Statement& s, std::string_view word,
                                     uint32_t from) {
  for (const auto& t : s.tokens) {
    if (t.begin < from) continue;
    if (iequals(m.text().substr(t.begin, t.end - t.begin), word)) return ByteSpan{t.begin, t.end};
  }
  return std::nullopt;
}

std::vector<ByteSpan> alter_subcommand_spans(const Statement& s) {
  // Subcommands follow the relation name and are separated by commas outside brackets.
  const Node rel = s.node.child("relation");
  const auto rel_loc = rel.location();
  size_t k = rel_loc ? token_index_at(s, s.file_offset(*rel_loc)) : 0;
  if (rel_loc) {
    const ByteSpan name = name_span_at(s, s.file_offset(*rel_loc));
    while (k < s.tokens.size() && s.tokens[k].begin < name.end) ++k;
  }
  std::vector<ByteSpan> spans;
  int depth = 0;
  size_t chunk_begin = k;
  for (; k <= s.tokens.size(); ++k) {
    const bool at_end = k == s.tokens.size();
    const int32_t kind = at_end ? 0 : s.tokens[k].kind;
    if (kind == pg::kOpenParen || kind == pg::kOpenBracket) ++depth;
    if (kind == pg::kCloseParen || kind == pg::kCloseBracket) --depth;
    if (at_end || (kind == pg::kComma && depth == 0)) {
      // An empty one (no tokens between two commas) stands for the whole statement.
      spans.push_back(chunk_begin < k ? ByteSpan{s.tokens[chunk_begin].begin, s.tokens[k - 1].end}
                                      : s.span);
      chunk_begin = k + 1;
    }
  }
  return spans;
}

ByteSpan drop_object_span(const Migration& m, const Statement& s, size_t i) {
  // DROP <object type> [CONCURRENTLY] [IF EXISTS] name [, name …] [CASCADE | RESTRICT].
  const auto type = s.node.str("removeType");
  const bool two_words = type == "OBJECT_MATVIEW" || type == "OBJECT_FOREIGN_TABLE" ||
                         type == "OBJECT_ACCESS_METHOD" || type == "OBJECT_EVENT_TRIGGER" ||
                         type == "OBJECT_TSCONFIGURATION" || type == "OBJECT_TSDICTIONARY" ||
                         type == "OBJECT_TSPARSER" || type == "OBJECT_TSTEMPLATE";
  size_t k = two_words ? 3 : 2;
  const auto word = [&](size_t at) {
    return at < s.tokens.size() ? m.text({s.tokens[at].begin, s.tokens[at].end})
                                : std::string_view{};
  };
  if (iequals(word(k), "concurrently")) ++k;
  if (iequals(word(k), "if") && iequals(word(k + 1), "exists")) k += 2;
  size_t chunk = 0;
  int depth = 0;
  for (size_t begin = k; k <= s.tokens.size(); ++k) {
    const bool at_end =
        k == s.tokens.size() ||
        (depth == 0 && (iequals(word(k), "cascade") || iequals(word(k), "restrict")));
    if (!at_end && s.tokens[k].kind == pg::kOpenParen) ++depth;
    if (!at_end && s.tokens[k].kind == pg::kCloseParen) --depth;
    if (at_end || (depth == 0 && s.tokens[k].kind == pg::kComma)) {
      if (chunk == i && begin < k) return {s.tokens[begin].begin, s.tokens[k - 1].end};
      if (at_end) break;
      ++chunk;
      begin = k + 1;
    }
  }
  return first_line(m, s);
}

ByteSpan from_start(const Statement& s, ByteSpan to) {
  return {s.span.begin, std::max(s.span.begin, to.end)};
}

ByteSpan first_line(const Migration& m, const Statement& s) {
  // Not find_first_of("\r\n"): libstdc++'s calls memchr over the two line ends for every byte
  // (some 2,400 instructions a call on the generated migrations), and four rules ask for it.
  const auto text = m.text(s.span);
  const auto eol =
      std::find_if(text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r'; });
  return {s.span.begin, eol == text.end()
                            ? s.span.end
                            : s.span.begin + static_cast<uint32_t>(eol - text.begin())};
}

}  // namespace zd
