// How the process asks glibc's malloc to hand memory back, set once at start-up.
#pragma once

namespace zd {

// Large blocks (the parse trees of a big file's chunks, its token and statement arrays, a
// report's text) get pages of their own, returned to the system when freed.
void return_large_blocks_when_freed();

}  // namespace zd
