#include "analysis/held_locks.hpp"

namespace zd {

namespace {
constexpr uint32_t kNoGroup = UINT32_MAX;
}

void HeldLocks::clear() {
  groups_.clear();
  for (auto& ids : by_mode_) ids.clear();
  group_of_.clear();
  taken_ = 0;
}

void HeldLocks::add(const Held& held) {
  const auto mode = static_cast<size_t>(held.lock->mode);
  auto [it, inserted] = group_of_.try_emplace(held.lock->relation);
  if (inserted) it->second.fill(kNoGroup);
  uint32_t& id = it->second[mode];
  if (id == kNoGroup) {
    id = static_cast<uint32_t>(groups_.size());
    groups_.emplace_back();
    by_mode_[mode].push_back(id);
  }
  groups_[id].held.push_back({taken_++, held});
}

}  // namespace zd
