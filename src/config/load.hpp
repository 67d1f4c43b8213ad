// Reading one zerodown.toml: TOML syntax (toml++), then every key checked against
// config/keys.hpp. Every problem is reported with its line and column, all of them at once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/settings.hpp"

namespace zd::config {

// [[overrides]]: settings for the files matching any of `paths`.
struct Override {
  // Globs relative to the config file's directory (config/glob.hpp). One without a `/`
  // matches a file name at any depth; one that matches a directory covers the files below.
  std::vector<std::string> paths;
  Layer layer;

  // Does one of `paths` match this path (relative to the config's directory) itself?
  bool names(std::string_view relative) const;
  // Does it match the path or a directory above it?
  bool covers(std::string_view relative) const;
};

struct ConfigFile {
  std::string display;        // as messages and `zerodown config` show it
  std::filesystem::path dir;  // absolute: where the overrides' paths start
  Layer base;                 // the top-level keys
  std::vector<Override> overrides;

  // The absolute path relative to `dir` ("." for `dir` itself); nothing when it is not below.
  std::optional<std::string> relative(const std::filesystem::path& absolute) const;
  // Does the override cover this absolute path?
  bool covers(const Override& o, const std::filesystem::path& absolute) const;
};

struct Loaded {
  std::string display;
  std::shared_ptr<const ConfigFile> file;  // null when the file has errors
  std::vector<std::string> errors;         // "path:line:column: message"
};

// A configuration larger than this is refused before it is parsed.
inline constexpr std::uintmax_t kMaxConfigBytes = 1024 * 1024;

// `absolute`: the file; `display`: how to name it in messages.
Loaded load_config(const std::filesystem::path& absolute, const std::string& display);
// The same from text already read (the unit tests' entry).
Loaded parse_config(std::string_view text, const std::filesystem::path& absolute,
                    const std::string& display);

}  // namespace zd::config
