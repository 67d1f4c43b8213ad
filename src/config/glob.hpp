// Path globs, shared by input discovery (`zerodown check 'db/**/*.sql'`) and the `paths` of
// a configuration file's overrides.
#pragma once

#include <string_view>

namespace zd {

// Matches component by component: `*`, `?` and `[…]` stay within one, and a `**`
// component matches zero or more whole ones, so `db/**/*.sql` also matches `db/a.sql`
// (as bash's globstar and .gitignore do). Both sides use `/` as the separator.
bool glob_matches(std::string_view pattern, std::string_view path);

}  // namespace zd
