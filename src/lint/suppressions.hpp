// Inline suppressions:
//   -- zerodown-ignore: RULE[, RULE …] -- reason      (the statement it belongs to)
//   -- zerodown-ignore-file: RULE[, RULE …] -- reason (the whole file)
// A statement-level comment belongs to the statement after it, or, written on the line
// where a statement ends, to that statement. It covers the whole statement however many
// lines it spans.
#pragma once

#include <string>
#include <vector>

#include "model/migration.hpp"

namespace zd {

struct Suppression {
  std::string rule;
  ByteSpan span;           // the rule name in the comment
  ByteSpan comment;        // the whole comment (shared by the rules it names)
  std::string reason;
  bool whole_file = false;
  const Statement* statement = nullptr;  // for statement-level ones (nullptr: none follows)
  bool used = false;
};

std::vector<Suppression> read_suppressions(const Migration& m);

}  // namespace zd
