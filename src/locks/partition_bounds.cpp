#include "locks/partition_bounds.hpp"

#include <algorithm>

namespace zd {
namespace {

bool proven_has(const std::vector<CheckCondition>& proven, const CheckCondition& c) {
  return std::find(proven.begin(), proven.end(), c) != proven.end();
}

// MINVALUE / MAXVALUE in a range bound (a bare name in the raw parse tree).
bool open_bound(Node datum) {
  const NodeList fields = datum.list("fields");
  if (!datum.is("ColumnRef") || fields.size() != 1) return false;
  const auto name = fields[0].string_value();
  return name == "minvalue" || name == "maxvalue";
}

// `key >= a` (or `key < b`): true when the side is open, or proven.
bool side_proven(NodeList datums, const std::string& key, std::string_view op,
                 const std::vector<CheckCondition>& proven) {
  if (datums.size() != 1) return false;
  if (open_bound(datums[0])) return true;
  const std::string value = constant_text(datums[0]);
  return !value.empty() && proven_has(proven, {key, std::string(op), {value}});
}

bool list_proven(NodeList datums, const std::string& key,
                 const std::vector<CheckCondition>& proven) {
  std::vector<std::string> allowed;
  for (const Node d : datums) {
    allowed.push_back(constant_text(d));
    if (allowed.back().empty()) return false;  // NULL among the values, or an expression
  }
  const auto within = [&](const std::vector<std::string>& values) {
    return !values.empty() && std::all_of(values.begin(), values.end(), [&](const auto& v) {
      return std::find(allowed.begin(), allowed.end(), v) != allowed.end();
    });
  };
  return std::any_of(proven.begin(), proven.end(), [&](const CheckCondition& c) {
    return c.column == key && (c.op == "IN" || c.op == "=") && within(c.values);
  });
}

}  // namespace

bool conditions_imply_bounds(Node bound, const std::string& key,
                             const std::vector<CheckCondition>& proven, bool key_not_null) {
  if (!bound || bound.flag("is_default")) return false;
  if (!key_not_null && !proven_has(proven, {key, "IS NOT NULL", {}})) return false;
  const auto strategy = bound.str("strategy");
  if (strategy == "r") {
    return side_proven(bound.list("lowerdatums"), key, ">=", proven) &&
           side_proven(bound.list("upperdatums"), key, "<", proven);
  }
  if (strategy == "l") return list_proven(bound.list("listdatums"), key, proven);
  return false;
}

}  // namespace zd
