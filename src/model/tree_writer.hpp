// Builds a ParseTree (model/parse_tree.hpp) from the values of libpg_query's JSON output, in
// the order that output would have them, whoever produces them: the JSON reader, or the
// walk over libpg_query's own C structs (parse/raw_tree.cpp) that writes the same tree
// without the JSON text in between. One writer, so both give the same entries, byte for
// byte: the folding of typed objects, String nodes and boxed constants, the shared strings,
// the depth limit.
//
// A container's members are written between `begin` and its `end_*`; a member's key is 0
// inside an array. The root object is ended with `finish`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/parse_tree.hpp"

namespace zd {

class TreeWriter {
 public:
  TreeWriter();

  // False when the container would be nested deeper than ParseTree::kMaxDepth.
  bool begin(size_t& mark);
  // False when the container cannot be stored (too many entries, or a typed object
  // {"A": {"B": …}} no libpg_query output has).
  bool end_object(KeyId key, size_t mark) { return end_member(key, ParseTree::Kind::Object, mark); }
  bool end_array(KeyId key, size_t mark) { return end_member(key, ParseTree::Kind::Array, mark); }
  bool string(KeyId key, std::string_view text);
  void integer(KeyId key, int64_t value);
  void boolean(KeyId key, bool value);
  // A number with a fraction or exponent: no field of a raw parse tree is a float, so only
  // its presence is kept.
  void floating(KeyId key);
  ParseTree::Built finish(size_t root_mark) {
    return finish_as(ParseTree::Kind::Object, root_mark);
  }
  // How a failed begin or end failed.
  ParseTree::Failure failure() const {
    return too_deep_ ? ParseTree::Failure::TooDeep : ParseTree::Failure::Malformed;
  }

 protected:
  using Entry = ParseTree::Entry;
  using Kind = ParseTree::Kind;

  // Makes `out` the container of the members written since `mark` (`out`'s key already
  // set), folded where it is a typed object, a String node or a boxed constant.
  bool close(Entry& out, Kind kind, size_t mark);
  ParseTree::Built finish_as(Kind kind, size_t root_mark);
  // Appends a string's 4-byte length to the pool; the caller appends its bytes and calls
  // `end_string`.
  bool start_string(size_t& at);
  void end_string(size_t at, Entry& out);
  void store_integer(int64_t value, Entry& out);

  std::shared_ptr<ParseTree> owned_;
  ParseTree* tree_;
  std::vector<Entry>& stack_;  // members waiting for their container to close

 private:
  // Members waiting for their container to close, kept from tree to tree.
  static std::vector<Entry>& scratch();
  // The buffers a tree's entries and strings are written into, kept by each thread.
  static std::vector<Entry>& kept_entries();
  static std::string& kept_strings();
  bool end_member(KeyId key, Kind kind, size_t mark);
  enum class Typed : uint8_t { No, Yes, Refused };
  Typed as_node(const Entry& only, Entry& out);
  void as_string_node(Entry& out);
  static bool boxed(const Entry& only, Entry& out);
  void share_string(size_t at, uint32_t length, Entry& out);

  size_t depth_ = 0;
  bool too_deep_ = false;
  const uint64_t tree_serial_;
};

}  // namespace zd
