// zerodown-parse-floor: the least any libpg_query-based checker must do, to measure
// zerodown against (scripts/bench). For every file `zerodown check` would check (the same
// discovery, so down files are left out alike), on one thread: read it and run
// pg_query_parse — libpg_query's documented parse (zerodown reads the parse nodes of its raw
// parse instead, parse/raw_tree.cpp, which is cheaper) — over its bytes, the whole file at
// once. Nothing else: zerodown's own preparation (runner sections, psql meta-commands) is
// not done here, so it counts against zerodown; nothing is read back from the parse tree.
// Prints the number of files and parse errors, so the work cannot be skipped.
#include <pg_query.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "cli/discover.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: zerodown-parse-floor PATH...\n";
    return 2;
  }
  const std::vector<std::string> args(argv + 1, argv + argc);
  const zd::Discovery discovery = zd::discover_inputs(args, "");
  for (const auto& e : discovery.errors) std::cerr << "zerodown-parse-floor: error: " << e << '\n';
  if (!discovery.errors.empty()) return 2;

  size_t files = 0;
  size_t bytes = 0;
  size_t failed = 0;
  for (const zd::Input& input : discovery.inputs) {
    std::ifstream in(input.path, std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (!in.good() && !in.eof()) {
      std::cerr << "zerodown-parse-floor: cannot read " << input.path << '\n';
      return 2;
    }
    const PgQueryParseResult result = pg_query_parse(text.c_str());
    if (result.error) ++failed;
    pg_query_free_parse_result(result);
    ++files;
    bytes += text.size();
  }
  std::cout << files << " files, " << bytes << " bytes, " << failed << " with a parse error\n";
  return 0;
}
