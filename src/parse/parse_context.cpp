#include "parse/parse_context.hpp"

#include <cstddef>

// libpg_query builds PostgreSQL's memory contexts with one set per thread: its copies of
// TopMemoryContext and CurrentMemoryContext are thread-local, which PostgreSQL's own headers
// (where they are plain globals) do not say. So they are declared here, apart from those
// headers; the functions are PostgreSQL 15's (utils/memutils.h), exported by libpg_query.
extern "C" {
struct MemoryContextData;
using MemoryContext = MemoryContextData*;
extern __thread MemoryContext TopMemoryContext;
extern __thread MemoryContext CurrentMemoryContext;
MemoryContext AllocSetContextCreateInternal(MemoryContext parent, const char* name,
                                            size_t min_context_size, size_t init_block_size,
                                            size_t max_block_size);
void MemoryContextReset(MemoryContext context);
void pg_query_init(void);
}

namespace zd::pg {
namespace {

// The first block, kept. What a parse allocates here: at most 105 KiB for each of the
// benchmark's 5,000 generated migrations, under 96 KiB for 99 % of the parses of the real
// corpus (a large file's 64 KiB chunks take more, in blocks freed as before).
constexpr size_t kKeptBlock = size_t{128} << 10;
constexpr size_t kMaxBlock = size_t{8} << 20;  // ALLOCSET_DEFAULT_MAXSIZE

// Made on a thread's first parse; libpg_query deletes the thread's TopMemoryContext, and so
// this child of it, when the thread ends.
MemoryContext thread_parse_context() {
  thread_local MemoryContext context = nullptr;
  if (context == nullptr) {
    pg_query_init();
    context =
        AllocSetContextCreateInternal(TopMemoryContext, "zerodown parse", 0, kKeptBlock, kMaxBlock);
  }
  return context;
}

}  // namespace

ParseContext::ParseContext() { CurrentMemoryContext = thread_parse_context(); }

ParseContext::~ParseContext() {
  CurrentMemoryContext = TopMemoryContext;
  MemoryContextReset(thread_parse_context());
}

}  // namespace zd::pg
