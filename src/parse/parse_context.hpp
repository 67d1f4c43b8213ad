// The memory context a parse allocates in: one per thread, emptied after each parse.
//
// pg_query_enter_memory_context makes a context for each parse, with a first block of 8 KiB
// and then blocks doubling, so every file's parse malloc'ed and freed the same growing
// blocks. This one keeps its first block across parses (MemoryContextReset frees the others),
// and a migration file's parse fits in it.
#pragma once

namespace zd::pg {

// While it lives, libpg_query allocates in the thread's parse context; when it ends, the
// context is emptied and the thread is back in its TopMemoryContext.
class ParseContext {
 public:
  ParseContext();
  ~ParseContext();
  ParseContext(const ParseContext&) = delete;
  ParseContext& operator=(const ParseContext&) = delete;
};

}  // namespace zd::pg
