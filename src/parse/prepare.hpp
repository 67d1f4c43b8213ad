// Before parsing: psql meta-commands (`\set`, `\i`, `\connect` …), the inline data of
// `COPY … FROM stdin` and the colon of psql variables (`:name`, `:'name'`) are not SQL,
// so they are replaced by spaces. Line ends are kept, so
// every byte offset (and so every line and column) stays true to the file.
#pragma once

#include <string>
#include <string_view>

namespace zd {

struct Prepared {
  std::string text;       // same length as the input
  size_t blanked_lines = 0;
};

Prepared blank_non_sql(std::string_view text);

}  // namespace zd
