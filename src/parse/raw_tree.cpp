// The parse tree read from libpg_query's own parse nodes (PostgreSQL's C structs), not from
// the JSON pg_query_parse writes of them.
//
// pg_query_parse is the raw parse followed by writing the whole tree as JSON with printf-style
// appends, and zerodown then read that JSON back: the writing took 57 % of pg_query_parse
// on the 20,000-statement file, the reading as much again as the raw parse. Here the tree is
// written straight into a ParseTree from the structs, with the same writer the JSON reader
// uses (model/tree_writer.hpp), so the entries are the same, byte for byte: a unit test
// compares both on every fixture, and the fuzz target on every input it makes.
//
// What the JSON holds, and so what is written here, is libpg_query's: each node type's
// fields in its struct's order, named by pg_query.proto (the generated write_fields, from
// zerodown-gen-raw-tree; an expression's `xpr` header is not a field), each written or left
// out by its C type:
// - a string when not NULL, a bool when true, an integer or a one-character `char` when
//   not 0, an enum always (by its name), a float always;
// - a `Node *` (or `Expr *`) as {"Type": {fields}}, a pointer to a struct of a known type
//   as its bare {fields}, both only when not NULL; a struct held in place as its bare
//   {fields}, always;
// - a `List *` when not NIL, as an array of nodes, a NULL element as {};
// - the value nodes, lists and A_Const as libpg_query's JSON writer has them (below).
// The structs are PostgreSQL 15's, from postgresql-server-dev-15's headers; libpg_query
// 15-4.0.0 builds the same PostgreSQL 15 parser, and minor releases keep node layouts (an
// enum libpg_query renumbers is read in its numbering, name_of below). A field or
// enumerator of pg_query.proto that the headers lack fails the build.

#include <cstdlib>
#include <string_view>
#include <type_traits>

#include "model/tree_writer.hpp"
#include "parse/libpg_query.hpp"
#include "parse/parse_context.hpp"
#include "parse/pg_error.hpp"

namespace {
// What libpg_query's JSON gives as "version" (its PostgreSQL release); PostgreSQL's own
// headers, included next, define PG_VERSION_NUM as the server package's.
constexpr int kJsonVersion = PG_VERSION_NUM;
}  // namespace

// PostgreSQL's headers define macros (printf, foreach, …): included last.
extern "C" {
#include <pg_query/pg_query_internal.h>

#include "nodes/bitmapset.h"
#include "nodes/parsenodes.h"
#include "nodes/pg_list.h"
}

// A node's type. Out of zerodown's namespace, where `Node` in PostgreSQL's macros is theirs.
static NodeTag raw_tag(const void* node) { return nodeTag(node); }

namespace zd::pg {
namespace {

class RawWriter;
bool write_typed(RawWriter& w, KeyId key, const ::Node* node);

// The members of the hand-written nodes, and of the root.
struct ValueKeys {
  static constexpr KeyId version = Key("version").id;
  static constexpr KeyId stmts = Key("stmts").id;
  static constexpr KeyId items = Key("items").id;
  static constexpr KeyId ival = Key("ival").id;
  static constexpr KeyId fval = Key("fval").id;
  static constexpr KeyId boolval = Key("boolval").id;
  static constexpr KeyId sval = Key("sval").id;
  static constexpr KeyId bsval = Key("bsval").id;
  static constexpr KeyId isnull = Key("isnull").id;
  static constexpr KeyId location = Key("location").id;
};

class RawWriter : public TreeWriter {
 public:
  bool field(const char* text, KeyId key) { return text == nullptr || string(key, text); }
  bool field(bool value, KeyId key) {
    if (value) boolean(key, true);
    return true;
  }
  bool field(char c, KeyId key) { return c == 0 || string(key, std::string_view(&c, 1)); }
  template <typename T>
  requires std::is_integral_v<T>
  bool field(T value, KeyId key) {
    if (value != 0) integer(key, static_cast<int64_t>(value));
    return true;
  }
  template <typename E>
  requires std::is_enum_v<E>
  bool field(E value, KeyId key);  // with the generated enum_name, below
  bool field(double, KeyId key) {
    floating(key);
    return true;
  }
  bool field(const ::Node* node, KeyId key) {
    return node == nullptr || write_typed(*this, key, node);
  }
  bool field(const ::Expr* node, KeyId key) {
    return field(reinterpret_cast<const ::Node*>(node), key);
  }
  bool field(const ::List* list, KeyId key) {
    if (list == NIL) return true;
    size_t mark = 0;
    return begin(mark) && elements(list) && end_array(key, mark);
  }
  bool field(const ::Bitmapset* set, KeyId key) {
    if (bms_is_empty(set)) return true;
    size_t mark = 0;
    if (!begin(mark)) return false;
    for (int member = -1; (member = bms_next_member(set, member)) >= 0;) integer(0, member);
    return end_array(key, mark);
  }
  // A field whose C type is a particular node type: its bare fields.
  template <typename T>
  requires std::is_class_v<T>
  bool field(const T* node, KeyId key) {
    if (node == nullptr) return true;
    size_t mark = 0;
    return begin(mark) && write_fields(*this, node) && end_object(key, mark);
  }

  // A struct held in place (CreateForeignTableStmt's CreateStmt): its bare fields, always.
  template <typename T>
  requires std::is_class_v<T>
  bool field(const T& node, KeyId key) {
    size_t mark = 0;
    return begin(mark) && write_fields(*this, &node) && end_object(key, mark);
  }

