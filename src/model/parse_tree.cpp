#include "model/parse_tree.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cassert>
#include <charconv>
#include <cstring>
#include <deque>
#include <limits>
#include <mutex>

#include "model/tree_writer.hpp"

namespace zd {
namespace {

// pg_query.proto has some 250 node types and 600 distinct field names: the table of keys
// never fills up; a tree whose keys would overflow it is refused as malformed.
constexpr size_t kKeySlots = 4096;  // at most half of them used: short probes
constexpr size_t kMaxKeys = kKeySlots / 2;
static_assert(detail::kKnownKeyCount < kMaxKeys, "the known keys must leave room in the table");

}  // namespace

std::string_view detail::key_names[kMaxKeys + 1];

namespace {

// Equality of two byte runs of length n, as two overlapping loads from each (a key is a few
// bytes long; memcmp's call would cost more than the comparison). Never reads outside them.
bool same_bytes(const char* a, const char* b, size_t n) {
  const auto load8 = [](const char* p) {
    uint64_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
  };
  const auto load4 = [](const char* p) {
    uint32_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
  };
  if (n >= 8 && n <= 16) return load8(a) == load8(b) && load8(a + n - 8) == load8(b + n - 8);
  if (n >= 4 && n < 8) return load4(a) == load4(b) && load4(a + n - 4) == load4(b + n - 4);
  return std::memcmp(a, b, n) == 0;
}

// A name as three words: its length and two loads that together cover its first 16 bytes
// (overlapping when shorter; never reading outside it). Names of up to 16 bytes — nearly
// all of pg_query.proto's — are equal exactly when their words are, which spares memcmp's
// call on every lookup.
struct PackedName {
  uint64_t head = 0;
  uint64_t tail = 0;
  size_t size = 0;

  PackedName() = default;
  explicit PackedName(std::string_view name) : size(name.size()) {
    const char* p = name.data();
    const size_t n = name.size();
    if (n >= 8) {
      std::memcpy(&head, p, 8);
      std::memcpy(&tail, p + std::min<size_t>(n, 16) - 8, 8);
    } else if (n >= 4) {
      std::memcpy(&head, p, 4);
      std::memcpy(&tail, p + n - 4, 4);
    } else {
      std::memcpy(&head, p, n);
    }
  }
  bool operator==(const PackedName&) const = default;
  size_t hash() const {
    const uint64_t mixed = (head ^ (tail * 0x9E3779B97F4A7C15ULL) ^ size) * 0xBF58476D1CE4E5B9ULL;
    return static_cast<size_t>(mixed >> 40);
  }
};

// Every key a tree or an accessor has used, for the life of the process. Lookups take no
// lock: a key's name is written before its slot is published, and a slot, once set, never
// changes.
class KeyTable {
 public:
  // The keys numbered when compiled (model/key.hpp) come first, in that order; their names
  // are the program's own constants, so they are not copied.
  KeyTable() {
    for (size_t i = 0; i < detail::kKnownKeyCount; ++i) {
      const std::string_view name = detail::known_key_name(i);
      [[maybe_unused]] const KeyId id = add(free_slot(PackedName(name), name), name);
      assert(id == i + 1);
    }
  }

  KeyId find(std::string_view name) const {
    if (name.empty()) return 0;
    const PackedName packed(name);
    for (size_t i = packed.hash() % kKeySlots;; i = (i + 1) % kKeySlots) {
      const KeyId id = slots_[i].load(std::memory_order_acquire);
      if (id == 0 || matches(id, packed, name)) return id;
    }
  }

  KeyId intern(std::string_view name) {
    if (const KeyId id = find(name)) return id;
    const std::lock_guard lock(insert_);
    const size_t slot = free_slot(PackedName(name), name);
    if (const KeyId id = slots_[slot].load(std::memory_order_relaxed)) {
      return id;  // interned by another thread meanwhile
    }
    if (count_ == kMaxKeys) return 0;
    return add(slot, storage_.emplace_back(name));
  }

  std::string_view name(KeyId id) const { return detail::key_names[id]; }
  bool is_type_name(KeyId id) const { return type_names_[id]; }

