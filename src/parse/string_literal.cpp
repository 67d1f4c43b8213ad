#include "parse/string_literal.hpp"

namespace zd {
namespace {

std::optional<MappedText> decode_dollar_quoted(std::string_view literal) {
  const size_t tag_end = literal.find('$', 1);
  if (tag_end == std::string_view::npos) return std::nullopt;
  const size_t tag_size = tag_end + 1;
  if (literal.size() < 2 * tag_size ||
      literal.substr(literal.size() - tag_size) != literal.substr(0, tag_size)) {
    return std::nullopt;
  }
  MappedText out;
  out.text = std::string(literal.substr(tag_size, literal.size() - 2 * tag_size));
  out.from.reserve(out.text.size() + 1);
  for (size_t i = 0; i <= out.text.size(); ++i) {
    out.from.push_back(static_cast<uint32_t>(tag_size + i));
  }
  return out;
}

std::optional<char> backslash_escape(char c) {
  switch (c) {
    case '\'':
    case '\\':
    case '"': return c;
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case 'b': return '\b';
    case 'f': return '\f';
    default: return std::nullopt;  // octal, hex, Unicode: not decoded
  }
}

}  // namespace

std::optional<MappedText> decode_string_literal(std::string_view literal) {
  if (literal.starts_with('$')) return decode_dollar_quoted(literal);
  const bool escapes = literal.starts_with('E') || literal.starts_with('e');
  const size_t open = escapes ? 1 : 0;
  if (literal.size() < open + 2 || literal[open] != '\'' || literal.back() != '\'') {
    return std::nullopt;
  }
  MappedText out;
  const size_t close = literal.size() - 1;
  for (size_t i = open + 1; i < close; ++i) {
    const auto at = static_cast<uint32_t>(i);
    if (literal[i] == '\'') {
      // Inside the token a quote is always doubled (the scanner ended it otherwise).
      if (i + 1 >= close || literal[i + 1] != '\'') return std::nullopt;
      out.text += '\'';
      out.from.push_back(at);
      ++i;
    } else if (escapes && literal[i] == '\\') {
      if (i + 1 >= close) return std::nullopt;
      const auto c = backslash_escape(literal[i + 1]);
      if (!c) return std::nullopt;
      out.text += *c;
      out.from.push_back(at);
      ++i;
    } else {
      out.text += literal[i];
      out.from.push_back(at);
    }
  }
  out.from.push_back(static_cast<uint32_t>(close));
  return out;
}

}  // namespace zd
