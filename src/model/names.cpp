#include "model/names.hpp"

namespace zd {

namespace {

// An identifier PostgreSQL reads back unchanged without quotes: lower-case letters, digits,
// `_` and `$`, not starting with a digit or `$`.
bool plain_identifier(std::string_view id) {
  if (id.empty() || (id[0] >= '0' && id[0] <= '9') || id[0] == '$') return false;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
    if (!ok) return false;
  }
  return true;
}

std::string sql_identifier(std::string_view id) {
  if (plain_identifier(id)) return std::string(id);
  std::string out = "\"";
  for (const char c : id) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

}  // namespace

std::string QualifiedName::sql() const {
  return sql_identifier(schema) + "." + sql_identifier(name);
}

QualifiedName name_of_range_var(Node range_var) {
  QualifiedName q;
  if (const auto schema = range_var.str("schemaname"); !schema.empty()) q.schema = schema;
  q.name = range_var.str("relname");
  return q;
}

QualifiedName name_of_list(NodeList names) {
  QualifiedName q;
  const size_t n = names.size();
  if (n >= 2) q.schema = names[n - 2].string_value();
  if (n >= 1) q.name = names[n - 1].string_value();
  return q;
}

QualifiedName index_name(std::string_view name, const QualifiedName& table) {
  return {table.schema, std::string(name)};
}

std::string_view last_name(NodeList names) {
  return names.empty() ? std::string_view{} : names[names.size() - 1].string_value();
}

}  // namespace zd
