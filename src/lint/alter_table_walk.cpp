#include "lint/alter_table_walk.hpp"



namespace zd {

namespace {

uint32_t count_locks(const std::vector<LockFacts>& facts) {
  uint32_t locks = 0;
  for (const LockFacts& f : facts) locks += static_cast<uint32_t>(f.locks.size());
  return locks;
}

}  // namespace

RuleMemo::RuleMemo(const std::vector<LockFacts>& facts) : on_existing(count_locks(facts)) {
  first_lock.reserve(facts.size());
  uint32_t next = 0;
  for (const LockFacts& f : facts) {
    first_lock.push_back(next);
    next += static_cast<uint32_t>(f.locks.size());
  }
  for (auto& answer : on_existing) answer.store(Tri::Unknown, std::memory_order_relaxed);
}

const std::vector<AlterSubcommand>& alter_subcommands(const RuleContext& ctx) {
  return ctx.memo().alter_subcommands.get([&](std::vector<AlterSubcommand>& subcommands) {
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
      const std::vector<ByteSpan> spans = alter_subcommand_spans(s);
      for (const Action& a : ctx.locks(s).actions) {
        const Node cmd = a.subcommand < cmds.size() ? cmds[a.subcommand] : Node{};
        const ByteSpan span = a.subcommand < spans.size() ? spans[a.subcommand] : s.span;
        subcommands.push_back(AlterSubcommand{s, *table, cmd, cmd.str("subtype"), a, span});
      }
    }
  });
}

}  // namespace zd
