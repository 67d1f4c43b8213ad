// Locks a transaction already holds. A statement that asks for a lock its transaction
// already holds at an equal or stronger mode does not queue for it: an earlier statement
// did, and that statement's finding is the one that matters.
#pragma once

#include "lint/rule.hpp"

namespace zd {

// Does an earlier statement of the transaction `s` runs in still hold a lock on
// `lock.relation` that conflicts with every mode `lock.mode` conflicts with?
bool already_locked(const RuleContext& ctx, const Statement& s, const RelationLock& lock);

}  // namespace zd
