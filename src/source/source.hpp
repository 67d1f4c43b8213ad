// A migration file's text and the mapping from byte offsets to what a person sees:
// 1-based lines and 1-based character columns (LF, CRLF and lone CR all end a line).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zd {

struct Position {
  uint32_t line = 1;    // 1-based
  uint32_t column = 1;  // 1-based, in Unicode characters
  friend bool operator==(const Position&, const Position&) = default;
};

class Source {
 public:
  // `text` must be valid UTF-8 without NUL bytes (see decode_source). `bmp_only`: the text
  // is known to hold no character outside the Basic Multilingual Plane (no 4-byte UTF-8).
  Source(std::string path, std::string text, bool had_bom, bool bmp_only = false);

  const std::string& path() const { return path_; }
  std::string_view text() const { return text_; }
  // NUL-terminated, for the C parser.
  const char* c_str() const { return text_.c_str(); }
  bool had_bom() const { return had_bom_; }
  // Every character is one UTF-16 code unit (false: unknown, or not).
  bool bmp_only() const { return bmp_only_; }

  Position position(size_t offset) const;
  // The same, for offsets asked in increasing order: `line_hint` (0 at first) is where the
  // search starts, and is left at the line found. On a large file's findings, in file
  // order, a binary search over all line starts missed the cache at nearly every step.
  Position position(size_t offset, uint32_t& line_hint) const;
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }
  // The line's text without its line end.
  std::string_view line_text(uint32_t line) const;
  size_t line_start(uint32_t line) const { return line_starts_[line - 1]; }

 private:
  std::string path_;
  std::string text_;
  bool had_bom_;
  bool bmp_only_;
  // 32 bits are enough (kMaxFileBytes) and halve the table: it lives as long as the
  // file's findings, 0.5 MB for a file of 65,000 lines.
  std::vector<uint32_t> line_starts_;
  // A column counts the characters from its line's start. On a line of megabytes (a dump
  // written on one line) counting them for each finding was quadratic: a text with a line
  // longer than kCharBlock keeps the characters before each kCharBlock bytes of it.
  static constexpr size_t kCharBlock = 4096;
  std::vector<uint32_t> chars_before_block_;
  // `offset`'s position on the line that starts at line_starts_[line_index].
  Position on_line(size_t offset, size_t line_index) const;
  void count_block_characters();
  size_t characters_before(size_t offset) const;
};

struct DecodeError {
  std::string message;
  Position position;
};

// Checks that `bytes` is a text file zerodown can read: UTF-8 (a leading BOM is dropped),
// no NUL bytes. UTF-16 files are recognised by their BOM and named as such.
struct DecodeResult {
  std::optional<Source> source;
  std::optional<DecodeError> error;
};
DecodeResult decode_source(std::string path, std::string bytes);

// The largest file zerodown checks: 1 GiB, PostgreSQL's own limit on a query string
// (MaxAllocSize), and well inside the 32-bit offsets the parse tree and findings use.
inline constexpr size_t kMaxFileBytes = size_t{1} << 30;
// Why a file of `bytes` bytes is not checked, or empty when it is small enough. Asked
// before a file is read, so that a huge file costs no memory.
std::string file_too_large(uint64_t bytes);

// A byte inside a UTF-8 character, not its first.
inline bool is_continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}
// Number of UTF-8 characters in `bytes` (continuation bytes are not counted).
size_t count_characters(std::string_view bytes);
// Byte offset of the `chars`-th character of `text` (clamped to its size).
size_t byte_offset_of_character(std::string_view text, size_t chars);

}  // namespace zd
