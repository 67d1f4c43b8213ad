// Fingerprints that identify a finding across runs and unrelated edits, for SARIF's
// partialFingerprints and GitLab Code Quality's fingerprint: code scanning and merge
// requests match a new report's findings to the old one's by them, so a fingerprint that
// changed when a line was added above would show a fixed finding and a new one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lint/lint.hpp"

namespace zd {

// 16 hex digits from the rule id, the path, the finding's text with its whitespace
// collapsed (so line numbers, indentation and CRLF/LF do not count) and how many findings
// of the file with the same rule and text came before it (so identical statements differ).
// One entry per finding of the report, in order; suppressed findings count too, so that
// suppressing one leaves the others' fingerprints alone.
std::vector<std::string> finding_fingerprints(const FileReport& report);
// The fingerprint of a file that could not be read: its rule is `file-error`.
std::string file_error_fingerprint(const FileReport& report);

}  // namespace zd
