#include "cli/malloc_policy.hpp"

#if __has_include(<malloc.h>)
#include <malloc.h>
#endif

namespace zd {

// glibc serves a block above M_MMAP_THRESHOLD with mmap, but by default it raises the
// threshold to the size of each such block freed (up to 32 MiB), so after the first large
// array is freed the next ones come from the heap: its freed pages stay resident, and a
// block carved out of them counts in full even where it is never written (a vector's
// capacity beyond its size). On the 20,000-statement file that keeps 2 MiB more resident at
// the peak, on the 5 MB file 3 MiB. A fixed threshold keeps such blocks in mappings of their
// own: unwritten pages cost nothing and a freed block leaves at once. Below 1 MiB the blocks
// are libpg_query's memory contexts (and the JSON texts of PL/pgSQL bodies), freed and taken
// again chunk after chunk: mapping those afresh each time costs page faults and saves
// little.
void return_large_blocks_when_freed() {
#ifdef M_MMAP_THRESHOLD
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
}

}  // namespace zd
