// ATTACH PARTITION reads the partition to check that its rows fit the bounds, unless the
// partition's validated CHECK constraints (and NOT NULL columns) already imply the
// partition constraint PostgreSQL derives from the bounds — the documented way to attach
// a loaded table without the scan.
#pragma once

#include <string>
#include <vector>

#include "catalog/check_conditions.hpp"
#include "model/node.hpp"

namespace zd {

// Does what is proven about the partition imply the bounds `bound` (a PartitionBoundSpec)
// on the single key column `key`? Understood: FOR VALUES FROM (a) TO (b), with MINVALUE or
// MAXVALUE for an open side, proven by `key >= a` and `key < b`; FOR VALUES IN (…), proven
// by `key IN (…)` or `key = x` over some of its values. Both need the key NOT NULL (a NOT
// NULL column or a CHECK (key IS NOT NULL)): PostgreSQL proves the bounds by weak
// implication, under which `key >= a` does not exclude NULL. Anything else: false.
bool conditions_imply_bounds(Node bound, const std::string& key,
                             const std::vector<CheckCondition>& proven, bool key_not_null);

}  // namespace zd
