#include "config/resolve.hpp"

#include <sys/stat.h>

#include <algorithm>

namespace zd::config {
namespace {

namespace fs = std::filesystem;

fs::path absolute_path(const fs::path& p) {
  std::error_code ec;
  fs::path out = fs::absolute(p, ec);
  return (ec ? p : out).lexically_normal();
}

}  // namespace

std::string display_path(const fs::path& absolute) {
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (!ec) {
    const fs::path relative = absolute.lexically_relative(cwd);
    if (!relative.empty() && *relative.begin() != "..") return relative.generic_string();
  }
  return absolute.generic_string();
}

Configuration::Configuration(Request request) : request_(std::move(request)) {
  if (!request_.no_config && !request_.config_path.empty()) {
    const fs::path file = absolute_path(request_.config_path);
    auto loaded = std::make_unique<Loaded>(load_config(file, request_.config_path));
    explicit_ = loaded.get();
    read_order_.push_back(explicit_);
    files_.emplace(file, std::move(loaded));
  }
}

const Loaded* Configuration::load(const fs::path& file) {
  auto& slot = files_[file];
  if (!slot) {
    slot = std::make_unique<Loaded>(load_config(file, display_path(file)));
    read_order_.push_back(slot.get());
  }
  return slot.get();
}

const Loaded* Configuration::governing(const fs::path& start) {
  std::vector<std::string> visited;
  const Loaded* found = nullptr;
  for (fs::path dir = start;; dir = dir.parent_path()) {
    if (const auto it = by_dir_.find(dir.native()); it != by_dir_.end()) {
      found = it->second;
      break;
    }
    visited.push_back(dir.native());
    std::vector<fs::path> present;
    for (const auto name : kConfigNames) {
      std::error_code ec;
      if (fs::is_regular_file(dir / name, ec)) present.push_back(dir / name);
    }
    if (present.size() > 1) {
      // Which one wins would be a guess: say so instead.
      auto both = std::make_unique<Loaded>();
      both->display = display_path(present[0]);
      both->errors.push_back(display_path(dir) + ": both " + std::string(kConfigNames[0]) +
                             " and " + std::string(kConfigNames[1]) +
                             " are here; keep one of them");
      found = both.get();
      read_order_.push_back(found);
      files_.emplace(present[0], std::move(both));
      break;
    }
    if (present.size() == 1) {
      found = load(present[0]);
      break;
    }
    if (dir == dir.root_path() || dir.parent_path() == dir) break;
  }
  for (auto& d : visited) by_dir_.emplace(std::move(d), found);
  return found;
}

Settings Configuration::settings_of(const Loaded* loaded, const std::vector<bool>& applies) const {
  Settings settings;
  if (loaded) {
    settings.config_file = loaded->display;
    if (!loaded->file) {
      settings.error = "not checked: its configuration " + loaded->display + " has errors";
    } else {
      settings.apply(loaded->file->base);
      const auto& overrides = loaded->file->overrides;
      for (size_t i = 0; i < overrides.size(); ++i) {
        if (applies[i]) settings.apply(overrides[i].layer);
      }
    }
  }
  settings.apply(request_.command_line);
  return settings;
}

std::shared_ptr<const Settings> Configuration::shared_settings(const Loaded* loaded,
                                                               const std::vector<bool>& applies) {
  auto& made = made_[{loaded, applies}];
  if (!made) made = std::make_shared<const Settings>(settings_of(loaded, applies));
  return made;
}

Configuration::Folder Configuration::folder(const fs::path& dir) {
  Folder f;
  f.loaded = explicit_ ? explicit_ : governing(dir);
  if (f.loaded && f.loaded->file) {
    f.relative = f.loaded->file->relative(dir);
    for (const Override& o : f.loaded->file->overrides) {
      // A file directly in the config's own directory has no directory to be covered by.
      f.covered.push_back(f.relative && *f.relative != "." && o.covers(*f.relative));
    }
  }
  f.settings = shared_settings(f.loaded, f.covered);
  return f;
}

std::shared_ptr<const Settings> Configuration::in_folder(const Folder& f, std::string_view name) {
  if (!f.relative || std::find(f.covered.begin(), f.covered.end(), false) == f.covered.end()) {
    return f.settings;
  }
  // An override may also name the file itself (`paths = ["*_data.sql"]`).
  const std::string relative =
      *f.relative == "." ? std::string(name) : *f.relative + '/' + std::string(name);
  std::vector<bool> applies = f.covered;
  bool named = false;
  for (size_t i = 0; i < applies.size(); ++i) {
    if (!applies[i] && f.loaded->file->overrides[i].names(relative)) applies[i] = named = true;
  }
  return named ? shared_settings(f.loaded, applies) : f.settings;
}

std::shared_ptr<const Settings> Configuration::resolve(std::string_view path) {
  struct stat st {};
  return settings_for(path, !request_.no_config && path != "<stdin>" &&
                                ::stat(std::string(path).c_str(), &st) == 0 && S_ISDIR(st.st_mode));
}

std::shared_ptr<const Settings> Configuration::resolve_file(std::string_view path) {
  return settings_for(path, false);
}

std::shared_ptr<const Settings> Configuration::settings_for(std::string_view path,
                                                            bool is_directory) {
  if (request_.no_config) {
    const std::lock_guard lock(mutex_);
    return shared_settings(nullptr, {});
  }
  const bool is_stdin = path == "<stdin>";
  is_directory = is_directory || is_stdin;
  const size_t slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (!is_directory && !name.empty() && name != "." && name != "..") {
    const std::string_view dir = path.substr(0, path.size() - name.size());
    const std::lock_guard lock(mutex_);
    auto it = folders_.find(dir);
    if (it == folders_.end()) {
      it = folders_.emplace(dir, folder(absolute_path(fs::path(path)).parent_path())).first;
    }
    return in_folder(it->second, name);
  }
  // A directory (`zerodown config DIR`) or standard input (the working directory).
  const fs::path target = absolute_path(is_stdin ? fs::path(".") : fs::path(path));
  const std::lock_guard lock(mutex_);
  const Loaded* loaded =
      explicit_ ? explicit_ : governing(is_directory ? target : target.parent_path());
  std::vector<bool> applies;
  if (loaded && loaded->file) {
    for (const Override& o : loaded->file->overrides)
      applies.push_back(loaded->file->covers(o, target));
  }
  return shared_settings(loaded, applies);
}

std::vector<std::string> Configuration::errors() const {
  const std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const Loaded* l : read_order_) out.insert(out.end(), l->errors.begin(), l->errors.end());
  return out;
}

}  // namespace zd::config
