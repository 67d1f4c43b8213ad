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

namespace zd {

class Node;
class NodeList;
class ParseTree;

// A field or node-type name of the tree, interned once for the whole process.
using KeyId = uint32_t;

namespace detail {
// The interned names, by KeyId; 0 is the empty name (model/parse_tree.cpp).
extern std::string_view key_names[];

void walk_node(Node node, const void* ctx, bool (*visit)(const void*, Node));
void walk_entry(const ParseTree& tree, uint32_t entry, const void* ctx,
                bool (*visit)(const void*, Node));
}  // namespace detail

// 16 bytes: a statement keeps one for as long as its file is checked.
class Node {
 public:
  Node() = default;

  bool valid() const { return tree_ != nullptr; }
  explicit operator bool() const { return valid(); }
  // The node type ("AlterTableStmt"), empty for a bare struct or an invalid node.
  std::string_view type() const { return detail::key_names[type_]; }
  bool is(std::string_view t) const { return valid() && type() == t; }

  Node child(std::string_view field) const;
  NodeList list(std::string_view field) const;
  std::string_view str(std::string_view field) const;
  int64_t integer(std::string_view field, int64_t fallback = 0) const;
  bool flag(std::string_view field) const;
  bool has(std::string_view field) const;
  // The node's own `location` (a byte offset into the parsed text), when it has one.
  std::optional<uint32_t> location() const;

  // The text of a String node ({"String":{"sval":…}}), or of an A_Const string.
  std::string_view string_value() const;

 private:
  friend class ParseTree;
  friend class NodeList;
  friend void detail::walk_node(Node node, const void* ctx, bool (*visit)(const void*, Node));
  friend void detail::walk_entry(const ParseTree& tree, uint32_t entry, const void* ctx,
                                 bool (*visit)(const void*, Node));
  // `object`: the index of an object's header entry; {"Type": {…}} becomes a node of that
  // type over the inner object.
  Node(const ParseTree* tree, uint32_t object);

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
  NodeList(const ParseTree* tree, uint32_t array) : tree_(tree), array_(array) {}
  const ParseTree* tree_ = nullptr;
  uint32_t array_ = 0;  // the array's header entry
};

// Calls `visit(node)` for `root` and every node below it, parents before children.
// `visit` returns false to skip a node's children.
template <typename Visit>
void walk(Node root, Visit&& visit);

template <typename Visit>
void walk(Node root, Visit&& visit) {
  if (!root) return;
  auto trampoline = [](const void* ctx, Node n) -> bool {
    return (*static_cast<std::remove_reference_t<Visit>*>(const_cast<void*>(ctx)))(n);
  };
  detail::walk_node(root, &visit, trampoline);
}

}  // namespace zd
