#include "config/load.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "config/glob.hpp"
#include "config/keys.hpp"
#include "lint/did_you_mean.hpp"

namespace zd::config {
namespace {

namespace fs = std::filesystem;

void read_layer(const toml::table& table, Scope scope, const Place& place, Layer& layer,
                Diagnostics& d) {
  for (const auto& [name, value] : table) {
    const std::string key(name.str());
    const Key* k = find_key(key);
    if (k && k->scope != scope && k->scope != Scope::Both) {
      d.error(name.source(), scope == Scope::TopLevel
                                 ? "'" + key + "' belongs inside an [[overrides]] table"
                                 : "'" + key +
                                       "' is allowed only at the top level, not in an "
                                       "override");
      continue;
    }
    if (!k) {
      std::string message = "unknown key '" + key + "'";
      if (const auto guess = closest_match(key, key_names(scope)); !guess.empty()) {
        message += " (did you mean '" + std::string(guess) + "'?)";
      }
      d.error(name.source(), message + "; docs/configuration.md lists every key");
      continue;
    }
    if (k->read) k->read(value, k->name, place, layer, d);
  }
}

// A glob of `paths`: relative, with `/` separators and no `..`; a leading `./` and a
// trailing `/` are dropped.
std::optional<std::string> read_glob(const toml::node& n, Diagnostics& d) {
  if (!n.is_string()) {
    d.error(n.source(), "each entry of paths must be a string, not " + type_name(n));
    return std::nullopt;
  }
  std::string glob = n.value<std::string>().value_or("");
  while (glob.starts_with("./")) glob.erase(0, 2);
  while (glob.size() > 1 && glob.ends_with('/')) glob.pop_back();
  const bool climbs = glob == ".." || glob.starts_with("../") ||
                      glob.find("/../") != std::string::npos || glob.ends_with("/..");
  if (glob.empty() || glob.starts_with('/') || climbs) {
    d.error(n.source(), "paths: '" + n.value<std::string>().value_or("") +
                            "' must be a glob relative to the directory of this file, "
                            "without '..' (e.g. \"legacy/**\")");
    return std::nullopt;
  }
  return glob;
}

void read_override(const toml::node& n, const std::string& display, ConfigFile& file,
                   Diagnostics& d) {
  const toml::table* table = n.as_table();
  if (!table) {
    d.error(n.source(),
            "each entry of overrides must be a table with paths = [...], not " + type_name(n));
    return;
  }
  Override o;
  const toml::node* paths = table->get("paths");
  if (!paths) {
    d.error(n.source(), "this override has no paths = [\"glob\", ...]: it would apply to nothing");
  } else if (const toml::array* list = paths->as_array(); !list || list->empty()) {
    d.error(paths->source(), "paths must be a non-empty array of globs, e.g. [\"legacy/**\"]");
  } else {
    for (const toml::node& item : *list) {
      if (auto glob = read_glob(item, d)) o.paths.push_back(std::move(*glob));
    }
  }
  std::string label = "override";
  for (const auto& p : o.paths) label += (label == "override" ? " " : ", ") + p;
  read_layer(*table, Scope::Override, Place{display, label}, o.layer, d);
  file.overrides.push_back(std::move(o));
}

}  // namespace

bool Override::names(std::string_view relative) const {
  for (const std::string& glob : paths) {
    const std::string pattern = glob.find('/') == std::string::npos ? "**/" + glob : glob;
    if (glob_matches(pattern, relative)) return true;
  }
  return false;
}

bool Override::covers(std::string_view relative) const {
  // The path itself, or a directory above it.
  for (size_t end = relative.size(); end != std::string::npos && end > 0;
       end = relative.rfind('/', end - 1)) {
    if (names(relative.substr(0, end))) return true;
  }
  return false;
}

std::optional<std::string> ConfigFile::relative(const fs::path& absolute) const {
  std::string out = absolute.lexically_relative(dir).generic_string();
  // Empty: no way from `dir` (another root). A first component ".." leaves it; a name that
  // merely starts with two dots ("..old.sql") does not.
  if (out.empty() || out == ".." || out.starts_with("../")) return std::nullopt;
  return out;
}

bool ConfigFile::covers(const Override& o, const fs::path& absolute) const {
  const auto path = relative(absolute);
  return path && o.covers(*path);
}

Loaded parse_config(std::string_view text, const fs::path& absolute, const std::string& display) {
  Loaded out{display, nullptr, {}};
  Diagnostics d;
  toml::table root;
  try {
    root = toml::parse(text, display);
  } catch (const toml::parse_error& e) {
    d.error(e.source(), "invalid TOML: " + std::string(e.description()));
    out.errors = d.render(display);
    return out;
  }
  auto file = std::make_shared<ConfigFile>();
  file->display = display;
  file->dir = absolute.parent_path();
  read_layer(root, Scope::TopLevel, Place{display, ""}, file->base, d);
  if (const toml::node* overrides = root.get("overrides")) {
    if (const toml::array* list = overrides->as_array()) {
      for (const toml::node& entry : *list) read_override(entry, display, *file, d);
    } else {
      d.error(overrides->source(),
              "overrides must be an array of tables ([[overrides]]), not " + type_name(*overrides));
    }
  }
  if (d.empty()) {
    out.file = std::move(file);
  } else {
    out.errors = d.render(display);
  }
  return out;
}

Loaded load_config(const fs::path& absolute, const std::string& display) {
  std::error_code ec;
  const auto size = fs::file_size(absolute, ec);
  if (!ec && size > kMaxConfigBytes) {
    return {display,
            nullptr,
            {display + ": the file is " + std::to_string(size) +
             " bytes; a configuration file may be at most " + std::to_string(kMaxConfigBytes) +
             " bytes"}};
  }
  std::ifstream in(absolute, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) {
    return {display, nullptr, {display + ": cannot read the file: " + std::strerror(errno)}};
  }
  return parse_config(text.str(), absolute, display);
}

}  // namespace zd::config
