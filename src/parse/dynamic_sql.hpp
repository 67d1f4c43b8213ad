// The SQL string of an EXECUTE, when it is known before the body runs: a string literal,
// literals joined with ||, or format() of literals. Anything that depends on a variable,
// a parameter or a function result is unknown until run time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zd {

struct ResolvedSql {
  std::string text;
  // For each byte of `text`, and for its end, the offset in the expression it comes
  // from (a format() substitution: its argument's literal).
  std::vector<uint32_t> from;
};

std::optional<ResolvedSql> resolve_dynamic_sql(std::string_view expression);

}  // namespace zd
