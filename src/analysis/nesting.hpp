// How messages name the DO block or function body a nested statement runs in
// (parse/nested_statements.cpp).
#pragma once

#include <string>

#include "model/migration.hpp"

namespace zd {

// "the DO block on line 3", or "the body of backfill(), run by the call on line 12".
std::string describe_body(const Migration& m, const Statement& s);

}  // namespace zd
