#include "report/json_writer.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstring>

namespace zd {

void JsonWriter::grow(size_t n) {
  const size_t capacity = std::max(2 * capacity_, size_ + n);
  auto data = std::make_unique_for_overwrite<char[]>(capacity);
  std::memcpy(data.get(), data_.get(), size_);
  data_ = std::move(data);
  capacity_ = capacity;
}

JsonWriter& JsonWriter::value(std::string_view s) {
  separate();
  string(s);
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::number(uint64_t n) {
  separate();
  constexpr size_t kDigits = 20;  // UINT64_MAX has 20
  char* at = room(kDigits);
  size_ += static_cast<size_t>(std::to_chars(at, at + kDigits, n).ptr - at);
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::boolean(bool b) {
  separate();
  put(b ? "true" : "false");
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  put("null");
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
  put('"');
  size_t plain = 0;  // start of the run of bytes copied as they are
  for (size_t i = next_escape(s, 0); i < s.size(); i = next_escape(s, plain)) {
    put(s.substr(plain, i - plain));
    plain = i + 1;
    const auto c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': put("\\\""); break;
      case '\\': put("\\\\"); break;
      case '\b': put("\\b"); break;
      case '\f': put("\\f"); break;
      case '\n': put("\\n"); break;
      case '\r': put("\\r"); break;
      case '\t': put("\\t"); break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        put("\\u00");
        put(kHex[c >> 4]);
        put(kHex[c & 15]);
      }
    }
  }
  put(s.substr(plain));
  put('"');
}

}  // namespace zd
