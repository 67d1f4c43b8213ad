#include "catalog/check_conditions.hpp"

#include "model/names.hpp"

namespace zd {
namespace {

std::string column_name(Node e) {
  const NodeList fields = e.list("fields");
  return e.is("ColumnRef") && fields.size() == 1 ? std::string(fields[0].string_value())
                                                 : std::string();
}

// `5 > col` is `col < 5`.
std::string_view mirrored(std::string_view op) {
  if (op == "<") return ">";
  if (op == "<=") return ">=";
  if (op == ">") return "<";
  if (op == ">=") return "<=";
  return op;
}

void add_condition(Node e, std::vector<CheckCondition>& out) {
  if (e.is("BoolExpr") && e.str("boolop") == "AND_EXPR") {
    for (const Node arg : e.list("args")) add_condition(arg, out);
  } else if (e.is("NullTest") && e.str("nulltesttype") == "IS_NOT_NULL") {
    if (auto column = column_name(e.child("arg")); !column.empty()) {
      out.push_back({std::move(column), "IS NOT NULL", {}});
    }
  } else if (e.is("A_Expr") && e.str("kind") == "AEXPR_OP") {
    const std::string_view op = last_name(e.list("name"));
    if (op != "=" && op != "<" && op != "<=" && op != ">" && op != ">=") return;
    const Node l = e.child("lexpr");
    const Node r = e.child("rexpr");
    if (auto column = column_name(l); !column.empty() && !constant_text(r).empty()) {
      out.push_back({std::move(column), std::string(op), {constant_text(r)}});
    } else if (auto right = column_name(r); !right.empty() && !constant_text(l).empty()) {
      out.push_back({std::move(right), std::string(mirrored(op)), {constant_text(l)}});
    }
  } else if (e.is("A_Expr") && e.str("kind") == "AEXPR_IN" && last_name(e.list("name")) == "=") {
    auto column = column_name(e.child("lexpr"));
    if (column.empty()) return;
    CheckCondition in{std::move(column), "IN", {}};
    for (const Node v : e.child("rexpr").list("items")) {
      in.values.push_back(constant_text(v));
      if (in.values.back().empty()) return;
    }
    out.push_back(std::move(in));
  }
}

}  // namespace

std::string constant_text(Node e) {
  if (e.is("TypeCast")) e = e.child("arg");
  if (!e.is("A_Const") || e.flag("isnull")) return {};
  if (e.has("sval")) return std::string(e.child("sval").str("sval"));
  if (e.has("ival")) return std::to_string(e.child("ival").integer("ival"));
  if (e.has("fval")) return std::string(e.child("fval").str("fval"));
  return {};
}

std::vector<CheckCondition> check_conditions(Node expr) {
  std::vector<CheckCondition> out;
  add_condition(expr, out);
  return out;
}

}  // namespace zd
