// Which zerodown.toml governs a file, and the settings that result for it. The nearest
// zerodown.toml (or .zerodown.toml) in the file's directory or above it governs the file,
// so each folder of a monorepo can have its own; --config names one file for every input
// instead, --no-config uses none.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/load.hpp"
#include "config/settings.hpp"

namespace zd::config {

inline constexpr std::string_view kConfigNames[] = {"zerodown.toml", ".zerodown.toml"};

// What the command line says about the configuration.
struct Request {
  std::string config_path;  // --config
  bool no_config = false;   // --no-config
  Layer command_line;       // the options given, which win over every file
};

class Configuration {
 public:
  explicit Configuration(Request request);
  // The settings for a file or directory ("<stdin>": the working directory). Each
  // directory is looked up once and each config file read once, however many files share
  // them; safe to call from several threads. The files of one directory share one Settings
  // (unless an override names a file itself): a run over thousands of files keeps one copy
  // per directory, not one per file.
  std::shared_ptr<const Settings> resolve(std::string_view path);
  // The same for a path known not to be a directory (a file discovery found): the file
  // system is not asked what it is, so a file costs a lookup, not a system call.
  std::shared_ptr<const Settings> resolve_file(std::string_view path);
  // The errors of every config file read so far, in the order they were read.
  std::vector<std::string> errors() const;

 private:
  // What the files directly in one directory share: the configuration that governs them,
  // which of its overrides cover the directory (and so each of its files), and the
  // settings of a file that no other override names.
  struct Folder {
    const Loaded* loaded = nullptr;
    std::optional<std::string> relative;  // to the config's directory; nothing if outside
    std::vector<bool> covered;            // by override, in file order
    std::shared_ptr<const Settings> settings;
  };

  Settings settings_of(const Loaded* loaded, const std::vector<bool>& applies) const;
  // The same, made once for each combination of config file and overrides that apply.
  std::shared_ptr<const Settings> shared_settings(const Loaded* loaded,
                                                  const std::vector<bool>& applies);
  std::shared_ptr<const Settings> settings_for(std::string_view path, bool is_directory);
  Folder folder(const std::filesystem::path& dir);
  std::shared_ptr<const Settings> in_folder(const Folder& folder, std::string_view name);
  const Loaded* governing(const std::filesystem::path& dir);
  const Loaded* load(const std::filesystem::path& file);

  Request request_;
  mutable std::mutex mutex_;
  std::map<std::string, const Loaded*> by_dir_;  // absolute and lexically normal
  std::map<std::filesystem::path, std::unique_ptr<Loaded>> files_;
  std::vector<const Loaded*> read_order_;
  const Loaded* explicit_ = nullptr;  // --config
  // By the directory part of the path as given ("db/", "/", ""): a migration folder's files
  // share one entry, so resolving a file is a lookup, not a walk up the tree with path
  // normalisation (some 17,000 instructions a file).
  std::map<std::string, Folder, std::less<>> folders_;
  // What shared_settings() made: a layout with a directory per migration (Prisma's) has as
  // many folders as files, but they all share a handful of these.
  std::map<std::pair<const Loaded*, std::vector<bool>>, std::shared_ptr<const Settings>> made_;
};

// How to name a file in messages: relative to the working directory when it is below it,
// otherwise absolute.
std::string display_path(const std::filesystem::path& absolute);

}  // namespace zd::config
