// "Did you mean …?" for misspelt names: rule ids in suppressions and selectors, keys of a
// configuration file.
#pragma once

#include <string_view>
#include <vector>

namespace zd {

// The candidate closest to `word` by edit distance, or empty when none is close enough to
// be a likely misspelling (a third of the word's length apart, at least 1), or, failing
// that, the first candidate that starts with the word.
std::string_view closest_match(std::string_view word,
                               const std::vector<std::string_view>& candidates);

}  // namespace zd
