// `zerodown config [PATH]`: the settings `check` would use for PATH, and where each came from.
#pragma once

#include <string>

#include "config/resolve.hpp"

namespace zd {

int show_config(const std::string& path, const config::Request& request, bool json);

}  // namespace zd
