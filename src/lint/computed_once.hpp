// A value several rules of a file need, computed by the first rule that asks for it.
#pragma once

#include <atomic>
#include <mutex>
#include <optional>

namespace zd {

// The rules of a large file run on several threads (lint.cpp): whichever thread asks first
// computes the value, in place, and one asking meanwhile waits for it, so it is computed
// once per file whatever the threads. (Not std::call_once: glibc's pthread_once makes a
// futex call each time a flag is first set, three system calls a file on 5,000 files.)
template <typename T>
class ComputedOnce {
 public:
  template <typename Fill>
  T& get(Fill&& fill) {
    if (!ready_.load(std::memory_order_acquire)) {
      const std::lock_guard lock(computing_);
      if (!ready_.load(std::memory_order_relaxed)) {
        fill(value_.emplace());
        ready_.store(true, std::memory_order_release);
      }
    }
    return *value_;
  }

 private:
  std::atomic<bool> ready_ = false;
  std::mutex computing_;
  std::optional<T> value_;
};

}  // namespace zd
