#include "source/source.hpp"

#include <algorithm>
#include <cstring>

#include "source/gallop.hpp"

namespace zd {
namespace {

// Length of the valid UTF-8 sequence at `i`, or 0 when it is not valid
// (overlong forms, surrogates and code points above U+10FFFF are rejected).
size_t utf8_sequence_length(std::string_view s, size_t i) {
  const auto c0 = static_cast<unsigned char>(s[i]);
  if (c0 < 0x80) return 1;
  size_t n = 0;
  uint32_t min = 0;
  uint32_t cp = 0;
  if ((c0 & 0xE0) == 0xC0) {
    n = 2, min = 0x80, cp = c0 & 0x1Fu;
  } else if ((c0 & 0xF0) == 0xE0) {
    n = 3, min = 0x800, cp = c0 & 0x0Fu;
  } else if ((c0 & 0xF8) == 0xF0) {
    n = 4, min = 0x10000, cp = c0 & 0x07u;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if (!is_continuation_byte(s[i + k])) return 0;
    cp = (cp << 6) | (c & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

// Whether the 8 bytes at `p` are all ASCII and none is NUL (bit tricks on one word).
bool plain_ascii(const char* p) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHighs = 0x8080808080808080ull;
  uint64_t w;
  std::memcpy(&w, p, sizeof w);
  const uint64_t zero_byte = (w - kOnes) & ~w & kHighs;
  return ((w & kHighs) | zero_byte) == 0;
}

}  // namespace

size_t count_characters(std::string_view bytes) {
  return static_cast<size_t>(std::count_if(bytes.begin(), bytes.end(), [](char c) {
    return !is_continuation_byte(c);
  }));
}

size_t byte_offset_of_character(std::string_view text, size_t chars) {
  size_t seen = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (is_continuation_byte(text[i])) continue;
    if (seen == chars) return i;
    ++seen;
  }
  return text.size();
}

Source::Source(std::string path, std::string text, bool had_bom, bool bmp_only)
    : path_(std::move(path)), text_(std::move(text)), had_bom_(had_bom), bmp_only_(bmp_only) {
  line_starts_.push_back(0);
  const char* const begin = text_.data();
  const char* const end = begin + text_.size();
  // Nearly every file ends its lines with LF alone: then memchr finds them, many bytes at a
  // time. A file with a CR anywhere is read byte by byte (CRLF is one line end, CR alone one).
  if (std::memchr(begin, '\r', text_.size()) == nullptr) {
    const char* p = begin;
    while (const void* lf = std::memchr(p, '\n', static_cast<size_t>(end - p))) {
      p = static_cast<const char*>(lf) + 1;
      line_starts_.push_back(static_cast<uint32_t>(p - begin));
    }
    count_block_characters();
    return;
  }
  for (size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') {
      line_starts_.push_back(static_cast<uint32_t>(i + 1));
    } else if (text_[i] == '\r') {
      if (i + 1 < text_.size() && text_[i + 1] == '\n') ++i;
      line_starts_.push_back(static_cast<uint32_t>(i + 1));
    }
  }
  count_block_characters();
}

void Source::count_block_characters() {
  bool long_line = false;
  for (size_t line = 0; line < line_starts_.size() && !long_line; ++line) {
    const size_t end = line + 1 < line_starts_.size() ? line_starts_[line + 1] : text_.size();
    long_line = end - line_starts_[line] > kCharBlock;
  }
  if (!long_line) return;
  chars_before_block_.reserve(text_.size() / kCharBlock + 1);
  size_t chars = 0;
  for (size_t block = 0; block * kCharBlock <= text_.size(); ++block) {
    chars_before_block_.push_back(static_cast<uint32_t>(chars));
    chars += count_characters(std::string_view(text_).substr(block * kCharBlock, kCharBlock));
  }
}

size_t Source::characters_before(size_t offset) const {
  const size_t block = offset / kCharBlock;
  return chars_before_block_[block] +
         count_characters(std::string_view(text_).substr(block * kCharBlock,
                                                         offset - block * kCharBlock));
}

Position Source::position(size_t offset) const {
  offset = std::min(offset, text_.size());
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return on_line(offset, static_cast<size_t>(it - line_starts_.begin()) - 1);
}

Position Source::position(size_t offset, uint32_t& line_hint) const {
  offset = std::min(offset, text_.size());
  const auto hint =
      line_starts_.begin() +
      std::min<std::ptrdiff_t>(line_hint, static_cast<std::ptrdiff_t>(line_starts_.size()) - 1);
  const auto it = partition_point_from(line_starts_.begin(), line_starts_.end(), hint,
                                       [&](uint32_t start) { return start <= offset; });
  line_hint = static_cast<uint32_t>(it - line_starts_.begin()) - 1;
  return on_line(offset, line_hint);
}

Position Source::on_line(size_t offset, size_t line_index) const {
  const size_t start = line_starts_[line_index];
  const size_t column =
      offset - start <= kCharBlock || chars_before_block_.empty()
          ? count_characters(std::string_view(text_).substr(start, offset - start))
          : characters_before(offset) - characters_before(start);
  return {static_cast<uint32_t>(line_index + 1), static_cast<uint32_t>(column + 1)};
}

std::string_view Source::line_text(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  const size_t start = line_starts_[line - 1];
  size_t end = line < line_starts_.size() ? line_starts_[line] : text_.size();
  while (end > start && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
  return std::string_view(text_).substr(start, end - start);
}

std::string file_too_large(uint64_t bytes) {
  if (bytes <= kMaxFileBytes) return {};
  return "the file is " + std::to_string(bytes) + " bytes; zerodown checks files of at most " +
         std::to_string(kMaxFileBytes) + " bytes (1 GiB, PostgreSQL's limit on a query string)";
}

DecodeResult decode_source(std::string path, std::string bytes) {
  if (auto error = file_too_large(bytes.size()); !error.empty()) {
    return {std::nullopt, DecodeError{std::move(error), {1, 1}}};
  }
  const auto starts_with = [&](std::string_view prefix) {
    return std::string_view(bytes).substr(0, prefix.size()) == prefix;
  };
  if (starts_with("\xFF\xFE") || starts_with("\xFE\xFF")) {
    return {std::nullopt,
            DecodeError{"the file is UTF-16 encoded (it starts with a UTF-16 byte order mark); "
                        "zerodown reads UTF-8: convert it, e.g. with iconv -f UTF-16 -t UTF-8",
                        {1, 1}}};
  }
  bool had_bom = starts_with("\xEF\xBB\xBF");
  if (had_bom) bytes.erase(0, 3);

  // Positions of bad bytes are reported on the lines and columns a person sees.
  const auto error_at = [&](size_t offset, std::string message) {
    const Source prefix(path, bytes.substr(0, offset), had_bom);
    return DecodeResult{std::nullopt, DecodeError{std::move(message), prefix.position(offset)}};
  };
  bool bmp_only = true;
  for (size_t i = 0; i < bytes.size();) {
    // ASCII without NUL bytes, the bulk of any migration, is checked eight bytes at a time.
    if (i + 8 <= bytes.size() && plain_ascii(bytes.data() + i)) {
      i += 8;
      continue;
    }
    if (bytes[i] == '\0') {
      return error_at(i, "the file contains a NUL byte: it is binary, not SQL text");
    }
    const size_t n = utf8_sequence_length(bytes, i);
    if (n == 0) {
      return error_at(i, "the file is not valid UTF-8 (byte 0x" +
                             [&] {
                               static const char* hex = "0123456789ABCDEF";
                               const auto c = static_cast<unsigned char>(bytes[i]);
                               return std::string{hex[c >> 4], hex[c & 15]};
                             }() +
                             "); zerodown reads UTF-8 text");
    }
    bmp_only = bmp_only && n < 4;
    i += n;
  }
  return {Source(std::move(path), std::move(bytes), had_bom, bmp_only), std::nullopt};
}

}  // namespace zd
