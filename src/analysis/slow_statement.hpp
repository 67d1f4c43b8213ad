// Is a statement slow, i.e. does its run time grow with the size of an existing table?
// Scans, rewrites, index builds, VALIDATE, DML not bounded to a batch, and queries that
// copy data (CREATE TABLE AS). Catalog-only statements (ADD COLUMN without rewrite,
// SET/DROP DEFAULT, COMMENT, a runner's own version-table update) are not.
#pragma once

#include <string>

#include "lint/rule.hpp"

namespace zd {

struct Slowness {
  bool slow = false;
  std::string what;  // "CREATE INDEX", "UPDATE of public.users", …
};

Slowness slowness_of(const RuleContext& ctx, const Statement& s);

}  // namespace zd
