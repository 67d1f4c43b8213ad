// The hash of a name for the catalog's hashed maps: a schema, a table, a column, a few to a few
// dozen bytes. std::hash's (libstdc++'s _Hash_bytes, a call) took some 60 instructions for a
// schema-qualified name and was 2.7 % of the instructions on 5,000 generated migrations; this
// one is inline and reads a name of up to 16 bytes in two loads.
//
// The loads serve the scanner's keyword cache too (parse/fast_scan.cpp), which keys a word
// by its bytes read the same way.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace zd {

// `n` ≤ 8 bytes at `p` as one number (with a constant `n`, one load).
inline uint64_t load_bytes(const char* p, size_t n) {
  uint64_t w = 0;
  std::memcpy(&w, p, n);
  return w;
}

// A text of at most 8 bytes as one number, with loads of fixed size: two of 4 bytes that may
// overlap, or the first, middle and last byte of a shorter one. Not the bytes zero-padded, but
// for texts of one length, different texts give different numbers.
inline uint64_t short_text_word(const char* p, size_t n) {
  if (n >= 4) return load_bytes(p, 4) | (load_bytes(p + n - 4, 4) << 32);
  if (n == 0) return 0;
  const auto byte = [p](size_t i) { return static_cast<uint64_t>(static_cast<uint8_t>(p[i])); };
  return byte(0) | (byte(n / 2) << 8) | (byte(n - 1) << 16);
}

namespace detail {
inline uint64_t mix(uint64_t h, uint64_t w) {
  h = (h ^ w) * 0x9E3779B97F4A7C15ull;
  return h ^ (h >> 29);
}
}  // namespace detail

inline uint64_t name_hash(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  // The length mixed in first: XORed in with the bytes, "baaaa" and "aaaaaa" would meet.
  uint64_t h = detail::mix(0xC4CEB9FE1A85EC53ull, n);
  if (n > 8) {
    for (; n > 8; p += 8, n -= 8) h = detail::mix(h, load_bytes(p, 8));
    // The last 8 bytes, overlapping the word before: every byte counts, no loop for the tail.
    return detail::mix(h, load_bytes(p + n - 8, 8));
  }
  return detail::mix(h, short_text_word(p, n));
}

}  // namespace zd
