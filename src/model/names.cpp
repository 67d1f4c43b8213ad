#include "model/names.hpp"

#include "parse/quote.hpp"

namespace zd {

std::string QualifiedName::sql() const {
  return quote_identifier(schema) + "." + quote_identifier_after_dot(name);
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
