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
// most of them on a few tables: the locks are grouped by relation and mode, so a question
// looks at one group per mode and relation the statement holds itself, not at every lock.
class HeldLocks {
 public:
  bool empty() const { return groups_.empty(); }
  void clear();
  void add(const Held& held);

  // Of the held locks that `covered` (relation, mode) does not cover and whose statement
  // `left_out` does not leave out, the first taken of the strongest mode; nullptr if none.
  template <typename Covered, typename LeftOut>
  const Held* strongest(Covered&& covered, LeftOut&& left_out) const {
    for (size_t mode = kModes; mode-- > 0;) {
      const Held* first = nullptr;
      uint64_t first_order = UINT64_MAX;
      for (const uint32_t id : by_mode_[mode]) {
        const Group& group = groups_[id];
        if (group.held.front().order > first_order) break;  // groups come in order taken
        if (covered(group.held.front().held.lock->relation, static_cast<LockMode>(mode))) continue;
        for (const Taken& taken : group.held) {
          if (taken.order > first_order) break;
          if (left_out(*taken.held.statement)) continue;
          first = &taken.held, first_order = taken.order;
          break;
        }
      }
      if (first) return first;
    }
    return nullptr;
  }

 private:
  static constexpr size_t kModes = static_cast<size_t>(LockMode::AccessExclusive) + 1;
  struct Taken {
    uint64_t order;  // the order in which the locks were taken
    Held held;
  };
  struct Group {  // the held locks of one mode on one relation
    std::vector<Taken> held;
  };
  std::vector<Group> groups_;
  std::array<std::vector<uint32_t>, kModes> by_mode_;  // groups, by their first lock's order
  std::unordered_map<QualifiedName, std::array<uint32_t, kModes>> group_of_;
  uint64_t taken_ = 0;
};

}  // namespace zd
