// HeldLocks answers what lock-held-across-statements used to find by walking every held
// lock: the first taken of the strongest held locks the statement neither covers nor leaves
// out. Checked against that walk on random transactions.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "analysis/held_locks.hpp"

namespace {

const zd::Held* by_walking(const std::vector<zd::Held>& held, auto&& covered, auto&& left_out) {
  const zd::Held* worst = nullptr;
  for (const zd::Held& h : held) {
    if (covered(h.lock->relation, h.lock->mode) || left_out(*h.statement)) continue;
    if (!worst || worst->lock->mode < h.lock->mode) worst = &h;
  }
  return worst;
}

}  // namespace

TEST_CASE("held locks: the first taken of the strongest, as walking them all finds it") {
  std::mt19937 random(20261121);
  for (int round = 0; round < 300; ++round) {
    const auto relations = 1 + random() % 6;
    const size_t count = random() % 100;  // below and above the grouping
    std::vector<zd::Statement> statements(count);
    std::vector<zd::RelationLock> locks(count);
    std::vector<zd::Held> walked;
    zd::HeldLocks held;
    for (size_t i = 0; i < count; ++i) {
      statements[i].index = static_cast<uint32_t>(i);
      locks[i].relation.name = "t" + std::to_string(random() % relations);
      locks[i].mode = static_cast<zd::LockMode>(4 + random() % 4);  // SHARE and stronger
      walked.push_back({&statements[i], &locks[i]});
      held.add(walked.back());
    }
    CHECK(held.empty() == (count == 0));
    for (int question = 0; question < 10; ++question) {
      const std::string own = "t" + std::to_string(random() % relations);
      const auto own_mode = static_cast<zd::LockMode>(random() % 8);
      const uint32_t skipped = count ? static_cast<uint32_t>(random() % count) : 0;
      const auto covered = [&](const zd::QualifiedName& relation, zd::LockMode mode) {
        return relation.name == own && zd::blocks(own_mode) >= zd::blocks(mode);
      };
      const auto left_out = [&](const zd::Statement& s) { return s.index % 7 == skipped % 7; };
      const zd::Held* found = held.strongest(covered, left_out);
      const zd::Held* expected = by_walking(walked, covered, left_out);
      REQUIRE((found == nullptr) == (expected == nullptr));
      if (found) CHECK(found->lock == expected->lock);
    }
    held.clear();
    CHECK(held.empty());
    CHECK(held.strongest([](auto&&...) { return false; }, [](auto&&) { return false; }) == nullptr);
  }
}
