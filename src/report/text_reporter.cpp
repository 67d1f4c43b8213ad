#include "report/text_reporter.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>

namespace zd {
namespace {

constexpr std::string_view kRed = "1;31";
constexpr std::string_view kYellow = "1;33";
constexpr std::string_view kCyan = "1;36";
constexpr std::string_view kBlue = "1;34";
constexpr std::string_view kBold = "1";
constexpr std::string_view kDim = "2";

std::string_view severity_color(Severity s) {
  switch (s) {
    case Severity::Error: return kRed;
    case Severity::Warning: return kYellow;
    case Severity::Info: return kCyan;
  }
  return kBold;
}

// The code point of the UTF-8 character at `i` (the source is valid UTF-8); moves `i` on.
char32_t next_code_point(std::string_view s, size_t& i) {
  const auto c0 = static_cast<unsigned char>(s[i]);
  const size_t n = c0 < 0x80 ? 1 : c0 < 0xE0 ? 2 : c0 < 0xF0 ? 3 : 4;
  char32_t cp = n == 1 ? c0 : c0 & (0x7Fu >> n);
  for (size_t k = 1; k < n && i + k < s.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  }
  i += n;
  return cp;
}

// Terminal cells a character takes: 2 for East Asian wide and fullwidth ones (the main
// blocks of Unicode's East_Asian_Width W and F), 0 for combining marks, else 1.
uint32_t cell_width(char32_t c) {
  if ((c >= 0x300 && c <= 0x36F) || (c >= 0x200B && c <= 0x200F) || (c >= 0xFE00 && c <= 0xFE0F)) {
    return 0;
  }
  const bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
                    (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
                    (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
                    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
                    (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
                    (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
                    (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
  return wide ? 2 : 1;
}

// Blanks as wide on a terminal as the first `chars` characters of `line` (tabs stay tabs),
// so that the caret lines up under wide characters too.
std::string caret_indent(std::string_view line, uint32_t chars) {
  std::string out;
  uint32_t seen = 0;
  for (size_t i = 0; i < line.size() && seen < chars; ++seen) {
    const char32_t c = next_code_point(line, i);
    if (c == '\t') {
      out += '\t';
    } else {
      out.append(cell_width(c), ' ');
    }
  }
  out.append(chars - seen, ' ');
  return out;
}

// Terminal cells of characters [from, to) of `line` (0-based; past its end, 1 each).
uint32_t cells(std::string_view line, uint32_t from, uint32_t to) {
  uint32_t width = 0;
  uint32_t index = 0;
  for (size_t i = 0; i < line.size() && index < to; ++index) {
    const uint32_t w = cell_width(next_code_point(line, i));
    if (index >= from) width += w;
  }
  return width + (to > std::max(index, from) ? to - std::max(index, from) : 0);
}

// The part of a source line that a finding shows, and its characters under the carets
// ([from, to), 0-based in `text`).
struct Excerpt {
  std::string text;
  uint32_t from = 0;
  uint32_t to = 0;
};

// A line longer than this many bytes (a dump written on one line) is shown only around the
// finding, with … for what is left out: each finding then prints a line's worth, where the
// whole line printed for each of 20,000 findings made 18 GB.
constexpr size_t kWholeLine = 240;
constexpr size_t kAround = 80;         // bytes shown before and after the finding
constexpr size_t kLongestShown = 160;  // bytes of the finding itself, at most

// `begin`, `end`: the finding's bytes in `line`.
Excerpt cut_around(std::string_view line, size_t begin, size_t end) {
  end = std::max(end, begin);
  size_t first = begin > kAround ? begin - kAround : 0;
  size_t last = std::min(line.size(), std::min(end, begin + kLongestShown) + kAround);
  while (first > 0 && is_continuation_byte(line[first])) --first;
  while (last < line.size() && is_continuation_byte(line[last])) ++last;
  Excerpt e;
  const auto lead = static_cast<uint32_t>(first > 0);
  if (first > 0) e.text = "…";
  e.text.append(line.substr(first, last - first));
  if (last < line.size()) e.text += "…";
  const auto characters = [&](size_t to) {
    return lead + static_cast<uint32_t>(count_characters(line.substr(first, to - first)));
  };
  e.from = characters(begin);
  e.to = characters(std::min(end, last));
  return e;
}

std::string plural(size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

}  // namespace

std::string describe_lock(const LockSummary& lock) {
  std::string out;
  for (const auto& l : *lock.locks) {
    if (!out.empty()) out += "; ";
    out += fmt::format("{} on {} {} (blocks {})", lock_mode_name(l.mode), role_name(l.role),
                       l.what(), blocks_description(blocks(l.mode)));
  }
  if (lock.rewrite == Tri::Yes) out += "; rewrites the table and its indexes";
  if (lock.rewrite == Tri::Unknown) out += "; may rewrite the table";
  if (lock.rewrite != Tri::Yes && lock.scan == Tri::Yes) out += "; reads the whole table";
  return out;
}

std::string TextReporter::paint(std::string_view text, std::string_view code) const {
  if (!color_) return std::string(text);
  return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
}

void TextReporter::file(const FileReport& r) {
  if (r.error) {
    out_ << paint(fmt::format("{}:{}:{}:", r.path, r.error->position.line,
                              r.error->position.column),
                  kBold)
         << ' ' << paint("error", kRed) << ": " << r.error->message << "\n\n";
  }
  for (const Finding& f : r.findings) {
    if (!f.suppressed) finding(r, f);
  }
}

void TextReporter::finding(const FileReport& r, const Finding& f) {
  out_ << paint(fmt::format("{}:{}:{}:", r.path, f.start.line, f.start.column), kBold) << ' '
       << paint(fmt::format("{}[{}]", severity_name(f.severity), f.rule->id),
                severity_color(f.severity))
       << ": " << f.message << '\n';

  const std::string_view line = r.source->line_text(f.start.line);
  const std::string number = std::to_string(f.start.line);
  const std::string gutter(number.size(), ' ');
  Excerpt shown;
  if (line.size() <= kWholeLine) {
    const uint32_t line_chars = static_cast<uint32_t>(count_characters(line));
    const uint32_t end_column = f.end.line == f.start.line ? f.end.column : line_chars + 1;
    shown = {std::string(line), f.start.column - 1, std::max(end_column, f.start.column) - 1};
  } else {
    const size_t start = r.source->line_start(f.start.line);
    const size_t begin = std::min<size_t>(f.span.begin - start, line.size());
    const size_t end =
        f.end.line == f.start.line ? std::min<size_t>(f.span.end - start, line.size()) : line.size();
    shown = cut_around(line, begin, end);
  }
  const uint32_t width = std::max<uint32_t>(1, cells(shown.text, shown.from, shown.to));
  out_ << gutter << paint(" |", kBlue) << '\n';
  out_ << paint(number + " |", kBlue) << ' ' << shown.text << '\n';
  out_ << gutter << paint(" |", kBlue) << ' ' << caret_indent(shown.text, shown.from)
       << paint(std::string(width, '^'), severity_color(f.severity));
  if (f.end.line > f.start.line) {
    out_ << paint(fmt::format(" (to line {})", f.end.line), kDim);
  }
  out_ << '\n';
  if (f.lock && !f.lock->locks->empty()) {
    out_ << gutter << paint(" = lock:", kBold) << ' ' << describe_lock(*f.lock) << '\n';
  }
  if (!f.help.empty()) out_ << gutter << paint(" = help:", kBold) << ' ' << f.help.str() << '\n';
  for (const Fix& fix : f.fixes) {
    out_ << gutter << paint(" = fix", kBold)
         << fmt::format(" ({}): {}", fix.safe ? "safe" : "unsafe", fix.title) << '\n';
  }
  out_ << '\n';
}

void TextReporter::finish(const Totals& t) {
  const size_t problems = t.errors + t.warnings + t.infos;
  std::string where = fmt::format("{} ({})", plural(t.files, "file"),
                                  plural(t.statements, "statement"));
  std::string line;
  if (problems == 0 && t.unreadable_files == 0 && t.input_errors.empty()) {
    line = paint("All clear:", "1;32") + fmt::format(" no findings in {}", where);
  } else {
    line = fmt::format("Found {} ({}, {}, {}) in {}", plural(problems, "problem"),
                       plural(t.errors, "error"), plural(t.warnings, "warning"),
                       fmt::format("{} info", t.infos), where);
    if (t.unreadable_files > 0) {
      line += fmt::format("; {} could not be read", plural(t.unreadable_files, "file"));
    }
    if (!t.input_errors.empty()) {
      line += fmt::format("; {}", plural(t.input_errors.size(), "input error"));
    }
  }
  if (t.suppressed > 0) line += fmt::format("; {} suppressed", t.suppressed);
  out_ << line << ".\n";
}

}  // namespace zd
