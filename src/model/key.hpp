// The number of a field or node-type name of the parse tree (model/parse_tree.hpp), found
// when the code is compiled.
//
// Every accessor names its field with a literal (`node.child("relation")`), over a million
// times on a 20,000-statement file. Looking the name up as the program runs cost some 60
// instructions each time, 4.6 % of all of them on that file, even behind a per-thread cache
// keyed by the literal's address. The names libpg_query writes are pg_query.proto's
// (generated into known_keys.inc, sorted, when zerodown is built) and, in PL/pgSQL bodies,
// those of its PL/pgSQL writer (below). A Key made from a literal is its position in these
// lists, worked out by the compiler; the key table (model/parse_tree.cpp) starts with them
// in the same order, so the numbers agree. A literal in neither list does not compile: a
// misspelt field name is caught when the code is built, not by a rule that silently never
// fires.
#pragma once

#include <cstdint>
#include <string_view>

namespace zd {

// A field or node-type name of the tree, interned once for the whole process.
using KeyId = uint32_t;

namespace detail {

#include "known_keys.inc"

// The keys of libpg_query's PL/pgSQL JSON (pg_query_parse_plpgsql) that zerodown reads and
// pg_query.proto does not have, sorted. Other keys of that JSON are numbered as they are
// first met.
inline constexpr std::string_view kPlpgsqlKeys[] = {
    "PLpgSQL_expr",
    "dynquery",
    "lineno",
    "sqlstmt",
};

template <size_t N>
consteval int index_in(const std::string_view (&sorted)[N], std::string_view name) {
  size_t low = 0;
  size_t high = N;
  while (low < high) {
    const size_t mid = (low + high) / 2;
    if (sorted[mid] < name) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low < N && sorted[low] == name ? static_cast<int>(low) : -1;
}

template <size_t N>
consteval bool sorted_and_apart_from_proto(const std::string_view (&keys)[N]) {
  for (size_t i = 0; i < N; ++i) {
    if (i > 0 && !(keys[i - 1] < keys[i])) return false;
    if (index_in(kProtoKeys, keys[i]) >= 0) return false;
  }
  return true;
}
static_assert(sorted_and_apart_from_proto(kPlpgsqlKeys),
              "kPlpgsqlKeys must be sorted and hold no key of pg_query.proto");

inline constexpr size_t kKnownKeyCount = std::size(kProtoKeys) + std::size(kPlpgsqlKeys);

// The known keys in KeyId order, from 1 (0 is the empty name).
constexpr std::string_view known_key_name(size_t i) {
  return i < std::size(kProtoKeys) ? kProtoKeys[i] : kPlpgsqlKeys[i - std::size(kProtoKeys)];
}

consteval KeyId known_key(std::string_view name) {
  if (const int i = index_in(kProtoKeys, name); i >= 0) return static_cast<KeyId>(i) + 1;
  if (const int i = index_in(kPlpgsqlKeys, name); i >= 0) {
    return static_cast<KeyId>(std::size(kProtoKeys) + static_cast<size_t>(i)) + 1;
  }
  // Not a constant expression: the compiler reports the call that named an unknown key.
  throw "not a key of pg_query.proto nor of libpg_query's PL/pgSQL JSON";
}

}  // namespace detail

class Key {
 public:
  consteval Key(const char* name) : id(detail::known_key(name)) {}  // NOLINT: implicit
  consteval Key(std::string_view name) : id(detail::known_key(name)) {}  // NOLINT: implicit
  // A name known only as the program runs (a field chosen by a variable), interned if no
  // tree has used it yet.
  static Key named(std::string_view name);

  KeyId id;

 private:
  explicit constexpr Key(KeyId key) : id(key) {}
};

}  // namespace zd
