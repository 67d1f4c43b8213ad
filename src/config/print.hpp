// `zerodown config`: the settings that apply to a path and where each one came from.
#pragma once

#include <iosfwd>
#include <string_view>

#include "config/settings.hpp"

namespace zd::config {

void print_settings(std::ostream& out, std::string_view path, const Settings& settings);
void print_settings_json(std::ostream& out, std::string_view path, const Settings& settings);

}  // namespace zd::config
