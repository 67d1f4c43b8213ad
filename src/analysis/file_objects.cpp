#include "analysis/file_objects.hpp"

#include <algorithm>

#include "lint/alter_table_walk.hpp"

namespace zd {
namespace {

const FileObjects& file_objects(const RuleContext& ctx) {
  return ctx.memo().file_objects.get([&](FileObjects& objects) {
    for (const Statement& t : ctx.statements()) {
      if (t.is("CreateEnumStmt")) {
        objects.enums[name_of_list(t.node.list("typeName"))].emplace_back(t.index, &t);
      } else if (t.is("CreateSchemaStmt")) {
        objects.schemas[std::string(t.node.str("schemaname"))].emplace_back(t.index, &t);
      } else if (t.is("DropStmt") && t.node.str("removeType") == "OBJECT_TYPE") {
        for (const Node object : t.node.list("objects")) {
          objects.enums[name_of_list(object.list("names"))].emplace_back(t.index, nullptr);
        }
      } else if (t.is("DropStmt") && t.node.str("removeType") == "OBJECT_SCHEMA") {
        for (const Node object : t.node.list("objects")) {
          objects.schemas[std::string(object.string_value())].emplace_back(t.index, nullptr);
        }
      }
    }
  });
}

// The statement of the last event before `s`: its CREATE, or null after a DROP or none.
template <typename Map, typename Key>
const Statement* created_before(const Map& events, const Key& name, const Statement& s) {
  const auto found = events.find(name);
  if (found == events.end()) return nullptr;
  const FileObjects::Events& e = found->second;
  const auto after = std::partition_point(e.begin(), e.end(),
                                          [&](const auto& event) { return event.first < s.index; });
  return after == e.begin() ? nullptr : std::prev(after)->second;
}

}  // namespace

const Statement* enum_created_before(const RuleContext& ctx, const QualifiedName& type,
                                     const Statement& s) {
  return created_before(file_objects(ctx).enums, type, s);
}

const Statement* schema_created_before(const RuleContext& ctx, std::string_view schema,
                                       const Statement& s) {
  return created_before(file_objects(ctx).schemas, std::string(schema), s);
}

}  // namespace zd
