// The locks a transaction holds so far, for the question lock-held-across-statements asks
// of each slow statement: which held lock, of those the statement does not hold itself,
// blocks the most, and which statement took it first.
#pragma once

#include <array>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "locks/facts.hpp"
#include "model/migration.hpp"

namespace zd {

struct Held {
  const Statement* statement;
  const RelationLock* lock;
};

// A transaction of a large file (a dump run as one migration) holds thousands of locks,
// most of them on a few tables. Past a few dozen, the locks are grouped by relation and
// mode, so that a question looks at one group per mode and relation the statement holds
// itself, not at every lock. Below that, reading them all costs less than grouping.
class HeldLocks {
 public:
  bool empty() const { return held_.empty(); }
  void clear();
  void add(const Held& held);

  // Of the held locks that `covered` (relation, mode) does not cover and whose statement
  // `left_out` does not leave out, the first taken of the strongest mode; nullptr if none.
  template <typename Covered, typename LeftOut>
  const Held* strongest(Covered&& covered, LeftOut&& left_out) const {
    const auto counts = [&](const Held& h) {
      return !covered(h.lock->relation, h.lock->mode) && !left_out(*h.statement);
    };
    if (!grouped()) {
      const Held* worst = nullptr;
      for (const Held& h : held_) {
        if ((!worst || worst->lock->mode < h.lock->mode) && counts(h)) worst = &h;
      }
      return worst;
    }
    for (size_t mode = kModes; mode-- > 0;) {
      uint32_t first = kNone;
      for (const uint32_t id : by_mode_[mode]) {
        const std::vector<uint32_t>& group = groups_[id];
        if (group.front() > first) break;  // the groups come in the order of their first lock
        if (covered(held_[group.front()].lock->relation, static_cast<LockMode>(mode))) continue;
        for (const uint32_t taken : group) {
          if (taken > first) break;
          if (left_out(*held_[taken].statement)) continue;
          first = taken;
          break;
        }
      }
      if (first != kNone) return &held_[first];
    }
    return nullptr;
  }

 private:
  static constexpr size_t kModes = static_cast<size_t>(LockMode::AccessExclusive) + 1;
  static constexpr size_t kGroupedAbove = 32;
  static constexpr uint32_t kNone = UINT32_MAX;
  bool grouped() const { return held_.size() > kGroupedAbove; }
  void group(uint32_t taken);

  std::vector<Held> held_;  // in the order taken
  // Once grouped: the held locks of one mode on one relation, as indexes into held_.
  std::vector<std::vector<uint32_t>> groups_;
  std::array<std::vector<uint32_t>, kModes> by_mode_;  // groups, by their first lock
  std::unordered_map<QualifiedName, std::array<uint32_t, kModes>> group_of_;
};

}  // namespace zd
