// zd::run_in_parallel: every task runs once, and what a task throws reaches the caller,
// from whichever thread ran it, instead of ending the process.
#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "parse/chunks.hpp"

namespace {

// Two tasks that each wait until both have started: one runs on the calling thread and one
// on the helper, whichever takes which.
void run_two_side_by_side(unsigned throwing_worker) {
  std::atomic<int> started = 0;
  zd::run_in_parallel(2, 2, [&](size_t, unsigned worker) {
    ++started;
    while (started < 2) {
    }
    if (worker == throwing_worker) throw std::runtime_error("task failed");
  });
}

}  // namespace

TEST_CASE("run_in_parallel: every task once, on up to the threads asked for") {
  for (const unsigned threads : {1u, 2u, 4u}) {
    std::vector<std::atomic<int>> runs(1000);
    std::atomic<unsigned> highest_worker = 0;
    zd::run_in_parallel(runs.size(), threads, [&](size_t task, unsigned worker) {
      ++runs[task];
      unsigned seen = highest_worker;
      while (worker > seen && !highest_worker.compare_exchange_weak(seen, worker)) {
      }
    });
    for (const auto& r : runs) CHECK(r == 1);
    CHECK(highest_worker < threads);
  }
}

TEST_CASE("run_in_parallel: a task that throws on a helper thread throws to the caller") {
  CHECK_THROWS_WITH_AS(run_two_side_by_side(1), "task failed", std::runtime_error);
  CHECK_THROWS_WITH_AS(run_two_side_by_side(0), "task failed", std::runtime_error);
}

TEST_CASE("run_in_parallel: no task starts after one has thrown") {
  std::atomic<size_t> ran = 0;
  CHECK_THROWS_AS(zd::run_in_parallel(100000, 1,
                                      [&](size_t task) {
                                        ++ran;
                                        if (task == 10) throw std::runtime_error("stop");
                                      }),
                  std::runtime_error);
  CHECK(ran == 11);
}
