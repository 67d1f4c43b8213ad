// libpg_query's parse tree in a compact form of zerodown's own, written once (TreeWriter,
// model/tree_writer.hpp) from its parse nodes or, for PL/pgSQL bodies, from its JSON.
//
// The tree has the shape of libpg_query's JSON. A general-purpose DOM keeps every key of
// every object as a string of its own (simdjson's took 35 MB for 2.5 MB of SQL). The tree
// only ever uses the few hundred field and node-type names of pg_query.proto, so here a key
// is a number, interned once for the whole process, and every value is one 8-byte entry:
// small integers and booleans in place, strings in one pool, an object or array as a count
// followed by its members' entries. Reading a field is then a scan of a few adjacent 8-byte
// entries comparing numbers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/node.hpp"

namespace zd {

class ParseTree {
 public:
  enum class Failure : uint8_t {
    None,
    TooDeep,    // more than kMaxDepth objects and arrays inside one another
    Malformed,  // not JSON (libpg_query never writes such), or too many distinct keys
  };
  struct Built {
    std::shared_ptr<const ParseTree> tree;  // null on failure
    Failure failure = Failure::None;
  };
  // `json` must be NUL-terminated (as libpg_query's output is); its root an object (the
  // SQL parser's output) or an array (the PL/pgSQL parser's).
  static Built from_json(const char* json);

  // Deeper trees are refused rather than read with recursion that could exhaust the stack
  // of a helper thread; PostgreSQL's own parser rejects far deeper input first only
  // sometimes (its limit counts grammar nesting, not tree depth).
  static constexpr size_t kMaxDepth = 1024;

  // The root object (invalid when the root is an array), the root array (empty when it is
  // an object).
  Node root() const;
  NodeList root_list() const;

  // The key named `name`, interned if no tree has used it yet (0 for an empty name, or when
  // the table is full: then no tree has that key either). A literal name is a Key
  // (model/key.hpp), numbered when compiled.
  static KeyId key_of(std::string_view name);
  static std::string_view key_name(KeyId key);

  // The same entries, strings and numbers: one tree source checked against another.
  friend bool operator==(const ParseTree& a, const ParseTree& b);

 private:
  friend class Node;
  friend class NodeList;
  friend class TreeWriter;
  friend class TreeBuilder;
  friend void detail::walk_node(Node node, const detail::Walker& w);
  friend void detail::walk_entry(const ParseTree& tree, uint32_t entry, const detail::Walker& w);

  // The last three are a node held in its member's own entry, the node's one field being
  // that entry too (`value` as for String or Int):
  // - StringNode: a whole {"String": {"sval": …}} node. Names are lists of them (a column,
  //   a type, a function, each qualified); three entries each as an object, they were a
  //   tenth of a tree.
  // - BoxedString, BoxedInt: a bare struct holding one value under its holder's own key,
  //   as an A_Const holds its constant: {"sval": {"sval": "x"}}, {"ival": {"ival": 5}}.
  enum class Kind : uint8_t {
    Object,
    Array,
    Null,
    False,
    True,
    Int,
    WideInt,
    Double,
    String,
    StringNode,
    BoxedString,
    BoxedInt
  };
  // A member (its key and value) or, for Object and Array, a header: a member whose value
  // is an object or array points (`value`) at that header, and the header is followed by
  // its `count` members. An object header's `value` is the node type of {"Type": {…}}
  // (that object is stored as its inner object, typed), 0 for a bare struct. Trivial (no
  // member initialisers), so that vectors of them are copied with memmove rather than entry
  // by entry.
  struct Entry {
    uint32_t head;   // kind in the low 4 bits; above them the key, or a header's count
    uint32_t value;  // Int: the value; WideInt: index in wide_ints_; String: offset in
                     // strings_; Object/Array member: the header's index
    Kind kind() const { return static_cast<Kind>(head & 0xF); }
    uint32_t key() const { return head >> 4; }
    uint32_t count() const { return head >> 4; }
    friend bool operator==(const Entry&, const Entry&) = default;
  };
  static constexpr uint32_t kMaxCount = UINT32_MAX >> 4;

  // The keys a StringNode stands for: its type, and its one field.
  static constexpr KeyId kStringType = Key("String").id;
  static constexpr KeyId kSval = Key("sval").id;
  static bool in_place(Kind k) { return k >= Kind::StringNode; }
  static bool is_string(Kind k) {
    return k == Kind::String || k == Kind::StringNode || k == Kind::BoxedString;
  }

  std::string_view string_at(uint32_t offset) const;
  const Entry* find(uint32_t object, KeyId key) const;

  std::vector<Entry> entries_;
  std::vector<int64_t> wide_ints_;
  std::string strings_;  // each string: its length (4 bytes), then its bytes
  Entry root_{};         // as a member holding the root
};

}  // namespace zd
