#include "parse/fast_scan.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "source/name_hash.hpp"

// libpg_query's copy of PostgreSQL's keyword table (src/common/keywords.c, kwlookup.c and
// the token numbers of scan.l): exported by the library, not declared in pg_query.h.
extern "C" {
struct ScanKeywordList;
extern const ScanKeywordList ScanKeywords;
int ScanKeywordLookup(const char* str, const ScanKeywordList* keywords);
extern const uint16_t ScanKeywordTokens[];
extern const uint8_t ScanKeywordCategories[];
}

namespace zd::pg {
namespace {

// Token numbers of pg_query.proto's `Token` enum (PostgreSQL's gram.h) not in TokenKind.
constexpr int32_t kFConst = 260;
constexpr int32_t kOp = 265;
constexpr int32_t kIConst = 266;
constexpr int32_t kTypecast = 268;
constexpr int32_t kColonEquals = 270;
constexpr int32_t kEqualsGreater = 271;
constexpr int32_t kLessEquals = 272;
constexpr int32_t kGreaterEquals = 273;
constexpr int32_t kNotEquals = 274;

constexpr bool space_byte(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool ident_start_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
constexpr bool ident_cont_byte(char c) { return ident_start_byte(c) || is_digit(c) || c == '$'; }

// The classes every byte of the file is tested for, as tables: one load instead of a chain of
// comparisons.
template <bool (*F)(char)>
constexpr std::array<bool, 256> kByteClass = [] {
  std::array<bool, 256> t{};
  for (size_t c = 0; c < t.size(); ++c) t[c] = F(static_cast<char>(c));
  return t;
}();
bool is_space(char c) { return kByteClass<space_byte>[static_cast<unsigned char>(c)]; }
bool is_ident_start(char c) { return kByteClass<ident_start_byte>[static_cast<unsigned char>(c)]; }
bool is_ident_cont(char c) { return kByteClass<ident_cont_byte>[static_cast<unsigned char>(c)]; }
bool is_dollar_tag_cont(char c) { return is_ident_start(c) || is_digit(c); }
bool is_op_char(char c) { return c != '\0' && std::strchr("~!@#^&|`?+-*/%<>=", c) != nullptr; }
bool is_self(char c) { return c != '\0' && std::strchr(",()[].;:+-*/%^<>=", c) != nullptr; }

// ScanKeywordLookup costs some 190 instructions a word (it folds the case, hashes, compares),
// and a migration says the same few hundred words over and over: each thread remembers the
// answer for the word last seen in each of 1024 slots. A word of more than 24 bytes is no
// keyword (PostgreSQL 15's longest, CURRENT_TIMESTAMP, has 17 bytes).
using WordBytes = std::array<uint64_t, 3>;

// A word of up to 24 bytes in three numbers, read with loads of fixed size (a copy of the
// word's own length was a call to memcpy for every identifier and keyword of the file). Loads
// may overlap, so the numbers are not the zero-padded bytes; with the length, they still tell
// words apart.
WordBytes packed(std::string_view word) {
  const char* p = word.data();
  const size_t n = word.size();
  if (n > 16) return {load_bytes(p, 8), load_bytes(p + 8, 8), load_bytes(p + n - 8, 8)};
  if (n > 8) return {load_bytes(p, 8), load_bytes(p + n - 8, 8), 0};
  return {short_text_word(p, n), 0, 0};
}

int keyword_index(std::string_view word) {
  struct Slot {
    WordBytes bytes{};
    size_t size = 0;  // 0: empty
    int keyword = -1;
  };
  thread_local std::array<Slot, 1024> cache;
  if (word.size() > 3 * sizeof(uint64_t)) return -1;
  const WordBytes bytes = packed(word);
  const uint64_t hash = (bytes[0] * 0x9E3779B97F4A7C15ull) ^ (bytes[1] * 0xC2B2AE3D27D4EB4Full) ^
                        (bytes[2] * 0x165667B19E3779F9ull) ^ word.size();
  Slot& slot = cache[hash >> 54];  // the top 10 bits, the best mixed
  if (slot.size != word.size() || slot.bytes != bytes) {
    char text[3 * sizeof(uint64_t) + 1] = {};  // NUL-terminated for ScanKeywordLookup
    std::memcpy(text, word.data(), word.size());
    slot = {bytes, word.size(), ScanKeywordLookup(text, &ScanKeywords)};
  }
  return slot.keyword;
}

KeywordKind keyword_kind_at(size_t keyword) {
  return static_cast<KeywordKind>(ScanKeywordCategories[keyword] + 1);
}

// The two-character operators scan.l returns as tokens of their own.
int32_t two_char_operator(char a, char b) {
  if (a == '=' && b == '>') return kEqualsGreater;
  if (a == '<' && b == '=') return kLessEquals;
  if (a == '>' && b == '=') return kGreaterEquals;
  if ((a == '<' && b == '>') || (a == '!' && b == '=')) return kNotEquals;
  return 0;
}

// kTells: whether `scanned` is told the tokens as they come; a scan that does not tell them
// (every small file) runs the loop without the test.
template <bool kTells>
class Scanner {
 public:
  // Migrations have a token for every six to seven bytes: sized for that, the array of a large
  // file is not copied at every doubling, and what is left unwritten of it is never touched.
  Scanner(std::string_view text, const ScannedTokens* scanned) : s_(text), scanned_(scanned) {
    tokens_.reserve(text.size() / 6);
  }

  std::optional<std::vector<Token>> run() {
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (is_space(c)) {
        ++i_;
      } else if (!token(c)) {
        return std::nullopt;
      } else if (kTells && tokens_.size() >= report_at_) {
        report();
      }
    }
    if (kTells) report();
    return std::move(tokens_);
  }

 private:
  // Some 25 KB of SQL: a chunk (64 KiB) is handed out soon after the scanner passes its end.
  static constexpr size_t kReportEvery = 4096;

  void report() {
    (*scanned_)(std::span<const Token>(tokens_).subspan(reported_));
    reported_ = tokens_.size();
    report_at_ = reported_ + kReportEvery;
  }

  char at(size_t k) const { return k < s_.size() ? s_[k] : '\0'; }

  void push(size_t end, int32_t kind, int32_t keyword_kind = 0) {
    tokens_.push_back({static_cast<uint32_t>(i_), static_cast<uint32_t>(end),
                       static_cast<uint16_t>(kind), static_cast<uint16_t>(keyword_kind)});
    i_ = end;
  }

  // One token at i_; false when PostgreSQL's scanner must decide.
  bool token(char c) {
    if (c == '-' && at(i_ + 1) == '-') return line_comment();
    if (c == '/' && at(i_ + 1) == '*') return block_comment();
    if (is_ident_start(c)) return identifier();
    if (is_digit(c) || (c == '.' && is_digit(at(i_ + 1)))) return number();
    if (c == '\'') return string_literal();
    if (c == '"') return quoted_identifier();
    if (c == '$') return dollar_quoted();
    if (c == ':') {
      const char next = at(i_ + 1);
      if (next == ':') return push(i_ + 2, kTypecast), true;
      if (next == '=') return push(i_ + 2, kColonEquals), true;
      return push(i_ + 1, ':'), true;
    }
    if (c == '.') {
      if (at(i_ + 1) == '.') return false;  // DOT_DOT, rare outside PL/pgSQL
      return push(i_ + 1, '.'), true;
    }
    if (c == '(' || c == ')' || c == '[' || c == ']' || c == ',' || c == ';') {
      return push(i_ + 1, c), true;
    }
    if (is_op_char(c)) return op();
    return false;
  }

  bool line_comment() {
    size_t end = i_ + 2;
    while (end < s_.size() && s_[end] != '\n' && s_[end] != '\r') ++end;
    push(end, kSqlComment);
    return true;
  }

  // Nested, as in PostgreSQL.
  bool block_comment() {
    size_t k = i_ + 2;
    int depth = 1;
    while (k + 1 < s_.size()) {
      if (s_[k] == '/' && s_[k + 1] == '*') {
        ++depth, k += 2;
      } else if (s_[k] == '*' && s_[k + 1] == '/') {
        k += 2;
        if (--depth == 0) return push(k, kCComment), true;
      } else {
        ++k;
      }
    }
    return false;  // unterminated
  }

  bool identifier() {
    const char first = s_[i_];
    const char next = at(i_ + 1);
    // B'…', X'…', N'…', E'…' and U&'…' / U&"…" literals are left to PostgreSQL.
    if (next == '\'' && std::strchr("bBxXnNeE", first) != nullptr) return false;
    if (next == '&' && (first == 'u' || first == 'U')) return false;
    size_t end = i_ + 1;
    while (end < s_.size() && is_ident_cont(s_[end])) ++end;
    const int keyword = keyword_index(s_.substr(i_, end - i_));
    if (keyword >= 0) {
      const auto k = static_cast<size_t>(keyword);
      push(end, ScanKeywordTokens[k], keyword_kind_at(k));
      return true;
    }
    push(end, kIdent);
    return true;
  }

  bool number() {
    size_t end = i_;
    while (is_digit(at(end))) ++end;
    bool integer = true;
    if (at(end) == '.') {
      if (at(end + 1) == '.') return false;  // `1..`: scan.l's decimalfail
      integer = false;
      ++end;
      while (is_digit(at(end))) ++end;
    }
    if (at(end) == 'e' || at(end) == 'E') {
      size_t k = end + 1;
      if (at(k) == '+' || at(k) == '-') ++k;
      if (!is_digit(at(k))) return false;  // realfail
      while (is_digit(at(k))) ++k;
      integer = false;
      end = k;
    }
    // Trailing junk (`123abc`) is an error in PostgreSQL 15; `1.2.3` is left to it too.
    if (is_ident_start(at(end)) || at(end) == '.' || at(end) == '$') return false;
    // An integer that does not fit in 32 bits is a float constant to PostgreSQL.
    bool fits = integer;
    if (integer) {
      std::string_view digits = s_.substr(i_, end - i_);
      digits.remove_prefix(std::min(digits.find_first_not_of('0'), digits.size()));
      fits = digits.size() < 10 || (digits.size() == 10 && digits <= "2147483647");
    }
    push(end, fits ? kIConst : kFConst);
    return true;
  }

  // The quote closing the literal or identifier that opens at i_, where a doubled quote
  // stands for itself; npos when it is not closed.
  size_t closing_quote(char quote) const {
    for (size_t k = i_ + 1; k < s_.size(); ++k) {
      if (s_[k] != quote) continue;
      if (at(k + 1) != quote) return k;
      ++k;
    }
    return std::string_view::npos;
  }

  // '…' with '' for a quote (standard_conforming_strings: a backslash is just a character).
  bool string_literal() {
    const size_t k = closing_quote('\'');
    if (k == std::string_view::npos) return false;  // unterminated
    const size_t end = k + 1;
    // A literal followed (across white space with a line end, even `--` comments) by another
    // is one literal to PostgreSQL: leave any literal followed by a quote to it.
    size_t look = end;
    for (;;) {
      while (is_space(at(look))) ++look;
      if (at(look) == '-' && at(look + 1) == '-') {
        while (look < s_.size() && s_[look] != '\n' && s_[look] != '\r') ++look;
        continue;
      }
      break;
    }
    if (at(look) == '\'') return false;
    push(end, kSConst);
    return true;
  }

  bool quoted_identifier() {
    const size_t k = closing_quote('"');
    if (k == std::string_view::npos) return false;  // unterminated
    if (k == i_ + 1) return false;                  // "" is an error in PostgreSQL
    push(k + 1, kIdent);
    return true;
  }

  // $tag$…$tag$; `$1` parameters and a `$` that starts no delimiter are left to PostgreSQL.
  bool dollar_quoted() {
    size_t k = i_ + 1;
    if (at(k) != '$') {
      if (!is_ident_start(at(k))) return false;
      while (is_dollar_tag_cont(at(k))) ++k;
      if (at(k) != '$') return false;
    }
    const std::string_view delimiter = s_.substr(i_, k + 1 - i_);
    const size_t close = s_.find(delimiter, k + 1);
    if (close == std::string_view::npos) return false;  // unterminated
    push(close + delimiter.size(), kSConst);
    return true;
  }

  // scan.l's {operator} rule: the longest run of operator characters, where a trailing + or
  // - is not part of an operator made only of + - * / < > = (so `=-1` is `=` then `-1`).
  bool op() {
    size_t end = i_;
    while (is_op_char(at(end))) ++end;
    const std::string_view run = s_.substr(i_, end - i_);
    if (run.find("--", 1) != std::string_view::npos || run.find("/*", 1) != std::string_view::npos) {
      return false;
    }
    size_t n = run.size();
    if (n == 2) {
      if (const int32_t kind = two_char_operator(run[0], run[1])) return push(end, kind), true;
    }
    const bool trimmed_by_rule =
        n > 1 && (run[n - 1] == '+' || run[n - 1] == '-') &&
        run.substr(0, n - 1).find_first_of("~!@#^&|`?%") == std::string_view::npos;
    if (trimmed_by_rule) {
      do {
        --n;
      } while (n > 1 && (run[n - 1] == '+' || run[n - 1] == '-'));
      if (n == 2) {
        if (const int32_t kind = two_char_operator(run[0], run[1])) return push(i_ + 2, kind), true;
      }
    }
    if (n == 1 && is_self(run[0])) return push(i_ + 1, run[0]), true;
    push(i_ + n, kOp);
    return true;
  }

  std::string_view s_;
  size_t i_ = 0;
  std::vector<Token> tokens_;
  const ScannedTokens* scanned_;
  size_t reported_ = 0;              // tokens already told
  size_t report_at_ = kReportEvery;  // tokens at which to tell the next ones
};

}  // namespace

std::optional<std::vector<Token>> fast_scan(std::string_view text) {
  return Scanner<false>(text, nullptr).run();
}

std::optional<std::vector<Token>> fast_scan(std::string_view text, const ScannedTokens& scanned) {
  return Scanner<true>(text, &scanned).run();
}

KeywordKind keyword_kind(std::string_view word) {
  const int keyword = keyword_index(word);
  return keyword < 0 ? kNoKeyword : keyword_kind_at(static_cast<size_t>(keyword));
}

}  // namespace zd::pg
