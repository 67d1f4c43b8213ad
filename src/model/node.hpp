// A read-only view over one node of libpg_query's JSON parse tree.
//
// libpg_query writes a node as {"TypeName": {fields}} where the field is a generic Node,
// and as a bare {fields} object where the C struct field has a fixed type (RangeVar
// relation, TypeName typeName …). It omits false, zero and empty fields — including
// `location: 0` — so every accessor here answers with the field's default instead.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string_view>

namespace zd {

class Node;
class NodeList;

namespace detail {
void walk_value(simdjson::dom::element value, const void* ctx, bool (*visit)(const void*, Node));
}

class Node {
 public:
  Node() = default;
  explicit Node(simdjson::dom::element value);

  bool valid() const { return valid_; }
  explicit operator bool() const { return valid_; }
  // The node type ("AlterTableStmt"), empty for a bare struct or an invalid node.
  std::string_view type() const { return type_; }
  bool is(std::string_view t) const { return valid_ && type_ == t; }

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

  simdjson::dom::element raw() const { return value_; }

 private:
  friend void detail::walk_value(simdjson::dom::element value, const void* ctx,
                                 bool (*visit)(const void*, Node));
  // One key lookup; false when the field is absent (libpg_query omits defaults).
  bool find(std::string_view name, simdjson::dom::element& out) const;
  simdjson::dom::element value_;
  simdjson::dom::object fields_;
  std::string_view type_;
  bool valid_ = false;
};

class NodeList {
 public:
  NodeList() = default;
  explicit NodeList(simdjson::dom::array array) : array_(array), valid_(true) {}

  class iterator {
   public:
    explicit iterator(simdjson::dom::array::iterator it) : it_(it) {}
    Node operator*() const { return Node(*it_); }
    iterator& operator++() {
      ++it_;
      return *this;
    }
    bool operator!=(const iterator& other) const { return it_ != other.it_; }

   private:
    simdjson::dom::array::iterator it_;
  };

  iterator begin() const { return valid_ ? iterator(array_.begin()) : iterator({}); }
  iterator end() const { return valid_ ? iterator(array_.end()) : iterator({}); }
  size_t size() const { return valid_ ? array_.size() : 0; }
  bool empty() const { return size() == 0; }
  Node operator[](size_t i) const;

 private:
  simdjson::dom::array array_;
  bool valid_ = false;
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
  detail::walk_value(root.raw(), &visit, trampoline);
}

}  // namespace zd
