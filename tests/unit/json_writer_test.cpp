// zd::JsonWriter writes what nlohmann::json::dump() writes: the JSON report's bytes did not
// change when it stopped building a DOM per finding.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "report/json_writer.hpp"

TEST_CASE("json writer: strings escaped as nlohmann escapes them") {
  std::string all;
  for (int c = 1; c < 128; ++c) all += static_cast<char>(c);
  all += "é☃ \xF0\x9F\x98\x80 \"quoted\" back\\slash";
  // Every start offset, so that each byte is met at every place in an eight-byte word.
  for (size_t from = 0; from < 16; ++from) {
    const std::string s = all.substr(from);
    std::string out;
    zd::JsonWriter(out).value(s);
    CHECK(out == nlohmann::json(s).dump());
  }
}

TEST_CASE("json writer: objects, arrays, numbers, booleans, null") {
  std::string out;
  zd::JsonWriter w(out);
  w.begin_object().key("a").begin_array().number(0).number(18446744073709551615ull);
  w.boolean(true).boolean(false).null().begin_object().end_object().end_array();
  w.key("b").value("x").end_object();
  const nlohmann::json expected = {
      {"a", {0, 18446744073709551615ull, true, false, nullptr, nlohmann::json::object()}},
      {"b", "x"}};
  CHECK(out == expected.dump());
}
