#include "model/node.hpp"

#include "model/parse_tree.hpp"

namespace zd {

Node::Node(const ParseTree* tree, uint32_t object)
    : tree_(tree), fields_(object), type_(tree->entries_[object].value) {}

inline Node Node::held_by(const ParseTree* tree, uint32_t entry) {
  const auto& e = tree->entries_[entry];
  if (e.kind() == ParseTree::Kind::Object) return Node(tree, e.value);
  if (e.kind() == ParseTree::Kind::StringNode) return Node(tree, entry, ParseTree::kStringType);
  if (ParseTree::in_place(e.kind())) return Node(tree, entry, 0);
  return {};
}

Node Node::child(Key field) const {
  if (!tree_) return {};
  const auto* e = tree_->find(fields_, field.id);
  // A node held in place: its own entry is its one field, a value, not a node.
  if (!e || e == &tree_->entries_[fields_]) return {};
  return held_by(tree_, static_cast<uint32_t>(e - tree_->entries_.data()));
}

NodeList Node::list(Key field) const {
  if (!tree_) return {};
  const auto* e = tree_->find(fields_, field.id);
  return e && e->kind() == ParseTree::Kind::Array ? NodeList(tree_, e->value) : NodeList{};
}

std::string_view Node::str(Key field) const {
  if (!tree_) return {};
  const auto* e = tree_->find(fields_, field.id);
  return e && ParseTree::is_string(e->kind()) ? tree_->string_at(e->value) : std::string_view{};
}

int64_t Node::integer(Key field, int64_t fallback) const {
  if (!tree_) return fallback;
  const auto* e = tree_->find(fields_, field.id);
  if (!e) return fallback;
  switch (e->kind()) {
    case ParseTree::Kind::Int:
    case ParseTree::Kind::BoxedInt: return static_cast<int32_t>(e->value);
    case ParseTree::Kind::WideInt: return tree_->wide_ints_[e->value];
    default: return fallback;
  }
}

bool Node::flag(Key field) const {
  if (!tree_) return false;
  const auto* e = tree_->find(fields_, field.id);
  return e && e->kind() == ParseTree::Kind::True;
}

bool Node::has(Key field) const {
  return tree_ && tree_->find(fields_, field.id) != nullptr;
}

std::optional<uint32_t> Node::location() const {
  const int64_t v = integer("location", -1);
  if (v < 0) return std::nullopt;
  return static_cast<uint32_t>(v);
}

std::string_view Node::string_value() const {
  if (is("String")) return str("sval");
  if (is("A_Const")) return child("sval").str("sval");
  return {};
}

Node NodeList::iterator::operator*() const { return Node::held_by(tree_, entry_); }

size_t NodeList::size() const { return tree_ ? tree_->entries_[array_].count() : 0; }

Node NodeList::operator[](size_t i) const {
  if (i >= size()) return {};
  return *iterator(tree_, array_ + 1 + static_cast<uint32_t>(i));
}

namespace detail {

void walk_node(Node node, const Walker& w) {
  if (!w.enter(w.ctx, node)) return;
  // The node's own fields: for {"Type": {fields}}, the inner object.
  const ParseTree& tree = *node.tree_;
  const auto& fields = tree.entries_[node.fields_];
  const uint32_t n = ParseTree::in_place(fields.kind()) ? 0 : fields.count();
  for (uint32_t i = 1; i <= n; ++i) walk_entry(tree, node.fields_ + i, w);
  if (w.leave) w.leave(w.ctx, node);
}

void walk_entry(const ParseTree& tree, uint32_t entry, const Walker& w) {
  const auto& e = tree.entries_[entry];
  if (e.kind() == ParseTree::Kind::Object || ParseTree::in_place(e.kind())) {
    walk_node(Node::held_by(&tree, entry), w);
  } else if (e.kind() == ParseTree::Kind::Array) {
    const uint32_t n = tree.entries_[e.value].count();
    for (uint32_t i = 1; i <= n; ++i) walk_entry(tree, e.value + i, w);
  }
}

}  // namespace detail
}  // namespace zd
