// The SQL string of an EXECUTE, when it is known before the body runs: a string literal,
// literals joined with ||, or format() of literals. Anything that depends on a variable,
// a parameter or a function result is unknown until run time.
#pragma once

#include <optional>
#include <string_view>

#include "parse/string_literal.hpp"

namespace zd {

// The SQL string, each byte mapped to the offset in `expression` it comes from (a format()
// substitution: its argument's literal).
std::optional<MappedText> resolve_dynamic_sql(std::string_view expression);

}  // namespace zd
