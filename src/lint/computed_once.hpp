// A value several rules of a file need, computed by the first rule that asks for it.
#pragma once

#include <mutex>
#include <optional>

namespace zd {

// The rules of a large file run on several threads (lint.cpp): whichever thread asks first
// computes the value, in place, and one asking meanwhile waits for it, so it is computed
// once per file whatever the threads.
template <typename T>
class ComputedOnce {
 public:
  template <typename Fill>
  T& get(Fill&& fill) {
    std::call_once(once_, [&] { fill(value_.emplace()); });
    return *value_;
  }

 private:
  std::once_flag once_;
  std::optional<T> value_;
};

}  // namespace zd
