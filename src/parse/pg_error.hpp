// libpg_query's errors as zerodown's: shared by the JSON and the raw parse.
#pragma once

#include <pg_query.h>

#include <string_view>

#include "parse/libpg_query.hpp"

namespace zd::pg {

// The message made one line, the position a byte offset into `text`.
Error make_error(const PgQueryError& e, std::string_view text);

}  // namespace zd::pg
