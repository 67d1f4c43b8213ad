#include "config/resolve.hpp"

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
  std::vector<fs::path> visited;
  const Loaded* found = nullptr;
  for (fs::path dir = start;; dir = dir.parent_path()) {
    if (const auto it = by_dir_.find(dir); it != by_dir_.end()) {
      found = it->second;
      break;
    }
    visited.push_back(dir);
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
  for (const auto& d : visited) by_dir_.emplace(d, found);
  return found;
}

Settings Configuration::resolve(std::string_view path) {
  Settings settings;
  const bool is_stdin = path == "<stdin>";
  const fs::path target = absolute_path(is_stdin ? fs::path(".") : fs::path(path));
  if (!request_.no_config) {
    std::error_code ec;
    const fs::path dir = is_stdin || fs::is_directory(target, ec) ? target : target.parent_path();
    const std::lock_guard lock(mutex_);
    const Loaded* loaded = explicit_ ? explicit_ : governing(dir);
    if (loaded) {
      settings.config_file = loaded->display;
      if (!loaded->file) {
        settings.error = "not checked: its configuration " + loaded->display + " has errors";
      } else {
        settings.apply(loaded->file->base);
        for (const Override& o : loaded->file->overrides) {
          if (loaded->file->covers(o, target)) settings.apply(o.layer);
        }
      }
    }
  }
  settings.apply(request_.command_line);
  return settings;
}

std::vector<std::string> Configuration::errors() const {
  const std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const Loaded* l : read_order_) out.insert(out.end(), l->errors.begin(), l->errors.end());
  return out;
}

}  // namespace zd::config
