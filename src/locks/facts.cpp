#include "locks/facts.hpp"

#include <algorithm>

namespace zd {

std::string_view role_name(RelationRole r) {
  switch (r) {
    case RelationRole::Table: return "table";
    case RelationRole::Index: return "index";
    case RelationRole::Referenced: return "referenced table";
    case RelationRole::Parent: return "partitioned parent";
    case RelationRole::Partition: return "partition";
    case RelationRole::MaterializedView: return "materialized view";
    case RelationRole::View: return "view";
    case RelationRole::Unresolved: return "relation";
  }
  return "relation";
}

std::string RelationLock::what() const {
  if (role != RelationRole::Unresolved) return relation.display();
  return description ? *description : std::string();
}

namespace {
Tri combine(Tri a, Tri b) {
  if (a == Tri::Yes || b == Tri::Yes) return Tri::Yes;
  if (a == Tri::Unknown || b == Tri::Unknown) return Tri::Unknown;
  return Tri::No;
}
}  // namespace

Tri LockFacts::rewrite() const {
  Tri t = Tri::No;
  for (const auto& a : actions) t = combine(t, a.rewrite);
  return t;
}

Tri LockFacts::scan() const {
  Tri t = Tri::No;
  for (const auto& a : actions) t = combine(t, a.scan);
  return t;
}

bool LockFacts::builds_index() const {
  return std::any_of(actions.begin(), actions.end(), [](const Action& a) { return a.builds_index; });
}

std::optional<LockMode> LockFacts::strongest(RelationRole role) const {
  std::optional<LockMode> best;
  for (const auto& l : locks) {
    if (l.role == role && (!best || l.mode > *best)) best = l.mode;
  }
  return best;
}

std::optional<LockMode> LockFacts::strongest() const {
  const auto* l = strongest_lock();
  return l ? std::optional<LockMode>(l->mode) : std::nullopt;
}

const RelationLock* LockFacts::strongest_lock() const {
  const RelationLock* best = nullptr;
  for (const auto& l : locks) {
    if (!best || l.mode > best->mode) best = &l;
  }
  return best;
}

}  // namespace zd
