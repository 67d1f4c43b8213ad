// A finding: what a rule says about one place in a file, with the lock facts behind it and
// the edits that would fix it. Self-contained, so reporters never look back at the tree.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lint/severity.hpp"
#include "lint/shared_text.hpp"
#include "locks/facts.hpp"
#include "model/migration.hpp"
#include "source/source.hpp"

namespace zd {

struct Edit {
  ByteSpan span;  // replaced bytes (empty for an insertion)
  std::string replacement;
};

struct Fix {
  std::string title;
  // Safe: applying it keeps the migration's meaning. Unsafe: it changes how the
  // migration runs (e.g. it must then run outside a transaction) and needs a look.
  bool safe = false;
  std::vector<Edit> edits;
};

// The lock facts a finding is about: those of one statement. The relations are the lock
// model's own list, moved out of its facts once the rules have run and shared by the
// statement's findings, not copied into each (a large file has thousands of findings).
struct LockSummary {
  std::shared_ptr<const std::vector<RelationLock>> locks;  // null until the rules have run
  uint32_t statement = 0;
  Tri rewrite = Tri::No;
  Tri scan = Tri::No;
};

struct RuleInfo;

// Kept for every finding of a file until it is reported, thousands on a large file: the
// help and the rare suppression reason are shared texts, the small fields sit together at
// the end (160 bytes; 208 with strings of their own and the fields in between).
struct Finding {
  const RuleInfo* rule = nullptr;
  ByteSpan span;
  Position start;
  Position end;
  std::string message;
  SharedText help;
  std::optional<LockSummary> lock;
  std::vector<Fix> fixes;
  SharedText suppression_reason;
  uint32_t statement = 0;        // index of the statement it is about
  Severity severity = Severity::Warning;
  bool suppressed = false;
};

}  // namespace zd
