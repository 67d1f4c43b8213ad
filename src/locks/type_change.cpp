#include "locks/type_change.hpp"

#include <fmt/format.h>

namespace zd {
namespace {

bool is_string_type(std::string_view t) { return t == "varchar" || t == "text"; }

bool is_precision_type(std::string_view t) {
  return t == "timestamp" || t == "timestamptz" || t == "time" || t == "timetz" ||
         t == "interval";
}

// An unconstrained typmod accepts every value of a constrained one; a larger limit
// accepts every value of a smaller one.
bool typmod_widens(const std::vector<int64_t>& from, const std::vector<int64_t>& to) {
  if (to.empty()) return true;
  if (from.empty()) return false;
  return to[0] >= from[0];
}

}  // namespace

TypeChange type_change_rewrites(const ColumnType& from, const ColumnType& to, PgVersion version,
                                bool utc_time_zone) {
  if (!from.known()) {
    return {Tri::Unknown, "the column's current type is unknown to zerodown; the change rewrites "
                          "the table unless it is binary-coercible"};
  }
  const std::string change = fmt::format("{} → {}", from.display(), to.display());
  const TypeChange no_rewrite{Tri::No, change + " keeps the stored bytes: no rewrite"};
  const TypeChange rewrite{Tri::Yes, change + " converts every stored value"};
  if (from.array != to.array) return rewrite;
  if (from == to) return no_rewrite;
  if (is_string_type(from.name) && is_string_type(to.name)) {
    if (to.name == "text") return no_rewrite;
    if (from.name == "text") return to.typmods.empty() ? no_rewrite : rewrite;
    return typmod_widens(from.typmods, to.typmods) ? no_rewrite : rewrite;
  }
  if ((from.name == "varbit" && to.name == "varbit") ||
      (is_precision_type(from.name) && from.name == to.name)) {
    return typmod_widens(from.typmods, to.typmods) ? no_rewrite : rewrite;
  }
  if (from.name == "numeric" && to.name == "numeric") {
    if (to.typmods.empty()) return no_rewrite;
    if (from.typmods.empty()) return rewrite;
    const int64_t from_scale = from.typmods.size() > 1 ? from.typmods[1] : 0;
    const int64_t to_scale = to.typmods.size() > 1 ? to.typmods[1] : 0;
    return to.typmods[0] >= from.typmods[0] && to_scale == from_scale ? no_rewrite : rewrite;
  }
  if (from.name == "cidr" && to.name == "inet") return no_rewrite;
  const bool between_timestamps = (from.name == "timestamp" && to.name == "timestamptz") ||
                                  (from.name == "timestamptz" && to.name == "timestamp");
  if (between_timestamps && version.major >= 12 && typmod_widens(from.typmods, to.typmods)) {
    // PostgreSQL 12+ keeps the stored values when the session's zone is at offset 0.
    if (utc_time_zone) {
      return {Tri::No, change + " keeps the stored values with the session TimeZone at UTC: no "
                                "rewrite, but the column's indexes are rebuilt"};
    }
    return {Tri::Unknown, change + " rewrites unless the session TimeZone is UTC, and rebuilds "
                          "the column's indexes either way"};
  }
  return rewrite;
}

}  // namespace zd
