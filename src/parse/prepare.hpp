// Before parsing: psql meta-commands (`\set`, `\i`, `\connect` …), the inline data of
// `COPY … FROM stdin` and the colon of psql variables (`:name`, `:'name'`) are not SQL,
// so they are replaced by spaces. Line ends are kept, so
// every byte offset (and so every line and column) stays true to the file.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "parse/chunks.hpp"
#include "runner/presets.hpp"

namespace zd {

class Migration;
class Source;

// Runner sections: goose (`-- +goose Up` / `Down`, `StatementBegin` / `StatementEnd`) and
// dbmate (`-- migrate:up` / `-- migrate:down`). A down section is blanked unless lint_down;
// goose annotation lines are blanked, and a `StatementEnd` closing a statement that has no
// final `;` becomes that `;` (goose ends the statement there).
struct PrepareOptions {
  runner::Sections sections = runner::Sections::None;
  bool lint_down = false;
};

struct Prepared {
  std::string text;       // same length as the input
  size_t blanked_lines = 0;
};

Prepared blank_non_sql(std::string_view text, const PrepareOptions& options = {});

// parse_migration (model/migration.hpp) with runner sections applied, a large file parsed
// in chunks on `parse_options.threads` threads.
std::unique_ptr<Migration> parse_migration(const Source& source, const PrepareOptions& options,
                                           const ParseOptions& parse_options = {});

}  // namespace zd