 private:
  bool matches(KeyId id, const PackedName& packed, std::string_view name) const {
    return packed_[id] == packed && (name.size() <= 16 || detail::key_names[id] == name);
  }

  // The slot that holds `name`, or the free one where it goes.
  size_t free_slot(const PackedName& packed, std::string_view name) const {
    size_t i = packed.hash() % kKeySlots;
    for (KeyId id; (id = slots_[i].load(std::memory_order_relaxed)) != 0; i = (i + 1) % kKeySlots) {
      if (matches(id, packed, name)) break;
    }
    return i;
  }

  // Numbers `name`, whose bytes outlive the table, and publishes it in the free `slot`.
  KeyId add(size_t slot, std::string_view name) {
    const auto id = static_cast<KeyId>(++count_);
    detail::key_names[id] = name;
    packed_[id] = PackedName(name);
    // A node type ("AlterTableStmt"): pg_query.proto's message names start with a capital
    // letter, its field names never do.
    type_names_[id] = name[0] >= 'A' && name[0] <= 'Z';
    slots_[slot].store(id, std::memory_order_release);
    return id;
  }

  std::array<std::atomic<KeyId>, kKeySlots> slots_{};
  std::array<PackedName, kMaxKeys + 1> packed_{};
  std::array<bool, kMaxKeys + 1> type_names_{};
  size_t count_ = 0;                 // the keys numbered so far
  std::deque<std::string> storage_;  // the names met as the program runs: a deque, so that
                                     // interning never moves a stored name
  std::mutex insert_;
};

KeyTable keys;

// The bytes that end a run of plain characters in a JSON string.
constexpr auto kStringStop = [] {
  std::array<bool, 256> stop{};
  stop['"'] = stop['\\'] = stop['\0'] = true;
  return stop;
}();

const char* end_of_plain_run(const char* p) {
  while (!kStringStop[static_cast<uint8_t>(*p)]) ++p;
  return p;
}

}  // namespace

// Each thread keeps its writer's scratch and memories from tree to tree.
namespace {

// Names recur: every built-in type is qualified with "pg_catalog", a table's and its
// columns' names come back in each statement on them. A short string a tree's pool already
// holds is shared: a small per-thread table remembers where the last strings seen went
// (their three words name them exactly, PackedName).
struct Seen {
  PackedName name;
  uint32_t offset = 0;
  uint64_t tree = 0;  // the serial number of the tree whose pool holds it
};
thread_local std::array<Seen, 1024> seen_strings;
thread_local uint64_t trees_built = 0;

}  // namespace

std::vector<ParseTree::Entry>& TreeWriter::scratch() {
  thread_local std::vector<Entry> members;
  members.clear();
  return members;
}

// A tree's entries and strings are written into buffers each thread keeps from tree to tree,
// and copied once, at their final size, into the tree. Grown in the tree itself, a file's
// entries were copied at every doubling and once more to shrink them, and each file
// allocated and freed the same growing blocks again (on 500 migration files, 10.7 MB of
// the 14.6 MB that copies of over 2 KB moved). A buffer that a large tree grew past 1 MiB is
// not kept.
std::vector<ParseTree::Entry>& TreeWriter::kept_entries() {
  thread_local std::vector<Entry> entries;
  return entries;
}

std::string& TreeWriter::kept_strings() {
  thread_local std::string strings;
  return strings;
}

namespace {
template <typename Buffer>
Buffer exact_copy_keeping(Buffer& written, Buffer& kept) {
  constexpr size_t kKeptBytes = size_t{1} << 20;
  Buffer exact(written.begin(), written.end());
  if (written.capacity() * sizeof(written[0]) <= kKeptBytes) {
    written.clear();
    kept = std::move(written);
  }
  return exact;
}
}  // namespace

TreeWriter::TreeWriter()
    : owned_(std::make_shared<ParseTree>()), tree_(owned_.get()), stack_(scratch()),
      tree_serial_(++trees_built) {
  // Empty: a buffer is kept only once cleared (exact_copy_keeping).
  tree_->entries_ = std::move(kept_entries());
  tree_->strings_ = std::move(kept_strings());
}

bool TreeWriter::begin(size_t& mark) {
  if (++depth_ > ParseTree::kMaxDepth) {
    too_deep_ = true;
    return false;
  }
  mark = stack_.size();
  return true;
}

bool TreeWriter::end_member(KeyId key, Kind kind, size_t mark) {
  Entry out{key << 4, 0};
  if (!close(out, kind, mark)) return false;
  stack_.push_back(out);
  return true;
}

bool TreeWriter::string(KeyId key, std::string_view text) {
  size_t at = 0;
  if (!start_string(at)) return false;
  tree_->strings_.append(text);
  Entry out{key << 4, 0};
  end_string(at, out);
  stack_.push_back(out);
  return true;
}

void TreeWriter::integer(KeyId key, int64_t value) {
  Entry out{key << 4, 0};
  store_integer(value, out);
  stack_.push_back(out);
}

void TreeWriter::boolean(KeyId key, bool value) {
  stack_.push_back({(key << 4) | static_cast<uint32_t>(value ? Kind::True : Kind::False), 0});
}

void TreeWriter::floating(KeyId key) {
  stack_.push_back({(key << 4) | static_cast<uint32_t>(Kind::Double), 0});
}

ParseTree::Built TreeWriter::finish_as(Kind kind, size_t root_mark) {
  Entry root{};
  if (!close(root, kind, root_mark)) return {nullptr, failure()};
  tree_->root_ = root;
  tree_->entries_ = exact_copy_keeping(tree_->entries_, kept_entries());
  tree_->strings_ = exact_copy_keeping(tree_->strings_, kept_strings());
  return {std::move(owned_), ParseTree::Failure::None};
}

bool TreeWriter::close(Entry& out, Kind kind, size_t mark) {
  --depth_;
  const size_t count = stack_.size() - mark;
  auto& entries = tree_->entries_;
  out.head = (out.head & ~0xFU) | static_cast<uint32_t>(kind);
  if (kind == Kind::Object && count == 1) {
    if (boxed(stack_.back(), out)) {
      stack_.resize(mark);
      return true;
    }
    const Typed typed = as_node(stack_.back(), out);
    if (typed == Typed::Yes) as_string_node(out);
    if (typed == Typed::Refused) return false;
    if (typed == Typed::Yes) {
      stack_.resize(mark);
      return true;
    }
  }
  if (count > ParseTree::kMaxCount || entries.size() + count + 1 > UINT32_MAX) return false;
  out.value = static_cast<uint32_t>(entries.size());
  entries.push_back({static_cast<uint32_t>(count << 4) | static_cast<uint32_t>(kind), 0});
  entries.insert(entries.end(), stack_.begin() + static_cast<std::ptrdiff_t>(mark), stack_.end());
  stack_.resize(mark);
  return true;
}

// {"AlterTableStmt": {fields}}, a node of a type, is kept as the inner object's header
// with the type in its `value`: two entries fewer for every node of the tree. `out`
// becomes that header when `only`, the object's one member, is such a node.
// libpg_query's field names are lower-case, so it never writes a node type whose only
// field is another node type ({"A": {"B": {…}}}); such a tree is refused.
TreeWriter::Typed TreeWriter::as_node(const Entry& only, Entry& out) {
  if (only.kind() != Kind::Object || !keys.is_type_name(only.key())) return Typed::No;
  Entry& inner = tree_->entries_[only.value];
  if (inner.value != 0) return Typed::Refused;
  inner.value = only.key();
  out.value = only.value;
  return Typed::Yes;
}

// A String node whose header and one field were the last entries written is folded into
// `out`, the typed node just made: its string is all it holds.
void TreeWriter::as_string_node(Entry& out) {
  auto& entries = tree_->entries_;
  const Entry& header = entries[out.value];
  if (header.value != ParseTree::kStringType || header.count() != 1 ||
      out.value + 2 != entries.size()) {
    return;
  }
  const Entry& sval = entries[out.value + 1];
  if (sval.key() != ParseTree::kSval || sval.kind() != Kind::String) return;
  out.head = (out.head & ~0xFU) | static_cast<uint32_t>(Kind::StringNode);
  out.value = sval.value;
  entries.resize(entries.size() - 2);
}

// A bare struct whose one member is a string or an integer under the key that holds the
// struct ({"sval": {"sval": "x"}}) becomes `out` itself, boxing that value.
bool TreeWriter::boxed(const Entry& only, Entry& out) {
  if (out.key() == 0 || only.key() != out.key()) return false;
  Kind box = Kind::Null;
  if (only.kind() == Kind::String) box = Kind::BoxedString;
  if (only.kind() == Kind::Int) box = Kind::BoxedInt;
  if (box == Kind::Null) return false;
  out.head = (out.head & ~0xFU) | static_cast<uint32_t>(box);
  out.value = only.value;
  return true;
}

bool TreeWriter::start_string(size_t& at) {
  auto& pool = tree_->strings_;
  at = pool.size();
  if (at > UINT32_MAX - 4) return false;
  pool.append(4, '\0');
  return true;
}

void TreeWriter::end_string(size_t at, Entry& out) {
  auto& pool = tree_->strings_;
  const auto length = static_cast<uint32_t>(pool.size() - at - 4);
  std::memcpy(pool.data() + at, &length, sizeof length);
  out.head |= static_cast<uint32_t>(Kind::String);
  out.value = static_cast<uint32_t>(at);
  if (length <= 16) share_string(at, length, out);
}

void TreeWriter::share_string(size_t at, uint32_t length, Entry& out) {
  auto& pool = tree_->strings_;
  const PackedName name(std::string_view(pool.data() + at + 4, length));
  Seen& seen = seen_strings[name.hash() % seen_strings.size()];
  if (seen.tree == tree_serial_ && seen.name == name) {
    pool.resize(at);
    out.value = seen.offset;
  } else {
    seen = {name, static_cast<uint32_t>(at), tree_serial_};
  }
}

void TreeWriter::store_integer(int64_t v, Entry& out) {
  if (v >= std::numeric_limits<int32_t>::min() && v <= std::numeric_limits<int32_t>::max()) {
    out.head |= static_cast<uint32_t>(Kind::Int);
    out.value = static_cast<uint32_t>(static_cast<int32_t>(v));
  } else {
    out.head |= static_cast<uint32_t>(Kind::WideInt);
    out.value = static_cast<uint32_t>(tree_->wide_ints_.size());
    tree_->wide_ints_.push_back(v);
  }
}

// A recursive-descent reader of the JSON libpg_query writes (no whitespace, every string
// escaped by PostgreSQL's escape_json), accepting any JSON. An object's or array's members
// are gathered on the writer's stack as they are read and moved behind their header when
// it closes, so members are adjacent and nested containers come before the container
// holding them.
class TreeBuilder : public TreeWriter {
 public:
  explicit TreeBuilder(const char* json) : p_(json), end_(json + std::strlen(json)) {}

