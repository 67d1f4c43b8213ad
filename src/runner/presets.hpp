// Migration runners: how each one runs a file (transaction or not, per-file opt-outs), which
// files and sections are "down", and how it orders files. The presets are data, one row per
// runner, in presets.cpp — the one place this knowledge lives (the README table mirrors it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zd::runner {

enum class Wrap : uint8_t {
  None,         // each statement runs on its own (autocommit) unless the file says BEGIN
  Transaction,  // the runner opens a transaction around the file
  Implicit,     // the file goes as one multi-statement simple query: one implicit transaction
  OwnBegin,     // generated output that carries its own BEGIN … COMMIT; the runner adds none
};

enum class Sections : uint8_t { None, Goose, Dbmate };

enum class Order : uint8_t {
  Lexical,  // by path
  Numeric,  // leading version number or timestamp, compared as a number
  Flyway,   // V<version>__ by version (1.10 after 1.9), then R__ by description
  Sqitch,   // the order of the changes in sqitch.plan
};

struct PathFacts;  // a path split up once (presets.cpp)

// A text split at its line feeds once. Recognition asks of every line of every file
// whether it is some runner's marker, one question per runner; splitting the text for each
// question took five passes over a plain file (2 % of the instructions on a large file).
class Lines {
 public:
  explicit Lines(std::string_view text);
  // Calls f(line), without its line end (LF or CRLF), for each line in order; stops when f
  // returns true, and returns whether it did.
  template <class F>
  bool any(F f) const {
    size_t begin = 0;
    for (const size_t end : ends_) {
      std::string_view line(text_.data() + begin, end - begin);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (f(line)) return true;
      begin = end + 1;
    }
    return false;
  }

 private:
  std::string_view text_;
  std::vector<size_t> ends_;  // each line's end: its LF, or the end of the text
};

// What the user chose: --runner and --lint-down.
struct Options {
  std::string runner = "auto";
  bool lint_down = false;
};

struct Preset {
  std::string_view name;
  std::string_view recognised_by;  // for people: the README table and --verbose
  Wrap wrap;
  std::string_view wrap_how;
  std::string_view opt_out;  // the per-file opt-out, or empty
  Sections sections;
  std::string_view down;  // which files or sections are "down"
  Order order;
  std::string_view source;  // the documentation these facts come from
  // Recognition by path, by content; the per-file opt-out; is this a down file?
  bool (*by_path)(const PathFacts&) = nullptr;
  bool (*by_text)(const Lines&) = nullptr;
  // Returns the reason when the file opts out of the runner's transaction.
  std::optional<std::string> (*opts_out)(std::string_view path, const Lines& text) = nullptr;
  bool (*is_down_file)(const PathFacts&) = nullptr;
  // Flyway: a script made only of statements that cannot run in a transaction runs without
  // one (by default Flyway refuses to mix them with other statements).
  bool alone_if_all_nontransactional = false;
  // Is this a script the runner runs again whenever it changes (Flyway's R__)? What it makes
  // may then exist from its previous run, whatever the files before it say.
  bool (*reruns)(const PathFacts&) = nullptr;
};

const std::vector<Preset>& presets();
// By name ("plain" is psql's alias); nullptr when unknown.
const Preset* find_preset(std::string_view name);
// "psql, plain, flyway, …" for error messages.
std::string preset_names();

struct Decision {
  const Preset* preset = nullptr;
  std::string why;  // why this preset
  bool in_transaction = false;
  std::string transaction_why;
  bool alone_if_all_nontransactional = false;
  bool reruns = false;  // see Preset::reruns
};

// `runner`: a preset name or "auto". `assume_in_transaction` (--assume-in-transaction) wraps
// every file in a transaction unless the file itself opts out.
Decision decide(std::string_view path, std::string_view text, std::string_view runner,
                bool assume_in_transaction);

// Is this a down (revert, verify, undo) file for the named runner, or for the runner its
// path suggests when `runner` is "auto"? Explicitly named files are linted regardless.
bool is_down_file(std::string_view path, std::string_view runner);

// The folder whose migrations form one history: the file's directory, or its parent where
// the runner keeps each migration in a folder of its own (prisma, diesel).
std::string migration_folder(std::string_view path);

// Sort key among the files of one directory.
struct OrderKey {
  int group = 0;                  // Flyway: 0 versioned, 1 repeatable, 2 other
  std::vector<std::string> numbers;  // version parts or leading number, zero-padded to 40
                                     // digits so that comparing the text compares the number
  std::string name;               // tie-break (and the whole key when lexical)
  auto operator<=>(const OrderKey&) const = default;
};
OrderKey order_key(std::string_view path, std::string_view runner);

}  // namespace zd::runner
