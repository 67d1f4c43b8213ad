// Objects the relation catalog does not follow — enum types and schemas — as created by
// earlier statements of the same file. A rule asks "was this created here, before `s`?"
// to stay quiet about objects nobody else can be using yet.
#pragma once

#include <string_view>

#include "model/migration.hpp"
#include "model/names.hpp"

namespace zd {

// The CREATE TYPE … AS ENUM of `type` earlier in the file (and not dropped since), or null.
const Statement* enum_created_before(const Migration& m, const QualifiedName& type,
                                     const Statement& s);
// The CREATE SCHEMA of `schema` earlier in the file (and not dropped since), or null.
const Statement* schema_created_before(const Migration& m, std::string_view schema,
                                       const Statement& s);

}  // namespace zd
