#include "report/json_writer.hpp"

#include <charconv>
#include <cstring>

namespace zd {

JsonWriter& JsonWriter::key(std::string_view name) {
  separate();
  string(name);
  out_ += ':';
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
  separate();
  string(s);
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::number(uint64_t n) {
  separate();
  char digits[20];
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out_.append(digits, end);
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::boolean(bool b) {
  separate();
  out_ += b ? "true" : "false";
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  after_value_ = true;
  return *this;
}

namespace {

// Whether any of the 8 bytes of `w` must be escaped: a control character, '"' or '\\'.
// (Classic bit tricks: exact as to "any byte", which is all the caller asks.)
bool needs_escape(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHighs = 0x8080808080808080ull;
  const auto has_zero_byte = [](uint64_t v) { return (v - kOnes) & ~v & kHighs; };
  const uint64_t below_space = (w - kOnes * 0x20) & ~w & kHighs;
  return (below_space | has_zero_byte(w ^ (kOnes * '"')) | has_zero_byte(w ^ (kOnes * '\\'))) != 0;
}

bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

// The first byte at or after `from` that must be escaped, or the end of `s`: eight bytes at a
// time while eight are left, then byte by byte (most keys and values are shorter than eight).
size_t next_escape(std::string_view s, size_t from) {
  size_t i = from;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, s.data() + i, sizeof word);
    if (needs_escape(word)) break;
  }
  while (i < s.size() && !needs_escape(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

}  // namespace

// nlohmann's escaping without ensure_ascii: the short escapes, \u00xx (lower-case hex) for
// the other control characters, everything else (UTF-8 included) as it is. Runs of bytes
// that need no escape are copied at once: a string with nothing to escape, nearly every one,
// is a single copy between its quotes.
void JsonWriter::string(std::string_view s) {
  out_ += '"';
  size_t plain = 0;  // start of the run of bytes copied as they are
  for (size_t i = next_escape(s, 0); i < s.size(); i = next_escape(s, plain)) {
    out_.append(s, plain, i - plain);
    plain = i + 1;
    const auto c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        out_ += "\\u00";
        out_ += kHex[c >> 4];
        out_ += kHex[c & 15];
      }
    }
  }
  out_.append(s, plain, s.size() - plain);
  out_ += '"';
}

}  // namespace zd
