// Compact JSON written into a buffer of the writer's own, byte for byte as
// nlohmann::json::dump() writes it — the bytes of docs/json-format.md since version 1 —
// without building a DOM first: the JSON report of a large input holds hundreds of thousands
// of findings, and a DOM per finding cost more than linting it. Objects list their keys in
// the order the caller writes them; nlohmann's objects are std::maps, so the callers write
// them sorted.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

namespace zd {

class JsonWriter {
 public:
  JsonWriter() : data_(std::make_unique_for_overwrite<char[]>(kFirstRoom)) {}

  // The text written so far; clear() empties it and keeps the room.
  std::string_view text() const { return {data_.get(), size_}; }
  size_t size() const { return size_; }
  void clear() {
    size_ = 0;
    after_value_ = false;
  }

  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }
  // A key is a short name written in the code, checked when it is compiled to need no
  // escaping, and kept with its separator, quotes and colon (`,"name":`), padded to a fixed
  // size: a report writes a dozen keys per finding, each one copy of that size.
  class Key {
   public:
    static constexpr size_t kMaxSize = 32;
    static constexpr size_t kTextSize = kMaxSize + 4;  // `,"` + name + `":`
    consteval Key(const char* name) {  // implicit: key("name")
      const std::string_view n(name);
      if (n.size() > kMaxSize) throw "a JSON key longer than Key::kMaxSize";
      size_t at = 0;
      text_[at++] = ',';
      text_[at++] = '"';
      for (const char c : n) {
        if (static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\') {
          throw "a JSON key that needs escaping";
        }
        text_[at++] = c;
      }
      text_[at++] = '"';
      text_[at++] = ':';
      size_ = at;
    }

   private:
    friend class JsonWriter;
    char text_[kTextSize + 1]{};  // one more: copied from its second byte, kTextSize still fit
    size_t size_ = 0;
  };
  JsonWriter& key(Key k) {
    // Without a separator the copy starts one byte in.
    const size_t skip = after_value_ ? 0 : 1;
    std::memcpy(room(Key::kTextSize), k.text_ + skip, Key::kTextSize);
    size_ += k.size_ - skip;
    after_value_ = false;
    return *this;
  }

  JsonWriter& value(std::string_view s);
  JsonWriter& number(uint64_t n);
  // Bytes of the caller's own between values (a line break), after which no ',' is due.
  JsonWriter& raw(std::string_view text) {
    put(text);
    after_value_ = false;
    return *this;
  }
  JsonWriter& boolean(bool b);
  JsonWriter& null();

 private:
  // Room for `n` more bytes at the end of the text. Inline, with the small fixed-size copies
  // the callers make: a report writes some forty pieces per finding, and std::string's
  // append, a call and its checks for each, cost more than the bytes.
  char* room(size_t n) {
    if (capacity_ - size_ < n) grow(n);
    return data_.get() + size_;
  }
  void grow(size_t n);
  void put(char c) {
    *room(1) = c;
    ++size_;
  }
  void put(std::string_view s) {
    std::memcpy(room(s.size()), s.data(), s.size());
    size_ += s.size();
  }
  JsonWriter& open(char c) {
    separate();
    put(c);
    return *this;
  }
  JsonWriter& close(char c) {
    put(c);
    after_value_ = true;
    return *this;
  }
  void separate() {
    if (after_value_) put(',');
    after_value_ = false;
  }
  void string(std::string_view s);

  static constexpr size_t kFirstRoom = 256;
  std::unique_ptr<char[]> data_;  // never null, so that even an empty copy has a place
  size_t size_ = 0;
  size_t capacity_ = kFirstRoom;
  bool after_value_ = false;  // a ',' goes before the next key or array element
};

}  // namespace zd
