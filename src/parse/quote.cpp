#include "parse/quote.hpp"

#include "parse/fast_scan.hpp"

namespace zd {
namespace {

// Bytes PostgreSQL's quote_identifier leaves unquoted. `$` is valid after the first
// character of an unquoted name too, but quote_identifier quotes it, and format('%I')
// must give what PostgreSQL gives.
bool plain_characters(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

std::string double_quoted(std::string_view name) {
  std::string out = "\"";
  for (const char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

}  // namespace

std::string quote_identifier(std::string_view name) {
  const bool plain = plain_characters(name) && pg::keyword_kind(name) <= pg::kUnreservedKeyword;
  return plain ? std::string(name) : double_quoted(name);
}

std::string quote_identifier_after_dot(std::string_view name) {
  return plain_characters(name) ? std::string(name) : double_quoted(name);
}

std::string quote_literal(std::string_view value) {
  std::string out = value.find('\\') != std::string_view::npos ? "E'" : "'";
  for (const char c : value) {
    if (c == '\'' || c == '\\') out += c;
    out += c;
  }
  return out + "'";
}

}  // namespace zd
