// zd::CheckScheduler: reports come in input order whatever the threads; a folder's files are
// checked one after another, in order, against one history of their own; nothing is lost.
#include "cli/check_scheduler.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Run {
  std::vector<zd::FileReport> reports;
  std::map<size_t, std::vector<size_t>> checked_in_lane;  // lane → files, in check order
  std::map<size_t, std::set<const zd::History*>> histories_of_lane;
};

// Three folders interleaved in the input, as `--history` or a glob can give them.
std::vector<size_t> interleaved_lanes(size_t files) {
  std::vector<size_t> lane_of;
  for (size_t i = 0; i < files; ++i) lane_of.push_back(i % 7 == 0 ? 2 : i < files / 2 ? 0 : 1);
  return lane_of;
}

void run(const std::vector<size_t>& lane_of, unsigned threads, Run& out,
         bool spare_thread = false) {
  std::mutex mutex;
  zd::CheckScheduler scheduler(
      lane_of, threads, spare_thread,
      [](size_t i) {
        zd::ParsedFile parsed;
        parsed.path = std::to_string(i);
        return parsed;
      },
      [&](size_t i, zd::ParsedFile parsed, zd::History& history) {
        zd::FileReport report;
        report.path = parsed.path;
        // The files before it in its folder have been replayed into this history.
        report.statements = history.next_sequence++;
        const std::lock_guard lock(mutex);
        out.checked_in_lane[lane_of[i]].push_back(i);
        out.histories_of_lane[lane_of[i]].insert(&history);
        return report;
      });
  for (size_t i = 0; i < lane_of.size(); ++i) out.reports.push_back(scheduler.take(i));
}

}  // namespace

TEST_CASE("check scheduler: input order, folder order, one history per folder") {
  const std::vector<size_t> lane_of = interleaved_lanes(600);
  // One thread with a spare one: the finished folders' histories are freed aside.
  for (const auto& [threads, spare_thread] :
       {std::pair{1u, false}, std::pair{1u, true}, std::pair{2u, false}, std::pair{4u, false}}) {
    CAPTURE(threads);
    CAPTURE(spare_thread);
    Run r;
    run(lane_of, threads, r, spare_thread);
    REQUIRE(r.reports.size() == lane_of.size());
    std::map<size_t, size_t> seen_in_lane;
    for (size_t i = 0; i < r.reports.size(); ++i) {
      CHECK(r.reports[i].path == std::to_string(i));
      // Its position in its folder: the history had replayed exactly the files before it.
      CHECK(r.reports[i].statements == 1 + seen_in_lane[lane_of[i]]++);
    }
    for (const auto& [lane, files] : r.checked_in_lane) {
      CHECK(std::is_sorted(files.begin(), files.end()));
      CHECK(r.histories_of_lane[lane].size() == 1);
    }
  }
}

TEST_CASE("check scheduler: many one-file folders, and no files at all") {
  std::vector<size_t> lane_of;
  for (size_t i = 0; i < 1000; ++i) lane_of.push_back(i);
  Run r;
  run(lane_of, 3, r);
  REQUIRE(r.reports.size() == 1000);
  for (size_t i = 0; i < r.reports.size(); ++i) {
    CHECK(r.reports[i].path == std::to_string(i));
    CHECK(r.reports[i].statements == 1);
  }
  Run none;
  run({}, 2, none);
  CHECK(none.reports.empty());
}

TEST_CASE("check scheduler: a second folder waits while the first has work for every thread") {
  // Each open folder keeps its whole catalog, and its checked files wait for the reporter:
  // with two threads and two folders, the second thread parses ahead in the first folder
  // rather than start the second. Parsing is the slow part here (a millisecond a file,
  // checking nothing), so the first folder always has a file to parse.
  const size_t per_lane = 40;
  std::vector<size_t> lane_of(2 * per_lane, 0);
  std::fill(lane_of.begin() + per_lane, lane_of.end(), 1);
  std::mutex mutex;
  size_t first_lane_checked = 0;
  size_t second_lane_early = 0;  // checked while the first folder still had files to check
  zd::CheckScheduler scheduler(
      lane_of, 2, false,
      [](size_t) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return zd::ParsedFile{};
      },
      [&](size_t i, zd::ParsedFile, zd::History&) {
        const std::lock_guard lock(mutex);
        if (lane_of[i] == 0) ++first_lane_checked;
        if (lane_of[i] == 1 && first_lane_checked < per_lane) ++second_lane_early;
        return zd::FileReport{};
      });
  for (size_t i = 0; i < lane_of.size(); ++i) scheduler.take(i);
  CHECK(first_lane_checked == per_lane);
  // Only as the first folder runs out of files to parse may the second one start; taking
  // both side by side would check about half of the second folder early.
  CHECK(second_lane_early <= 6);
}

