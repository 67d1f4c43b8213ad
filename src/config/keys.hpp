// The keys of zerodown.toml: where each may appear and how its value is read and checked.
// docs/configuration.md documents the same list.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "config/settings.hpp"

namespace zd::config {

// Problems found in a config file, each at its place in the file.
class Diagnostics {
 public:
  void error(const toml::source_region& where, std::string message);
  void error(uint32_t line, uint32_t column, std::string message);
  bool empty() const { return errors_.empty(); }
  // "path:line:column: message", in file order.
  std::vector<std::string> render(std::string_view path) const;

 private:
  struct Error {
    uint32_t line;
    uint32_t column;
    std::string message;
  };
  std::vector<Error> errors_;
};

// Where values of one layer come from: the file as displayed, and for an override its
// label ("override legacy/**").
struct Place {
  std::string path;
  std::string label;
  Origin at(const toml::source_region& where) const;
};

enum class Scope : uint8_t {
  TopLevel,  // only at the top of the file
  Override,  // only inside an [[overrides]] table
  Both,
};

struct Key {
  std::string_view name;
  Scope scope;
  // Reads the key's value into the layer; wrong types and values go to `d`. nullptr for
  // the keys the loader handles itself (`overrides`, `paths`).
  void (*read)(const toml::node& value, std::string_view key, const Place& place, Layer& layer,
               Diagnostics& d);
};

const std::vector<Key>& keys();
const Key* find_key(std::string_view name);
// The key names allowed in a scope, for "did you mean".
std::vector<std::string_view> key_names(Scope scope);

// "a string", "an integer", … for messages about a wrong type.
std::string type_name(const toml::node& n);

}  // namespace zd::config
