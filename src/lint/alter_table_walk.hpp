// The walk most ALTER TABLE rules need: every subcommand of every ALTER TABLE on a
// relation that existed before this file, with the lock model's facts for it.
#pragma once

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

template <typename Visit>
void for_each_alter_subcommand(const RuleContext& ctx, Visit&& visit) {
  for (const Statement& s : ctx.statements()) {
    if (!s.is("AlterTableStmt")) continue;
    const RelationLock* table = nullptr;
    for (const auto& l : ctx.locks(s).locks) {
      if ((l.role == RelationRole::Table || l.role == RelationRole::Parent ||
           l.role == RelationRole::MaterializedView) &&
          l.relation == name_of_range_var(s.node.child("relation"))) {
        table = &l;
        break;
      }
    }
    if (!table || !ctx.on_existing(*table, s)) continue;
    const NodeList cmds = s.node.list("cmds");
    for (const Action& a : ctx.locks(s).actions) {
      const Node cmd = cmds[a.subcommand];
      visit(AlterSubcommand{s, *table, cmd, cmd.str("subtype"), a,
                            alter_subcommand_span(s, a.subcommand)});
    }
  }
}

}  // namespace zd
