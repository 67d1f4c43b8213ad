#include "lint/alter_table_walk.hpp"



namespace zd {

const std::vector<AlterSubcommand>& alter_subcommands(const RuleContext& ctx) {
  auto& memo = ctx.memo().alter_subcommands;
  if (memo) return *memo;
  memo.emplace();
  for (const Statement& s : ctx.statements()) {
    if (!s.is("AlterTableStmt")) continue;
    const QualifiedName altered = name_of_range_var(s.node.child("relation"));
    const RelationLock* table = nullptr;
    for (const auto& l : ctx.locks(s).locks) {
      if ((l.role == RelationRole::Table || l.role == RelationRole::Parent ||
           l.role == RelationRole::MaterializedView) &&
          l.relation == altered) {
        table = &l;
        break;
      }
    }
    if (!table || !ctx.on_existing(*table, s)) continue;
    // NodeList's operator[] walks the array: take the commands once.
    std::vector<Node> cmds;
    for (const Node cmd : s.node.list("cmds")) cmds.push_back(cmd);
    for (const Action& a : ctx.locks(s).actions) {
      const Node cmd = a.subcommand < cmds.size() ? cmds[a.subcommand] : Node{};
      memo->push_back(AlterSubcommand{s, *table, cmd, cmd.str("subtype"), a,
                                      alter_subcommand_span(s, a.subcommand)});
    }
  }
  return *memo;
}

}  // namespace zd
