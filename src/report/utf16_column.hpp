// Columns counted in UTF-16 code units, the unit of JavaScript strings, for consumers
// written in JavaScript (GitHub's annotations are placed by its web UI).
#pragma once

#include <cstdint>

#include "source/source.hpp"

namespace zd {

// The 1-based UTF-16 column of `p` (whose column counts characters): characters outside
// the Basic Multilingual Plane (4-byte UTF-8, e.g. emoji) take two code units.
uint32_t utf16_column(const Source& source, Position p);

}  // namespace zd
