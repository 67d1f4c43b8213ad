#include "analysis/already_locked.hpp"

namespace zd {
namespace {

// `held` blocks everything `wanted` would block (ACCESS EXCLUSIVE covers every mode).
bool covers(LockMode held, LockMode wanted) {
  for (uint8_t m = 0; m <= static_cast<uint8_t>(LockMode::AccessExclusive); ++m) {
    const auto other = static_cast<LockMode>(m);
    if (conflicts(wanted, other) && !conflicts(held, other)) return false;
  }
  return true;
}

}  // namespace

bool already_locked(const RuleContext& ctx, const Statement& s, const RelationLock& lock) {
  const uint32_t tx = ctx.at(s).transaction;
  if (tx == 0) return false;
  const auto& all = ctx.statements();
  for (size_t i = s.index; i-- > 0;) {
    const Statement& earlier = all[i];
    if (ctx.at(earlier).transaction != tx) break;
    if (earlier.error) continue;
    for (const auto& l : ctx.locks(earlier).locks) {
      if (l.relation == lock.relation && covers(l.mode, lock.mode)) return true;
    }
  }
  return false;
}

}  // namespace zd
