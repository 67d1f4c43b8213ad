// PostgreSQL's eight table-level lock modes, what each blocks in practice, and the
// conflict matrix ("Explicit Locking" in the PostgreSQL documentation; verified on 15).
#pragma once

#include <cstdint>
#include <string_view>

namespace zd {

enum class LockMode : uint8_t {
  AccessShare,
  RowShare,
  RowExclusive,
  ShareUpdateExclusive,
  Share,
  ShareRowExclusive,
  Exclusive,
  AccessExclusive,
};

// What ordinary application traffic notices while the lock is held or queued.
enum class Blocks : uint8_t {
  Nothing,          // ACCESS SHARE, ROW SHARE, ROW EXCLUSIVE: application modes
  DdlOnly,          // SHARE UPDATE EXCLUSIVE: other DDL, VACUUM, CONCURRENTLY builds
  Writes,           // SHARE, SHARE ROW EXCLUSIVE, EXCLUSIVE: INSERT/UPDATE/DELETE wait
  ReadsAndWrites,   // ACCESS EXCLUSIVE: even a plain SELECT waits
};

std::string_view lock_mode_name(LockMode m);        // "ACCESS EXCLUSIVE"
std::string_view lock_mode_identifier(LockMode m);  // "AccessExclusiveLock", as in pg_locks
Blocks blocks(LockMode m);
std::string_view blocks_description(Blocks b);  // "writes (INSERT, UPDATE, DELETE); reads continue"
std::string_view blocks_short(Blocks b);        // "writes", "reads and writes"
bool conflicts(LockMode held, LockMode requested);

}  // namespace zd
