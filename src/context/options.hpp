// What the user told zerodown about the environment a migration runs in.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zd {

// The target PostgreSQL major version; lock levels and rewrites differ between majors.
struct PgVersion {
  int major = 15;
  static constexpr int kOldest = 11;
  static constexpr int kNewest = 17;
  // Accepts "15", "15.4", "11.22": only the major matters for locking.
  static std::optional<PgVersion> parse(std::string_view text);
};

struct LintOptions {
  PgVersion pg_version;
  // The migration runner wraps each file in a transaction.
  bool assume_in_transaction = false;
  // Rule selection: ids, categories ("lock") or "all". A rule runs when it is on by
  // default or selected, and is not ignored.
  std::vector<std::string> select;
  std::vector<std::string> ignore;
};

}  // namespace zd
