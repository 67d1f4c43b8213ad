#include "locks/lock_mode.hpp"

#include <array>

namespace zd {

std::string_view lock_mode_name(LockMode m) {
  static constexpr std::array<std::string_view, 8> kNames = {
      "ACCESS SHARE", "ROW SHARE",           "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE",
      "SHARE",        "SHARE ROW EXCLUSIVE", "EXCLUSIVE",     "ACCESS EXCLUSIVE"};
  return kNames[static_cast<size_t>(m)];
}

std::string_view lock_mode_identifier(LockMode m) {
  static constexpr std::array<std::string_view, 8> kNames = {
      "AccessShareLock", "RowShareLock",          "RowExclusiveLock", "ShareUpdateExclusiveLock",
      "ShareLock",       "ShareRowExclusiveLock", "ExclusiveLock",    "AccessExclusiveLock"};
  return kNames[static_cast<size_t>(m)];
}

Blocks blocks(LockMode m) {
  switch (m) {
    case LockMode::AccessShare:
    case LockMode::RowShare:
    case LockMode::RowExclusive:
      return Blocks::Nothing;
    case LockMode::ShareUpdateExclusive:
      return Blocks::DdlOnly;
    case LockMode::Share:
    case LockMode::ShareRowExclusive:
    case LockMode::Exclusive:
      return Blocks::Writes;
    case LockMode::AccessExclusive:
      return Blocks::ReadsAndWrites;
  }
  return Blocks::Nothing;
}

std::string_view blocks_description(Blocks b) {
  switch (b) {
    case Blocks::Nothing: return "no application traffic";
    case Blocks::DdlOnly: return "other schema changes and maintenance (not reads or writes)";
    case Blocks::Writes: return "writes (INSERT, UPDATE, DELETE); reads continue";
    case Blocks::ReadsAndWrites: return "reads and writes";
  }
  return "";
}

std::string_view blocks_short(Blocks b) {
  switch (b) {
    case Blocks::Nothing: return "nothing";
    case Blocks::DdlOnly: return "schema changes";
    case Blocks::Writes: return "writes";
    case Blocks::ReadsAndWrites: return "reads and writes";
  }
  return "";
}

bool conflicts(LockMode held, LockMode requested) {
  // Row: held mode; bit i set: conflicts with requested mode i (AS = bit 0 … AEL = bit 7).
  static constexpr std::array<uint8_t, 8> kConflicts = {
      0b10000000,  // ACCESS SHARE
      0b11000000,  // ROW SHARE
      0b11110000,  // ROW EXCLUSIVE
      0b11111000,  // SHARE UPDATE EXCLUSIVE
      0b11101100,  // SHARE
      0b11111100,  // SHARE ROW EXCLUSIVE
      0b11111110,  // EXCLUSIVE
      0b11111111,  // ACCESS EXCLUSIVE
  };
  return (kConflicts[static_cast<size_t>(held)] >> static_cast<unsigned>(requested)) & 1u;
}

}  // namespace zd
