#include "lint/shared_text.hpp"

namespace zd {

const std::string& SharedText::nothing() {
  static const std::string none;
  return none;
}

SharedText TextPool::share(std::string text) {
  if (const auto it = texts_.find(text); it != texts_.end()) return it->second;
  SharedText shared(std::move(text));
  texts_.emplace(shared.str(), shared);
  return shared;
}

}  // namespace zd
