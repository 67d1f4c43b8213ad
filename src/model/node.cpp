#include "model/node.hpp"

#include <cstring>

namespace zd {

using simdjson::dom::element;
using simdjson::dom::element_type;

Node::Node(element value) : value_(value) {
  simdjson::dom::object obj;
  if (value.get_object().get(obj) != simdjson::SUCCESS) return;
  valid_ = true;
  fields_ = obj;
  if (obj.size() == 1) {
    const auto kv = *obj.begin();
    // Node type names are ASCII and start with a capital letter, field names never do.
    if (!kv.key.empty() && kv.key[0] >= 'A' && kv.key[0] <= 'Z' && kv.value.is_object()) {
      type_ = kv.key;
      fields_ = kv.value.get_object().value_unsafe();
    }
  }
}

bool Node::find(std::string_view name, element& out) const {
  if (!valid_ || name.empty()) return false;
  // simdjson's at_key calls memcmp for every key as long as the name. libpg_query's field
  // names are short and those of one length mostly differ in their first byte, so it is
  // compared first: most keys are then passed over without a call.
  for (auto it = fields_.begin(), end = fields_.end(); it != end; ++it) {
    if (it.key_length() != name.size()) continue;
    const char* key = it.key_c_str();
    if (key[0] != name[0] || std::memcmp(key, name.data(), name.size()) != 0) continue;
    out = it.value();
    return true;
  }
  return false;
}

bool Node::has(std::string_view name) const {
  element e;
  return find(name, e);
}

Node Node::child(std::string_view name) const {
  element e;
  return find(name, e) ? Node(e) : Node{};
}

NodeList Node::list(std::string_view name) const {
  element e;
  simdjson::dom::array arr;
  if (!find(name, e) || e.get_array().get(arr) != simdjson::SUCCESS) return {};
  return NodeList(arr);
}

std::string_view Node::str(std::string_view name) const {
  element e;
  std::string_view s;
  if (!find(name, e) || e.get_string().get(s) != simdjson::SUCCESS) return {};
  return s;
}

int64_t Node::integer(std::string_view name, int64_t fallback) const {
  element e;
  int64_t v = 0;
  if (!find(name, e) || e.get_int64().get(v) != simdjson::SUCCESS) return fallback;
  return v;
}

bool Node::flag(std::string_view name) const {
  element e;
  bool v = false;
  if (!find(name, e) || e.get_bool().get(v) != simdjson::SUCCESS) return false;
  return v;
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

Node NodeList::operator[](size_t i) const {
  if (!valid_) return {};
  element e;
  if (array_.at(i).get(e) != simdjson::SUCCESS) return {};
  return Node(e);
}

namespace detail {

void walk_value(element value, const void* ctx, bool (*visit)(const void*, Node)) {
  simdjson::dom::array items;
  if (value.get_array().get(items) == simdjson::SUCCESS) {
    for (const element item : items) walk_value(item, ctx, visit);
    return;
  }
  const Node node(value);
  if (!node.valid() || !visit(ctx, node)) return;
  // The node's own fields: for {"Type": {fields}}, the inner object.
  for (const auto kv : node.fields_) walk_value(kv.value, ctx, visit);
}

}  // namespace detail
}  // namespace zd
