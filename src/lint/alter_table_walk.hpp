// The walk most ALTER TABLE rules need: every subcommand of every ALTER TABLE on a
// relation that existed before this file, with the lock model's facts for it. A dozen
// rules walk it, so the list is built once per file, on the first rule's first use.
#pragma once

#include <atomic>
#include <vector>

#include "analysis/column_types.hpp"
#include "analysis/file_objects.hpp"
#include "analysis/name_takeover.hpp"
#include "analysis/unbatched_dml.hpp"
#include "lint/computed_once.hpp"
#include "lint/rule.hpp"
#include "model/spans.hpp"

namespace zd {

struct AlterSubcommand {
  const Statement& statement;
  const RelationLock& table;  // the altered relation and the statement's lock on it
  Node command;               // the AlterTableCmd
  std::string_view subtype;   // "AT_AddColumn" …
  const Action& action;       // the lock model's facts for this subcommand
  ByteSpan span;              // the subcommand's text
};

// What several rules of one file need and is worth computing only once, for all of them,
// whichever of the file's rule threads asks first. It lives as long as the file's tree, so
// it is kept flat: no heap block per statement.
struct RuleMemo {
  explicit RuleMemo(const std::vector<LockFacts>& facts);

  ComputedOnce<std::vector<AlterSubcommand>> alter_subcommands;
  ComputedOnce<FileColumns> typed_columns;                // analysis/column_types.hpp
  ComputedOnce<std::vector<UnbatchedDml>> unbatched_dml;  // analysis/unbatched_dml.hpp
  ComputedOnce<NameChanges> name_changes;                 // analysis/name_takeover.hpp
  ComputedOnce<FileObjects> file_objects;                 // analysis/file_objects.hpp
  // RuleContext::on_existing, for every lock of every statement's facts, the statements'
  // locks one after the other (Unknown: not asked yet); a statement's first lock is at
  // first_lock[statement index]. Two threads asking at once both decide, the same way.
  std::vector<uint32_t> first_lock;
  std::vector<std::atomic<Tri>> on_existing;
};

const std::vector<AlterSubcommand>& alter_subcommands(const RuleContext& ctx);

template <typename Visit>
void for_each_alter_subcommand(const RuleContext& ctx, Visit&& visit) {
  for (const AlterSubcommand& sub : alter_subcommands(ctx)) visit(sub);
}

}  // namespace zd
