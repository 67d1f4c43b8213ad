#include "parse/prepare.hpp"

#include <array>
#include <cctype>

#include "source/ascii_case.hpp"

namespace zd {
namespace {

bool is_line_end(char c) { return c == '\n' || c == '\r'; }

// The bytes where something other than SQL may begin inside a statement (a line end, a
// comment, a quoted text, a psql variable) or where the statement ends. Inside a statement
// every other byte is plain SQL, passed over a run at a time.
constexpr std::array<bool, 256> kSpecial = [] {
  std::array<bool, 256> special{};
  for (const char c : std::string_view("\n\r-/'\"$:;")) {
    special[static_cast<unsigned char>(c)] = true;
  }
  return special;
}();

bool iequals_at(std::string_view text, size_t i, std::string_view word) {
  return i <= text.size() && starts_with_folded(text.substr(i), word);
}

// A dollar-quote tag at `i` ("$$" or "$tag$"), or empty.
std::string_view dollar_tag(std::string_view text, size_t i) {
  if (text[i] != '$') return {};
  size_t j = i + 1;
  if (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])))) return {};
  while (j < text.size() &&
         (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_' ||
          static_cast<unsigned char>(text[j]) >= 0x80)) {
    ++j;
  }
  if (j < text.size() && text[j] == '$') return text.substr(i, j - i + 1);
  return {};
}

class Preparer {
 public:
  Preparer(std::string_view in, const PrepareOptions& options)
      : in_(in), out_(in), options_(options) {}

  Prepared run() {
    while (i_ < in_.size()) {
      if (at_line_start_) {
        at_line_start_ = false;
        if (copy_from_stdin_pending_ && blank_copy_data()) continue;
        if (options_.sections != runner::Sections::None && section_marker()) continue;
        if (in_down_ && !options_.lint_down) {
          blank_to_line_end(i_);
          continue;
        }
        if (meta_command_at_line_start()) continue;
      }
      step();
    }
    return {std::move(out_), blanked_};
  }

 private:
  // Skips whitespace at the start of a line; a backslash there starts a meta-command
  // that runs to the end of the line.
  bool meta_command_at_line_start() {
    size_t j = i_;
    while (j < in_.size() && (in_[j] == ' ' || in_[j] == '\t')) ++j;
    if (j >= in_.size() || in_[j] != '\\') return false;
    blank_to_line_end(j);
    return true;
  }

  std::string_view current_line() const {
    size_t e = i_;
    while (e < in_.size() && !is_line_end(in_[e])) ++e;
    return in_.substr(i_, e - i_);
  }

  // A runner annotation line: switches sections; goose's are blanked (they are comments to
  // PostgreSQL, but a StatementEnd may have to end the statement).
  bool section_marker() {
    // Every marker is a comment from the line's first byte: most lines are not one.
    if (!in_.substr(i_).starts_with("--")) return false;
    const std::string_view line = current_line();
    std::string l = ascii_lowered(line);
    while (!l.empty() && std::isspace(static_cast<unsigned char>(l.back()))) l.pop_back();
    const auto is = [&](std::string_view word) {
      return l == word || (l.starts_with(word) && l.size() > word.size() &&
                           std::isspace(static_cast<unsigned char>(l[word.size()])));
    };
    if (options_.sections == runner::Sections::Goose) {
      if (!l.starts_with("-- +goose ")) return false;
      if (is("-- +goose up")) {
        in_down_ = false;
      } else if (is("-- +goose down")) {
        in_down_ = true;
      } else if (is("-- +goose statementend")) {
        if (in_down_ && !options_.lint_down) return false;
        const size_t at = i_;
        blank_to_line_end(at);
        if (statement_started_) {
          out_[at] = ';';  // goose ends the statement here, `;` or not
          statement_started_ = false;
        }
        return true;
      } else {
        return false;  // StatementBegin, NO TRANSACTION, envsub: comments to PostgreSQL
      }
      return false;
    }
    if (l.starts_with("-- migrate:up")) {
      in_down_ = false;
    } else if (l.starts_with("-- migrate:down")) {
      in_down_ = true;
    }
    return false;
  }

  // psql sends the lines after `COPY … FROM stdin;` as data, up to a line `\.`.
  bool blank_copy_data() {
    copy_from_stdin_pending_ = false;
    while (i_ < in_.size()) {
      const size_t line_begin = i_;
      size_t e = i_;
      while (e < in_.size() && !is_line_end(in_[e])) ++e;
      const bool terminator = in_.substr(line_begin, e - line_begin) == "\\.";
      blank_to_line_end(line_begin);
      if (terminator) break;
    }
    return true;
  }

  void blank_to_line_end(size_t from) {
    size_t j = from;
    while (j < in_.size() && !is_line_end(in_[j])) out_[j++] = ' ';
    ++blanked_;
    i_ = j;
    consume_line_end();
  }

  void consume_line_end() {
    if (i_ < in_.size() && in_[i_] == '\r') {
      ++i_;
      if (i_ < in_.size() && in_[i_] == '\n') ++i_;
    } else if (i_ < in_.size() && in_[i_] == '\n') {
      ++i_;
    }
    at_line_start_ = true;
  }

