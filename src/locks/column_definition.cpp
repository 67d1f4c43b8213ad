#include "locks/column_definition.hpp"

#include <algorithm>
#include <array>

#include "model/names.hpp"

namespace zd {
namespace {

bool is_serial_type(std::string_view t) {
  static constexpr std::array<std::string_view, 6> kSerial = {
      "serial", "serial4", "bigserial", "serial8", "smallserial", "serial2"};
  return std::find(kSerial.begin(), kSerial.end(), t) != kSerial.end();
}

// Functions marked volatile in pg_proc (and the common extensions' ones) that people
// use as column defaults.
bool is_volatile_function(std::string_view f) {
  static constexpr std::array<std::string_view, 14> kVolatile = {
      "random",           "random_normal",       "clock_timestamp",   "timeofday",
      "gen_random_uuid",  "uuid_generate_v1",    "uuid_generate_v1mc", "uuid_generate_v4",
      "nextval",          "setval",              "gen_random_bytes",  "uuidv7",
      "uuid_generate_v7", "txid_current_if_assigned"};
  return std::find(kVolatile.begin(), kVolatile.end(), f) != kVolatile.end();
}

bool is_null_constant(Node n) { return n.is("A_Const") && n.flag("isnull"); }

}  // namespace

ColumnDefinition read_column_definition(Node def) {
  ColumnDefinition c;
  c.name = def.str("colname");
  c.type = last_name(def.child("typeName").list("names"));
  c.serial = is_serial_type(c.type) && def.child("typeName").list("names").size() == 1;
  c.not_null = c.serial;
  for (const Node con : def.list("constraints")) {
    const auto t = con.str("contype");
    if (t == "CONSTR_NOTNULL") {
      c.not_null = true;
    } else if (t == "CONSTR_DEFAULT") {
      if (const Node e = con.child("raw_expr"); !is_null_constant(e)) c.default_expression = e;
    } else if (t == "CONSTR_IDENTITY") {
      c.identity = true, c.not_null = true;
    } else if (t == "CONSTR_GENERATED") {
      c.generated_stored = true;
    } else if (t == "CONSTR_CHECK") {
      c.check = true;
    } else if (t == "CONSTR_PRIMARY") {
      c.unique_or_primary_key = true, c.not_null = true;
    } else if (t == "CONSTR_UNIQUE") {
      c.unique_or_primary_key = true;
    } else if (t == "CONSTR_FOREIGN") {
      c.references = con;
    }
  }
  return c;
}

Volatility volatility_of(Node expression) {
  Volatility v;
  walk(expression, [&](Node n) {
    if (v.is_volatile == Tri::Yes) return false;
    if (!n.is("FuncCall")) return true;
    const NodeList names = n.list("funcname");
    const auto function = last_name(names);
    if (is_volatile_function(function)) {
      v = {Tri::Yes, std::string(function)};
      return false;
    }
    if (names.size() >= 2 && names[0].string_value() != "pg_catalog" &&
        v.is_volatile == Tri::No) {
      v = {Tri::Unknown, std::string(names[0].string_value()) + "." + std::string(function)};
    }
    return true;
  });
  return v;
}

}  // namespace zd
