#include "parse/dynamic_sql.hpp"

#include <cctype>

#include "parse/libpg_query.hpp"
#include "parse/quote.hpp"
#include "parse/string_literal.hpp"

namespace zd {
namespace {

// A literal of the expression, with `from` shifted to offsets in the expression.
std::optional<MappedText> literal_at(std::string_view expression, const pg::Token& t) {
  if (t.kind != pg::kSConst) return std::nullopt;
  auto decoded = decode_string_literal(expression.substr(t.begin, t.end - t.begin));
  if (!decoded) return std::nullopt;
  for (uint32_t& f : decoded->from) f += t.begin;
  return decoded;
}

void append(MappedText& out, std::string_view text, uint32_t from) {
  out.text += text;
  out.from.insert(out.from.end(), text.size(), from);
}

void append(MappedText& out, const MappedText& part) {
  out.text += part.text;
  out.from.insert(out.from.end(), part.from.begin(), part.from.end() - 1);
}

// format() with %s, %I, %L, %% and positional %n$ specifiers; widths and flags are not
// resolved.
std::optional<MappedText> format(const MappedText& pattern, const std::vector<MappedText>& args,
                                 const std::vector<uint32_t>& arg_at) {
  MappedText out;
  const std::string& p = pattern.text;
  size_t next_arg = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] != '%') {
      append(out, std::string_view(&p[i], 1), pattern.from[i]);
      continue;
    }
    if (++i >= p.size()) return std::nullopt;
    if (p[i] == '%') {
      append(out, "%", pattern.from[i]);
      continue;
    }
    size_t arg = next_arg;
    if (std::isdigit(static_cast<unsigned char>(p[i]))) {
      size_t n = 0;
      while (i < p.size() && std::isdigit(static_cast<unsigned char>(p[i]))) {
        n = n * 10 + static_cast<size_t>(p[i++] - '0');
      }
      if (i >= p.size() || p[i] != '$' || n == 0 || ++i >= p.size()) return std::nullopt;
      arg = n - 1;
    }
    if (arg >= args.size()) return std::nullopt;
    next_arg = arg + 1;
    switch (p[i]) {
      case 's': append(out, args[arg]); break;
      case 'I': append(out, quote_identifier(args[arg].text), arg_at[arg]); break;
      case 'L': append(out, quote_literal(args[arg].text), arg_at[arg]); break;
      default: return std::nullopt;
    }
  }
  out.from.push_back(pattern.from.back());
  return out;
}

bool is_text(std::string_view expression, const pg::Token& t, std::string_view text) {
  return expression.substr(t.begin, t.end - t.begin) == text;
}

}  // namespace

std::optional<MappedText> resolve_dynamic_sql(std::string_view expression) {
  const auto scanned = pg::scan(std::string(expression));
  if (scanned.error) return std::nullopt;
  std::vector<pg::Token> tokens;
  for (const auto& t : scanned.tokens) {
    if (!t.is_comment()) tokens.push_back(t);
  }
  if (tokens.empty()) return std::nullopt;

  // format('…', '…', …)
  if (tokens.size() >= 4 && tokens[0].kind == pg::kIdent &&
      is_text(expression, tokens[0], "format") && tokens[1].kind == pg::kOpenParen &&
      tokens.back().kind == pg::kCloseParen) {
    std::vector<MappedText> parts;
    std::vector<uint32_t> at;
    for (size_t i = 2; i + 1 < tokens.size(); i += 2) {
      auto part = literal_at(expression, tokens[i]);
      if (!part) return std::nullopt;
      const int32_t after = tokens[i + 1].kind;
      if (after != pg::kComma && after != pg::kCloseParen) return std::nullopt;
      parts.push_back(std::move(*part));
      at.push_back(tokens[i].begin);
    }
    const MappedText pattern = std::move(parts.front());
    parts.erase(parts.begin());
    at.erase(at.begin());
    return format(pattern, parts, at);
  }

  // '…' || '…' || …
  MappedText out;
  for (size_t i = 0; i < tokens.size(); i += 2) {
    const auto part = literal_at(expression, tokens[i]);
    if (!part) return std::nullopt;
    if (i + 1 < tokens.size() && !is_text(expression, tokens[i + 1], "||")) return std::nullopt;
    append(out, *part);
    if (i + 2 >= tokens.size()) out.from.push_back(part->from.back());
  }
  return out;
}

}  // namespace zd