  // The root is an object (the SQL parser's output) or an array (the PL/pgSQL parser's).
  ParseTree::Built build() {
    skip_space();
    if (*p_ != '{' && *p_ != '[') return {nullptr, ParseTree::Failure::Malformed};
    const Kind kind = *p_ == '{' ? Kind::Object : Kind::Array;
    size_t mark = 0;
    if (!begin(mark)) return {nullptr, failure()};
    ++p_;
    if (!members(kind, kind == Kind::Object ? '}' : ']', 0)) return {nullptr, failure()};
    if (!at_end()) return {nullptr, ParseTree::Failure::Malformed};
    return finish_as(kind, mark);
  }

 private:
  bool at_end() {
    skip_space();
    return *p_ == '\0';
  }

  void skip_space() {
    while (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t') ++p_;
  }
  // Is the next token `c`? libpg_query writes no whitespace between tokens, so it is only
  // skipped when the byte at hand is not the one expected.
  bool at(char c) {
    if (*p_ == c) return true;
    skip_space();
    return *p_ == c;
  }
  bool at_value() {
    if (static_cast<uint8_t>(*p_) > ' ') return true;
    skip_space();
    return *p_ != '\0';
  }

  // Reads the value at p_ into `out` (its kind and payload; the caller sets the key).
  // `owner`: the key of the member holding the value, or holding the array it is in.
  bool value(Entry& out, KeyId owner) {
    switch (*p_) {
      case '{': return container(out, Kind::Object, '}', owner);
      case '[': return container(out, Kind::Array, ']', owner);
      case '"': return string_value(out);
      case 't': return literal("true", Kind::True, out);
      case 'f': return literal("false", Kind::False, out);
      case 'n': return literal("null", Kind::Null, out);
      default: return number(out);
    }
  }

  bool container(Entry& out, Kind kind, char close_with, KeyId owner) {
    size_t mark = 0;
    if (!begin(mark)) return false;
    ++p_;
    return members(kind, close_with, owner) && close(out, kind, mark);
  }

  // The members of the container just opened, up to and with its closing byte.
  bool members(Kind kind, char close_with, KeyId owner) {
    KeyId previous = 0;
    if (!at(close_with)) {
      for (;;) {
        Entry member{};
        KeyId member_owner = owner;
        if (kind == Kind::Object) {
          if (!at('"')) return false;
          KeyId& expected = previous ? predicted_.next[previous] : predicted_.first[owner];
          const KeyId key = read_key(expected);
          if (key == 0 || !at(':')) return false;
          ++p_;
          member.head = key << 4;
          member_owner = previous = key;
        }
        if (!at_value() || !value(member, member_owner)) return false;
        stack_.push_back(member);
        if (at(',')) {
          ++p_;
          continue;
        }
        if (!at(close_with)) return false;
        break;
      }
    }
    ++p_;
    return true;
  }

  bool literal(std::string_view word, Kind kind, Entry& out) {
    if (std::strncmp(p_, word.data(), word.size()) != 0) return false;
    p_ += word.size();
    out.head |= static_cast<uint32_t>(kind);
    return true;
  }

  bool number(Entry& out) {
    const char* start = p_;
    const bool negative = *p_ == '-';
    if (negative) ++p_;
    if (*p_ < '0' || *p_ > '9') return false;
    uint64_t magnitude = 0;
    const char* digits = p_;
    while (*p_ >= '0' && *p_ <= '9') {
      magnitude = magnitude * 10 + static_cast<uint64_t>(*p_++ - '0');
    }
    if (*p_ == '.' || *p_ == 'e' || *p_ == 'E') {
      // No field of a raw parse tree is a float (a Float node holds its digits as a
      // string), so the value is of no use to anyone asking for an integer: stepped over.
      while ((*p_ >= '0' && *p_ <= '9') || *p_ == '.' || *p_ == 'e' || *p_ == 'E' || *p_ == '+' ||
             *p_ == '-') {
        ++p_;
      }
      out.head |= static_cast<uint32_t>(Kind::Double);
      return true;
    }
    int64_t v = 0;
    if (p_ - digits <= 18) {  // cannot have overflowed
      v = negative ? -static_cast<int64_t>(magnitude) : static_cast<int64_t>(magnitude);
    } else if (std::from_chars(start, p_, v).ec != std::errc{}) {
      out.head |= static_cast<uint32_t>(Kind::Double);  // beyond int64: not an integer either
      return true;
    }
    store_integer(v, out);
    return true;
  }

  // The key at p_ (its opening quote). A node type's fields come in the order of its C
  // struct, so the key is most often the one that followed the previous key last time (or
  // came first in an object held by the same key): that one is checked first, which spares
  // the scan for the closing quote and the table lookup. `expected` is updated to the key
  // read. Keys are plain ASCII names; one written with escapes is decoded first.
  KeyId read_key(KeyId& expected) {
    const char* start = p_ + 1;
    if (expected) {
      const std::string_view name = keys.name(expected);
      if (static_cast<size_t>(end_ - start) > name.size() && start[name.size()] == '"' &&
          same_bytes(start, name.data(), name.size())) {
        p_ = start + name.size() + 1;
        return expected;
      }
    }
    p_ = end_of_plain_run(start);
    if (*p_ == '"') {
      expected = keys.intern(std::string_view(start, static_cast<size_t>(p_++ - start)));
      return expected;
    }
    p_ = start - 1;
    std::string decoded;
    if (!read_string(decoded)) return 0;
    return keys.intern(decoded);
  }

  bool string_value(Entry& out) {
    size_t at = 0;
    if (!start_string(at) || !read_string(tree_->strings_)) return false;
    end_string(at, out);
    return true;
  }

  // Appends the decoded string at p_ (its opening quote) to `into`.
  bool read_string(std::string& into) {
    ++p_;
    for (;;) {
      const char* run = p_;
      p_ = end_of_plain_run(p_);
      into.append(run, p_);
      if (*p_ == '"') {
        ++p_;
        return true;
      }
      if (*p_ == '\0' || !escape(into)) return false;
    }
  }

  bool escape(std::string& into) {
    ++p_;  // the backslash
    switch (*p_++) {
      case '"': into += '"'; return true;
      case '\\': into += '\\'; return true;
      case '/': into += '/'; return true;
      case 'b': into += '\b'; return true;
      case 'f': into += '\f'; return true;
      case 'n': into += '\n'; return true;
      case 'r': into += '\r'; return true;
      case 't': into += '\t'; return true;
      case 'u': return unicode_escape(into);
      default: return false;
    }
  }

  bool hex4(uint32_t& out) {
    out = 0;
    for (int i = 0; i < 4; ++i, ++p_) {
      const char c = *p_;
      const int digit = c >= '0' && c <= '9'   ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                               : -1;
      if (digit < 0) return false;
      out = out * 16 + static_cast<uint32_t>(digit);
    }
    return true;
  }

  // \uXXXX, a UTF-16 code unit: a surrogate pair makes one code point; a lone surrogate
  // is not text.
  bool unicode_escape(std::string& into) {
    uint32_t cp = 0;
    if (!hex4(cp)) return false;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return false;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      uint32_t low = 0;
      if (p_[0] != '\\' || p_[1] != 'u') return false;
      p_ += 2;
      if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    const auto put = [&](uint32_t byte) { into += static_cast<char>(byte); };
    if (cp < 0x80) {
      put(cp);
    } else if (cp < 0x800) {
      put(0xC0 | (cp >> 6)), put(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      put(0xE0 | (cp >> 12)), put(0x80 | ((cp >> 6) & 0x3F)), put(0x80 | (cp & 0x3F));
    } else {
      put(0xF0 | (cp >> 18)), put(0x80 | ((cp >> 12) & 0x3F)), put(0x80 | ((cp >> 6) & 0x3F)),
          put(0x80 | (cp & 0x3F));
    }
    return true;
  }

  // The key that followed each key last time, and that came first in an object held by each
  // key; for this thread's trees, as the keys are the process's.
  struct Predictions {
    std::array<KeyId, kMaxKeys + 1> next{};
    std::array<KeyId, kMaxKeys + 1> first{};
  };
  static thread_local Predictions predicted_;

  const char* p_;
  const char* end_;  // the terminating NUL
};

thread_local TreeBuilder::Predictions TreeBuilder::predicted_;

ParseTree::Built ParseTree::from_json(const char* json) { return TreeBuilder(json).build(); }

Node ParseTree::root() const {
  return root_.kind() == Kind::Object ? Node(this, root_.value) : Node{};
}

NodeList ParseTree::root_list() const {
  return root_.kind() == Kind::Array ? NodeList(this, root_.value) : NodeList{};
}

KeyId ParseTree::key_of(std::string_view name) { return name.empty() ? 0 : keys.intern(name); }
Key Key::named(std::string_view name) { return Key(ParseTree::key_of(name)); }
std::string_view ParseTree::key_name(KeyId key) { return detail::key_names[key]; }

bool operator==(const ParseTree& a, const ParseTree& b) {
  return a.root_ == b.root_ && a.entries_ == b.entries_ && a.strings_ == b.strings_ &&
         a.wide_ints_ == b.wide_ints_;
}

std::string_view ParseTree::string_at(uint32_t offset) const {
  uint32_t length = 0;
  std::memcpy(&length, strings_.data() + offset, sizeof length);
  return {strings_.data() + offset + sizeof length, length};
}

const ParseTree::Entry* ParseTree::find(uint32_t object, KeyId key) const {
  if (key == 0) return nullptr;
  const Entry* header = &entries_[object];
  if (in_place(header->kind())) {
    const KeyId field = header->kind() == Kind::StringNode ? kSval : header->key();
    return key == field ? header : nullptr;
  }
  const Entry* end = header + 1 + header->count();
  for (const Entry* e = header + 1; e != end; ++e) {
    if (e->key() == key) return e;
  }
  return nullptr;
}

}  // namespace zd
