// `zerodown explain-sql FILE…`: what the lock model predicts for each statement — every
// relation locked and in which mode, what that blocks, rewrite, scan, and whether the
// statement may run inside a transaction block.
#pragma once

#include <string>
#include <vector>

#include "context/options.hpp"
#include "runner/presets.hpp"

namespace zd {

int explain_sql(const std::vector<std::string>& paths, const std::string& stdin_filename,
                bool json, const LintOptions& options, const runner::Options& runner = {});

}  // namespace zd
