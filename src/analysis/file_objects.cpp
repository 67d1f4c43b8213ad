#include "analysis/file_objects.hpp"

namespace zd {

const Statement* enum_created_before(const Migration& m, const QualifiedName& type,
                                     const Statement& s) {
  const Statement* created = nullptr;
  for (const Statement& t : m.statements()) {
    if (t.index >= s.index) break;
    if (t.is("CreateEnumStmt") && name_of_list(t.node.list("typeName")) == type) {
      created = &t;
    } else if (t.is("DropStmt") && t.node.str("removeType") == "OBJECT_TYPE") {
      for (const Node object : t.node.list("objects")) {
        if (name_of_list(object.list("names")) == type) created = nullptr;
      }
    }
  }
  return created;
}

const Statement* schema_created_before(const Migration& m, std::string_view schema,
                                       const Statement& s) {
  const Statement* created = nullptr;
  for (const Statement& t : m.statements()) {
    if (t.index >= s.index) break;
    if (t.is("CreateSchemaStmt") && t.node.str("schemaname") == schema) {
      created = &t;
    } else if (t.is("DropStmt") && t.node.str("removeType") == "OBJECT_SCHEMA") {
      for (const Node object : t.node.list("objects")) {
        if (object.string_value() == schema) created = nullptr;
      }
    }
  }
  return created;
}

}  // namespace zd
