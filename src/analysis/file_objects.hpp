// Objects the relation catalog does not follow — enum types and schemas — as created by
// earlier statements of the same file. A rule asks "was this created here, before `s`?"
// to stay quiet about objects nobody else can be using yet.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "lint/rule.hpp"
#include "model/names.hpp"

namespace zd {

// Each CREATE (its statement) and DROP (null) of the file's enum types and schemas, by name,
// in file order. Built once per file, by the first rule that asks (RuleMemo): walking the
// file up to each statement asked about was quadratic in a file that alters thousands.
struct FileObjects {
  using Events = std::vector<std::pair<uint32_t, const Statement*>>;  // statement index, CREATE
  std::unordered_map<QualifiedName, Events> enums;
  std::unordered_map<std::string, Events> schemas;
};

// The CREATE TYPE … AS ENUM of `type` earlier in the file (and not dropped since), or null.
const Statement* enum_created_before(const RuleContext& ctx, const QualifiedName& type,
                                     const Statement& s);
// The CREATE SCHEMA of `schema` earlier in the file (and not dropped since), or null.
const Statement* schema_created_before(const RuleContext& ctx, std::string_view schema,
                                       const Statement& s);

}  // namespace zd
