// How serious a finding is: each rule has a default, a configuration may change it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace zd {

enum class Severity : uint8_t { Info, Warning, Error };
std::string_view severity_name(Severity s);  // "info", "warning", "error"
std::optional<Severity> parse_severity(std::string_view s);

}  // namespace zd