TEST_CASE("check scheduler: a file whose parse or check throws is rethrown at its turn") {
  // Files 3 (its check) and 5 (its parse, ahead of its check or not) throw: take() rethrows
  // each at its own turn, on the reporting thread, and every other file is checked against
  // its folder's history as usual.
  const std::vector<size_t> lane_of = interleaved_lanes(40);
  for (const unsigned threads : {1u, 2u, 4u}) {
    CAPTURE(threads);
    zd::CheckScheduler scheduler(
        lane_of, threads, false,
        [](size_t i) {
          if (i == 5) throw std::runtime_error("parse of 5");
          zd::ParsedFile parsed;
          parsed.path = std::to_string(i);
          return parsed;
        },
        [](size_t i, zd::ParsedFile parsed, zd::History& history) {
          ++history.next_sequence;
          if (i == 3) throw std::runtime_error("check of 3");
          zd::FileReport report;
          report.path = parsed.path;
          return report;
        });
    for (size_t i = 0; i < lane_of.size(); ++i) {
      CAPTURE(i);
      if (i == 3) {
        CHECK_THROWS_WITH(scheduler.take(i), "check of 3");
      } else if (i == 5) {
        CHECK_THROWS_WITH(scheduler.take(i), "parse of 5");
      } else {
        CHECK(scheduler.take(i).path == std::to_string(i));
      }
    }
  }
}

TEST_CASE("check scheduler: files are parsed in runs, within a limit of files and of SQL") {
  // One thread parses a folder's files in runs and then checks them, rather than taking turns
  // file by file; the files parsed ahead of the checks stay within 16, and within 64 KiB of
  // SQL (files of 40 KiB: two at a time). With more threads a file's size is known only once
  // it is parsed, so each thread may have one file more in hand (and a check that has
  // started is counted here only once its callback runs).
  for (const size_t file_bytes : {size_t{100}, size_t{40} << 10}) {
    for (const unsigned threads : {1u, 3u}) {
      CAPTURE(file_bytes);
      CAPTURE(threads);
      const size_t files = 50;
      const size_t run = file_bytes < 1024 ? 16 : 2;
      std::mutex mutex;
      std::vector<std::pair<char, size_t>> events;  // 'p' parsed, 'c' checked
      size_t ahead = 0;
      size_t most_ahead = 0;
      zd::CheckScheduler scheduler(
          std::vector<size_t>(files, 0), threads, false,
          [&](size_t i) {
            zd::ParsedFile parsed;
            parsed.source = std::make_shared<const zd::Source>(
                std::to_string(i), std::string(file_bytes, ' '), false);
            const std::lock_guard lock(mutex);
            events.emplace_back('p', i);
            most_ahead = std::max(most_ahead, ++ahead);
            return parsed;
          },
          [&](size_t i, zd::ParsedFile, zd::History&) {
            const std::lock_guard lock(mutex);
            events.emplace_back('c', i);
            --ahead;
            return zd::FileReport{};
          });
      for (size_t i = 0; i < files; ++i) scheduler.take(i);
      CHECK(most_ahead <= run + threads - 1);
      if (threads == 1) {
        // p0 … p15, c0 … c15, p16 …: each file parsed in the run before its check.
        std::vector<std::pair<char, size_t>> expected;
        for (size_t first = 0; first < files; first += run) {
          const size_t end = std::min(files, first + run);
          for (size_t f = first; f < end; ++f) expected.emplace_back('p', f);
          for (size_t f = first; f < end; ++f) expected.emplace_back('c', f);
        }
        CHECK(events == expected);
        CHECK(most_ahead == run);
      }
    }
  }
}
