// VALIDATE CONSTRAINT of a constraint that the same transaction added NOT VALID: the lock
// that ADD took is still held while VALIDATE scans, which defeats NOT VALID.
#pragma once

#include "lint/rule.hpp"

namespace zd {

// The statement that added, NOT VALID and in the transaction that `validate` runs in, the
// constraint that `validate`'s subcommand `command` (an AT_ValidateConstraint on `table`)
// validates; nullptr when there is none.
const Statement* added_in_same_transaction(const RuleContext& ctx, const Statement& validate,
                                           const QualifiedName& table, Node command);

}  // namespace zd
