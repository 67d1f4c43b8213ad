// Letters in either case, as PostgreSQL reads them: it folds unquoted identifiers and
// keywords to lower case for ASCII letters only (what std::tolower does in the "C" locale
// zerodown runs in, without the call per byte).
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

namespace zd {

constexpr char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

inline std::string ascii_lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
  return out;
}

// Does `text` start with `prefix` (lower-case ASCII) in either case? It copies nothing and
// stops at the first byte that differs: the runners' markers are asked of every line.
constexpr bool starts_with_folded(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (ascii_lower(text[i]) != prefix[i]) return false;
  }
  return true;
}

constexpr bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

}  // namespace zd
