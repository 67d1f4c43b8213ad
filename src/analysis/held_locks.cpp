#include "analysis/held_locks.hpp"

namespace zd {

void HeldLocks::clear() {
  held_.clear();
  groups_.clear();
  for (auto& ids : by_mode_) ids.clear();
  group_of_.clear();
}

void HeldLocks::add(const Held& held) {
  held_.push_back(held);
  if (!grouped()) return;
  if (groups_.empty()) {
    for (uint32_t taken = 0; taken < held_.size(); ++taken) group(taken);
  } else {
    group(static_cast<uint32_t>(held_.size() - 1));
  }
}

void HeldLocks::group(uint32_t taken) {
  const RelationLock& lock = *held_[taken].lock;
  const auto mode = static_cast<size_t>(lock.mode);
  auto [it, inserted] = group_of_.try_emplace(lock.relation);
  if (inserted) it->second.fill(kNone);
  uint32_t& id = it->second[mode];
  if (id == kNone) {
    id = static_cast<uint32_t>(groups_.size());
    groups_.emplace_back();
    by_mode_[mode].push_back(id);
  }
  groups_[id].push_back(taken);
}

}  // namespace zd
