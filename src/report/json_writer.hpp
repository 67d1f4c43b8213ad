// Compact JSON appended to a string, byte for byte as nlohmann::json::dump() writes it —
// the bytes of docs/json-format.md since version 1 — without building a DOM first: the JSON
// report of a large input holds hundreds of thousands of findings, and a DOM per finding
// cost more than linting it. Objects list their keys in the order the caller writes them;
// nlohmann's objects are std::maps, so the callers write them sorted.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace zd {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }
  // A key is a short name written in the code, checked when it is compiled to need no
  // escaping: the separator, the quoted key and its colon are one append (a report writes a
  // dozen keys per finding).
  class Key {
   public:
    static constexpr size_t kMaxSize = 32;
    consteval Key(const char* name) : name_(name) {  // implicit: key("name")
      if (name_.size() > kMaxSize) throw "a JSON key longer than Key::kMaxSize";
      for (const char c : name_) {
        if (static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\') {
          throw "a JSON key that needs escaping";
        }
      }
    }
    std::string_view name() const { return name_; }

   private:
    std::string_view name_;
  };
  JsonWriter& key(Key k);

  JsonWriter& value(std::string_view s);
  JsonWriter& number(uint64_t n);
  JsonWriter& boolean(bool b);
  JsonWriter& null();

 private:
  // Inline: a report writes several of these per finding.
  JsonWriter& open(char c) {
    separate();
    out_ += c;
    return *this;
  }
  JsonWriter& close(char c) {
    out_ += c;
    after_value_ = true;
    return *this;
  }
  void separate() {
    if (after_value_) out_ += ',';
    after_value_ = false;
  }
  void string(std::string_view s);

  std::string& out_;
  bool after_value_ = false;  // a ',' goes before the next key or array element
};

}  // namespace zd