  // A node where a field holds any node: {"Type": {fields}}.
  template <typename T>
  bool typed(KeyId key, KeyId type, const T* node) {
    size_t outer = 0;
    size_t inner = 0;
    return begin(outer) && begin(inner) && write_fields(*this, node) && end_object(type, inner) &&
           end_object(key, outer);
  }
  // libpg_query writes a node type it does not know as {}.
  bool unknown(KeyId key) {
    size_t mark = 0;
    return begin(mark) && end_object(key, mark);
  }

  // A List, IntList or OidList's elements.
  bool elements(const ::List* list) {
    const ListCell* cell = nullptr;
    foreach (cell, list) {
      if (raw_tag(list) == T_IntList) {
        integer(0, lfirst_int(cell));
      } else if (raw_tag(list) == T_OidList) {
        integer(0, lfirst_oid(cell));
      } else if (lfirst(cell) == nullptr) {
        if (!unknown(0)) return false;
      } else if (!write_typed(*this, 0, static_cast<const ::Node*>(lfirst(cell)))) {
        return false;
      }
    }
    return true;
  }
};

// The value nodes and lists, as libpg_query writes them: an Integer's 0 (and, in this
// release, any value below 1) is left out; a Boolean is written even when false; a List
// always has its items.
bool write_fields(RawWriter& w, const ::Integer* node) {
  if (node->ival > 0) w.integer(ValueKeys::ival, node->ival);
  return true;
}
bool write_fields(RawWriter& w, const ::Float* node) {
  return w.field(node->fval, ValueKeys::fval);
}
bool write_fields(RawWriter& w, const ::Boolean* node) {
  w.boolean(ValueKeys::boolval, node->boolval);
  return true;
}
bool write_fields(RawWriter& w, const ::String* node) {
  return w.field(node->sval, ValueKeys::sval);
}
bool write_fields(RawWriter& w, const ::BitString* node) {
  return w.field(node->bsval, ValueKeys::bsval);
}
bool write_fields(RawWriter& w, const ::List* node) {
  size_t mark = 0;
  return w.begin(mark) && w.elements(node) && w.end_array(ValueKeys::items, mark);
}

// A_Const holds its value in place, written bare under the value's own key; a Boolean
// there only when true; and its location always, 0 included.
bool write_fields(RawWriter& w, const ::A_Const* node) {
  constexpr ValueKeys k{};
  if (node->isnull) {
    w.boolean(k.isnull, true);
  } else {
    bool written = true;
    switch (raw_tag(&node->val)) {
      case T_Integer: written = w.field(&node->val.ival, k.ival); break;
      case T_Float: written = w.field(&node->val.fval, k.fval); break;
      case T_Boolean: {
        size_t mark = 0;
        written = w.begin(mark);
        if (written && node->val.boolval.boolval) w.boolean(k.boolval, true);
        written = written && w.end_object(k.boolval, mark);
        break;
      }
      case T_String: written = w.field(&node->val.sval, k.sval); break;
      case T_BitString: written = w.field(&node->val.bsval, k.bsval); break;
      default: break;
    }
    if (!written) return false;
  }
  w.integer(k.location, node->location);
  return true;
}

// An enum value's name. libpg_query numbers an enum's values 0, 1, … in pg_query.proto's
// order, and that is not always PostgreSQL's (it puts LIMIT_OPTION_DEFAULT, which it adds,
// first); where PostgreSQL gives the values numbers of its own (characters, -1, bit masks),
// libpg_query keeps them, and the name is found by value.
template <typename E, size_t N>
std::string_view name_of(E value, const E (&values)[N], const std::string_view (&names)[N]) {
  static const bool numbered_in_order = [&values] {
    bool seen[N] = {};
    for (const E v : values) {
      const auto i = static_cast<size_t>(v);
      if (static_cast<int64_t>(v) < 0 || i >= N || seen[i]) return false;
      seen[i] = true;
    }
    return true;
  }();
  if (numbered_in_order) {
    const auto i = static_cast<size_t>(value);
    return i < N ? names[i] : std::string_view{};
  }
  for (size_t i = 0; i < N; ++i) {
    if (values[i] == value) return names[i];
  }
  return {};
}

#include "raw_tree_declarations.inc"

template <typename E>
requires std::is_enum_v<E>
bool RawWriter::field(E value, KeyId key) { return string(key, enum_name(value)); }

#include "raw_tree_definitions.inc"

// {"version": …, "stmts": [{RawStmt's fields}, …]}.
ParseTree::Built write_tree(const ::List* statements) {
  constexpr ValueKeys k{};
  RawWriter w;
  size_t root = 0;
  size_t array = 0;
  if (!w.begin(root)) return {nullptr, w.failure()};
  w.integer(k.version, kJsonVersion);
  if (!w.begin(array)) return {nullptr, w.failure()};
  const ListCell* cell = nullptr;
  foreach (cell, statements) {
    size_t mark = 0;
    if (!w.begin(mark) || !write_fields(w, static_cast<const ::RawStmt*>(lfirst(cell))) ||
        !w.end_object(0, mark)) {
      return {nullptr, w.failure()};
    }
  }
  if (!w.end_array(k.stmts, array)) return {nullptr, w.failure()};
  return w.finish(root);
}

}  // namespace

ParseResult parse(std::string_view text) {
  ParseResult out;
  const ParseContext context;
  const PgQueryInternalParsetreeAndError raw = pg_query_raw_parse(text.data());
  std::free(raw.stderr_buffer);
  if (raw.error != nullptr) {
    out.error = make_error(*raw.error, text);
    pg_query_free_error(raw.error);
    return out;
  }
  ParseTree::Built built = write_tree(raw.tree);
  out.tree = std::move(built.tree);
  out.tree_failure = built.failure;
  return out;
}

}  // namespace zd::pg