  void step() {
    if (statement_started_) {
      while (i_ < in_.size() && !kSpecial[static_cast<unsigned char>(in_[i_])]) ++i_;
      if (i_ == in_.size()) return;
    }
    const char c = in_[i_];
    if (is_line_end(c)) {
      consume_line_end();
      return;
    }
    if (c == '-' && next_is('-')) return skip_line_comment();
    if (c == '/' && next_is('*')) return skip_block_comment();
    // A statement starts at its first byte that is not space or comment: not where the
    // previous one ended, since COPY data, meta-commands and comments may come between.
    if (!statement_started_ && c != ';' && !std::isspace(static_cast<unsigned char>(c))) {
      statement_started_ = true;
      statement_begin_ = i_;
    }
    if (c == '\'') return skip_quoted('\'', escape_string_start());
    if (c == '"') return skip_quoted('"', false);
    if (c == '$' && !continues_identifier()) {
      if (const auto tag = dollar_tag(in_, i_); !tag.empty()) return skip_dollar_quoted(tag);
    }
    if (c == ':' && is_psql_variable()) {
      out_[i_++] = ' ';  // psql substitutes :name, :'name' and :"name" before sending
      return;
    }
    if (c == ';') {
      if (statement_started_) copy_from_stdin_pending_ = statement_is_copy_from_stdin();
      statement_started_ = false;
    }
    ++i_;
  }

  // `$` inside an identifier (`a$b`) does not start a dollar quote.
  bool continues_identifier() const {
    if (i_ == 0) return false;
    const auto p = static_cast<unsigned char>(in_[i_ - 1]);
    return std::isalnum(p) || p == '_' || p == '$' || p >= 0x80;
  }

  // `:name`, `:'name'`, `:"name"` where a value or name can start — not `::type` casts,
  // not `a[1:n]` slices, not `:=`.
  bool is_psql_variable() const {
    if (i_ + 1 >= in_.size()) return false;
    const auto next = static_cast<unsigned char>(in_[i_ + 1]);
    if (!(std::isalpha(next) || next == '_' || next == '\'' || next == '"')) return false;
    if (i_ == 0) return true;
    const auto prev = static_cast<unsigned char>(in_[i_ - 1]);
    return std::isspace(prev) || prev == '(' || prev == ',' || prev == '=';
  }

  bool next_is(char c) const { return i_ + 1 < in_.size() && in_[i_ + 1] == c; }

  bool escape_string_start() const {
    return i_ > 0 && (in_[i_ - 1] == 'E' || in_[i_ - 1] == 'e') &&
           (i_ < 2 || !std::isalnum(static_cast<unsigned char>(in_[i_ - 2])));
  }

  void skip_line_comment() {
    while (i_ < in_.size() && !is_line_end(in_[i_])) ++i_;
  }

  void skip_block_comment() {  // PostgreSQL block comments nest
    int depth = 0;
    while (i_ < in_.size()) {
      if (in_[i_] == '/' && next_is('*')) {
        ++depth, i_ += 2;
      } else if (in_[i_] == '*' && next_is('/')) {
        i_ += 2;
        if (--depth == 0) return;
      } else {
        ++i_;
      }
    }
  }

  void skip_quoted(char quote, bool backslash_escapes) {
    ++i_;
    while (i_ < in_.size()) {
      if (backslash_escapes && in_[i_] == '\\') {
        i_ += 2;
      } else if (in_[i_] == quote) {
        if (next_is(quote)) {
          i_ += 2;
        } else {
          ++i_;
          return;
        }
      } else {
        ++i_;
      }
    }
  }

  void skip_dollar_quoted(std::string_view tag) {
    const size_t close = in_.find(tag, i_ + tag.size());
    i_ = close == std::string_view::npos ? in_.size() : close + tag.size();
  }

  // Does the statement ending at `;` read `COPY … FROM STDIN`?
  bool statement_is_copy_from_stdin() const {
    size_t b = statement_begin_;
    while (b < i_ && std::isspace(static_cast<unsigned char>(in_[b]))) ++b;
    if (!iequals_at(in_, b, "copy")) return false;
    for (size_t k = b; k + 10 <= i_; ++k) {
      if (iequals_at(in_, k, "from") && k + 4 < i_) {
        size_t m = k + 4;
        while (m < i_ && std::isspace(static_cast<unsigned char>(in_[m]))) ++m;
        if (iequals_at(in_, m, "stdin")) return true;
      }
    }
    return false;
  }

  std::string_view in_;
  std::string out_;
  size_t i_ = 0;
  size_t statement_begin_ = 0;
  bool statement_started_ = false;
  size_t blanked_ = 0;
  bool at_line_start_ = true;
  bool copy_from_stdin_pending_ = false;
  PrepareOptions options_;
  bool in_down_ = false;
};

}  // namespace

Prepared blank_non_sql(std::string_view text, const PrepareOptions& options) {
  return Preparer(text, options).run();
}

}  // namespace zd
