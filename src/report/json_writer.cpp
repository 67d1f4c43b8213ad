#include "report/json_writer.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstring>

namespace zd {

JsonWriter& JsonWriter::key(Key k) {
  char text[1 + Key::kMaxSize + 3];
  size_t n = 0;
  if (after_value_) text[n++] = ',';
  after_value_ = false;
  text[n++] = '"';
  std::memcpy(text + n, k.name().data(), k.name().size());
  n += k.name().size();
  text[n++] = '"';
  text[n++] = ':';
  out_.append(text, n);
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

// Sixteen bytes tested at once, with GCC's vector extensions (SSE2 on x86-64, NEON on arm64).
using Block = unsigned char __attribute__((vector_size(16)));

// Offset of the first of the 16 bytes of `b` that must be escaped (a control character, '"'
// or '\\'), or 16.
size_t first_escape(Block b) {
  const auto hits = (b < 0x20) | (b == '"') | (b == '\\');  // 0xff where a byte must be escaped
  uint64_t half[2];
  std::memcpy(half, &hits, sizeof half);
  const auto first_in = [](uint64_t h) {
    const int zeros =
        std::endian::native == std::endian::little ? std::countr_zero(h) : std::countl_zero(h);
    return static_cast<size_t>(zeros / 8);
  };
  if (half[0] != 0) return first_in(half[0]);
  if (half[1] != 0) return 8 + first_in(half[1]);
  return 16;
}

Block load(const char* p) {
  Block b;
  std::memcpy(&b, p, sizeof b);
  return b;
}

// The first byte at or after `from` that must be escaped, or the end of `s`.
size_t next_escape(std::string_view s, size_t from) {
  const size_t n = s.size();
  if (n - from < sizeof(Block)) {
    // Fewer than sixteen bytes (most keys and many values): padded with spaces.
    char padded[sizeof(Block)];
    std::memset(padded, ' ', sizeof padded);
    std::memcpy(padded, s.data() + from, n - from);
    return std::min(n, from + first_escape(load(padded)));
  }
  for (size_t i = from; i + sizeof(Block) <= n; i += sizeof(Block)) {
    if (const size_t k = first_escape(load(s.data() + i)); k < sizeof(Block)) return i + k;
  }
  // The last sixteen bytes, some of them already found plain: the first hit is past them.
  const size_t last = n - sizeof(Block);
  return std::min(n, last + first_escape(load(s.data() + last)));
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
