#include "cli/config_command.hpp"

#include <filesystem>
#include <iostream>

#include "cli/run_check.hpp"
#include "config/print.hpp"

namespace zd {

int show_config(const std::string& path, const config::Request& request, bool json) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    std::cerr << "zerodown: error: " << path << ": no such file or directory\n";
    return kExitUsage;
  }
  config::Configuration configuration(request);
  const config::Settings settings = *configuration.resolve(path);
  const auto errors = configuration.errors();
  for (const auto& e : errors) std::cerr << "zerodown: error: " << e << '\n';
  if (!errors.empty()) return kExitUsage;
  if (json) {
    config::print_settings_json(std::cout, path, settings);
  } else {
    config::print_settings(std::cout, path, settings);
  }
  return kExitClean;
}

}  // namespace zd
