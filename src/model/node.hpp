// A read-only view over one node of libpg_query's parse tree (model/parse_tree.hpp).
//
// libpg_query writes a node as {"TypeName": {fields}} where the field is a generic Node,
// and as a bare {fields} object where the C struct field has a fixed type (RangeVar
// relation, TypeName typeName …). It omits false, zero and empty fields — including
// `location: 0` — so every accessor here answers with the field's default instead.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>

#include "model/key.hpp"

namespace zd {

class Node;
class NodeList;
class ParseTree;

namespace detail {
// The interned names, by KeyId; 0 is the empty name (model/parse_tree.cpp).
extern std::string_view key_names[];

struct Walker {
  const void* ctx;
  bool (*enter)(const void*, Node);
  void (*leave)(const void*, Node);  // may be null
};
void walk_node(Node node, const Walker& w);
void walk_entry(const ParseTree& tree, uint32_t entry, const Walker& w);
}  // namespace detail

// 16 bytes: a statement keeps one for as long as its file is checked.
class Node {
 public:
  Node() = default;

  bool valid() const { return tree_ != nullptr; }
  explicit operator bool() const { return valid(); }
  // The node type ("AlterTableStmt"), empty for a bare struct or an invalid node.
  std::string_view type() const { return detail::key_names[type_]; }
  bool is(Key type) const { return valid() && type_ == type.id; }

  // A field is named by a literal, numbered when compiled (model/key.hpp), or by
  // Key::named.
  Node child(Key field) const;
  NodeList list(Key field) const;
  std::string_view str(Key field) const;
  int64_t integer(Key field, int64_t fallback = 0) const;
  bool flag(Key field) const;
  bool has(Key field) const;
  // The node's own `location` (a byte offset into the parsed text), when it has one.
  std::optional<uint32_t> location() const;

  // The text of a String node ({"String":{"sval":…}}), or of an A_Const string.
  std::string_view string_value() const;

 private:
  friend class ParseTree;
  friend class NodeList;
  friend void detail::walk_node(Node node, const detail::Walker& w);
  friend void detail::walk_entry(const ParseTree& tree, uint32_t entry, const detail::Walker& w);
  // `object`: the index of an object's header entry; {"Type": {…}} becomes a node of that
  // type over the inner object.
  Node(const ParseTree* tree, uint32_t object);
  Node(const ParseTree* tree, uint32_t fields, KeyId type)
      : tree_(tree), fields_(fields), type_(type) {}
  // The node a member entry holds: an object (its header elsewhere) or a String node (the
  // entry itself); invalid when it holds no node.
  static Node held_by(const ParseTree* tree, uint32_t entry);

  const ParseTree* tree_ = nullptr;
  uint32_t fields_ = 0;  // the header of the object holding the node's fields
  KeyId type_ = 0;       // 0: a bare struct
};

class NodeList {
 public:
  NodeList() = default;

  class iterator {
   public:
    iterator(const ParseTree* tree, uint32_t entry) : tree_(tree), entry_(entry) {}
    Node operator*() const;
    iterator& operator++() {
      ++entry_;
      return *this;
    }
    bool operator!=(const iterator& other) const { return entry_ != other.entry_; }

   private:
    const ParseTree* tree_;
    uint32_t entry_;
  };

  iterator begin() const { return {tree_, array_ + 1}; }
  iterator end() const { return {tree_, array_ + 1 + static_cast<uint32_t>(size())}; }
  size_t size() const;
  bool empty() const { return size() == 0; }
  Node operator[](size_t i) const;

 private:
  friend class Node;
  friend class ParseTree;
  NodeList(const ParseTree* tree, uint32_t array) : tree_(tree), array_(array) {}
  const ParseTree* tree_ = nullptr;
  uint32_t array_ = 0;  // the array's header entry
};

// Calls `visit(node)` for `root` and every node below it, parents before children, in the
// order written. `visit` returns false to skip a node's children.
template <typename Visit>
void walk(Node root, Visit&& visit) {
  if (!root) return;
  using V = std::remove_reference_t<Visit>;
  detail::walk_node(root, {&visit,
                           [](const void* ctx, Node n) -> bool {
                             return (*static_cast<V*>(const_cast<void*>(ctx)))(n);
                           },
                           nullptr});
}

// As walk, with `leave(node)` called after the children of each node `enter` returned
// true for.
template <typename Enter, typename Leave>
void walk(Node root, Enter&& enter, Leave&& leave) {
  if (!root) return;
  struct Both {
    std::remove_reference_t<Enter>& enter;
    std::remove_reference_t<Leave>& leave;
  } both{enter, leave};
  detail::walk_node(root, {&both,
                           [](const void* ctx, Node n) -> bool {
                             return static_cast<const Both*>(ctx)->enter(n);
                           },
                           [](const void* ctx, Node n) {
                             static_cast<const Both*>(ctx)->leave(n);
                           }});
}

}  // namespace zd
