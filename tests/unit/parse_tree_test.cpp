// The compact parse tree (model/parse_tree.hpp) reads any JSON libpg_query can write —
// escapes, integers of every width, nesting to its limit — and answers Node's accessors as
// a general JSON reader would; what is not JSON, or too deep, is refused.
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "model/parse_tree.hpp"

namespace {

zd::Node root_of(const std::string& json) {
  static std::vector<std::shared_ptr<const zd::ParseTree>> kept;  // the nodes' storage
  auto built = zd::ParseTree::from_json(json.c_str());
  REQUIRE(built.tree);
  kept.push_back(built.tree);
  return built.tree->root();
}

// The JSON here has keys of its own, which no literal Key may name: they are interned as
// the program runs, as the keys of PL/pgSQL's JSON that zerodown does not read are.
zd::Key named(const std::string& name) { return zd::Key::named(name); }

zd::ParseTree::Failure failure_of(const std::string& json) {
  return zd::ParseTree::from_json(json.c_str()).failure;
}

}  // namespace

TEST_CASE("parse tree: strings, with every escape JSON has") {
  const auto n = root_of(R"({"plain":"relname","esc":"a\"b\\c\/d\be\ff\ng\rh\ti","utf":"é日本",)"
                         R"("u":"\u00e9\u65E5\ud83d\ude00\u0001","empty":""})");
  CHECK(n.str(named("plain")) == "relname");
  CHECK(n.str(named("esc")) == "a\"b\\c/d\be\ff\ng\rh\ti");
  CHECK(n.str(named("utf")) == "é日本");
  CHECK(n.str(named("u")) == std::string("é日😀\x01"));
  CHECK(n.has(named("empty")));
  CHECK(n.str(named("empty")).empty());
  CHECK(n.str(named("missing")).empty());
  CHECK(n.integer(named("plain"), 7) == 7);  // a string is not an integer
}

TEST_CASE("parse tree: strings shared within a tree, never across trees") {
  // The same short names again and again, in one tree and in the next ones: each value
  // reads back as written, whichever string of the pool it ends up sharing.
  for (int round = 0; round < 3; ++round) {
    std::string json = "{\"list\":[";
    for (int i = 0; i < 300; ++i) {
      json += (i ? "," : "") + std::string("{\"a\":\"pg_catalog\",\"b\":\"col_") +
              std::to_string((i * 7 + round) % 50) +
              "\",\"c\":\"a longer name than sixteen bytes\"}";
    }
    json += "]}";
    const auto list = root_of(json).list(named("list"));
    REQUIRE(list.size() == 300);
    bool all = true;
    for (int i = 0; i < 300; ++i) {
      const auto n = list[static_cast<size_t>(i)];
      all = all && n.str(named("a")) == "pg_catalog" &&
            n.str(named("b")) == "col_" + std::to_string((i * 7 + round) % 50) &&
            n.str(named("c")) == "a longer name than sixteen bytes";
    }
    CHECK(all);
  }
}

TEST_CASE("parse tree: integers of every width; other numbers are not integers") {
  const auto n = root_of(
      R"({"zero":0,"neg":-5,"max32":2147483647,"min32":-2147483648,"wide":2147483648,)"
      R"("min64":-9223372036854775808,"max64":9223372036854775807,)"
      R"("huge":99999999999999999999,"frac":1.5,"exp":1e3})");
  CHECK(n.integer(named("zero"), 9) == 0);
  CHECK(n.integer(named("neg")) == -5);
  CHECK(n.integer(named("max32")) == 2147483647);
  CHECK(n.integer(named("min32")) == -2147483648LL);
  CHECK(n.integer(named("wide")) == 2147483648LL);
  CHECK(n.integer(named("min64")) == INT64_MIN);
  CHECK(n.integer(named("max64")) == INT64_MAX);
  CHECK(n.integer(named("huge"), -1) == -1);
  CHECK(n.integer(named("frac"), -1) == -1);
  CHECK(n.integer(named("exp"), -1) == -1);
  CHECK(n.has(named("frac")));
}

TEST_CASE("parse tree: booleans, null, and whitespace between tokens") {
  const auto n = root_of("{ \"yes\" : true ,\n\t\"no\":false, \"nothing\" :null , "
                         "\"list\" : [ 1 , { \"String\" : { \"sval\" : \"x\" } } ] }");
  CHECK(n.flag(named("yes")));
  CHECK_FALSE(n.flag(named("no")));
  CHECK(n.has(named("no")));
  CHECK_FALSE(n.flag(named("nothing")));
  CHECK(n.has(named("nothing")));
  const auto list = n.list(named("list"));
  REQUIRE(list.size() == 2);
  CHECK_FALSE(list[0].valid());  // an integer is not a node
  CHECK(list[1].string_value() == "x");
  CHECK_FALSE(list[2].valid());
}

TEST_CASE("parse tree: typed nodes and bare structs") {
  const auto n = root_of(R"({"stmt":{"AlterTableStmt":{"relation":{"relname":"t"},"cmds":[]}},)"
                         R"("Count":3,"Inner":{"x":1,"y":2}})");
  const auto stmt = n.child("stmt");
  CHECK(stmt.is("AlterTableStmt"));
  CHECK(stmt.type() == "AlterTableStmt");
  CHECK(stmt.child("relation").type().empty());  // a bare struct
  CHECK(stmt.child("relation").str("relname") == "t");
  CHECK(stmt.list("cmds").empty());
  CHECK(n.type().empty());  // three fields: no node type, whatever their names
  CHECK(n.integer(named("Count")) == 3);
  CHECK(n.child(named("Inner")).integer(named("y")) == 2);
  CHECK_FALSE(n.child(named("missing")).valid());
  CHECK_FALSE(zd::Node().child(named("x")).valid());
  // A node type whose only field is another node type: never written by libpg_query (its
  // field names are lower-case), refused rather than read two ways.
  CHECK(failure_of(R"({"stmt":{"A":{"B":{"x":1}}}})") == zd::ParseTree::Failure::Malformed);
  const auto nested = root_of(R"({"A":{"only":{"B":{}},"Empty":{}}})");
  CHECK(nested.is(named("A")));
  CHECK(nested.child(named("only")).is(named("B")));
  CHECK(nested.child(named("Empty")).type().empty());  // a field, not a node: its object is bare
  CHECK(root_of(R"({"A_Star":{}})").is("A_Star"));
  CHECK(zd::Node().list(named("x")).empty());
}

TEST_CASE("parse tree: String nodes, in one entry, answer as any node") {
  const auto n = root_of(
      R"({"ref":{"ColumnRef":{"fields":[{"String":{"sval":"t"}},{"A_Star":{}}],"location":7}},)"
      R"("arg":{"String":{"sval":"x\"y"}},"odd":{"String":{"sval":"s","other":1}},)"
      R"("none":{"String":{}},"num":{"String":{"sval":3}}})");
  const auto fields = n.child(named("ref")).list("fields");
  REQUIRE(fields.size() == 2);
  CHECK(fields[0].is("String"));
  CHECK(fields[0].str("sval") == "t");
  CHECK(fields[0].string_value() == "t");
  CHECK(fields[0].has("sval"));
  CHECK_FALSE(fields[0].has("location"));
  CHECK_FALSE(fields[0].child("sval").valid());
  CHECK(fields[0].list("sval").empty());
  CHECK(fields[0].integer("sval", -1) == -1);
  CHECK_FALSE(fields[0].location());
  CHECK(fields[1].is("A_Star"));
  CHECK((*fields.begin()).str("sval") == "t");
  CHECK(n.child("arg").is("String"));
  CHECK(n.child("arg").string_value() == "x\"y");
  // Not the shape libpg_query writes: kept as objects, read the same way.
  CHECK(n.child(named("odd")).str("sval") == "s");
  CHECK(n.child(named("odd")).integer(named("other")) == 1);
  CHECK(n.child(named("none")).is("String"));
  CHECK(n.child(named("none")).str("sval").empty());
  CHECK(n.child("num").integer("sval") == 3);
  std::vector<std::string> seen;
  zd::walk(
      n,
      [&](zd::Node node) {
        seen.emplace_back(node.type());
        return true;
      },
      [&](zd::Node node) { seen.push_back("/" + std::string(node.type())); });
  CHECK(seen == std::vector<std::string>{"", "ColumnRef", "String", "/String", "A_Star",
                                         "/A_Star", "/ColumnRef", "String", "/String", "String",
                                         "/String", "String", "/String", "String", "/String",
                                         "/"});
}

TEST_CASE("parse tree: a constant boxed under its own key, in one entry") {
  const auto n = root_of(
      R"({"s":{"A_Const":{"sval":{"sval":"x"},"location":4}},"i":{"A_Const":{"ival":{"ival":-7}}},)"
      R"("w":{"ival":{"ival":4294967296}},"two":{"sval":{"sval":"a","b":1}},)"
      R"("other":{"sval":{"fval":"1"}},"list":[{"sval":{"sval":"in an array"}}]})");
  const auto s = n.child(named("s"));
  CHECK(s.is("A_Const"));
  CHECK(s.location() == 4);
  CHECK(s.string_value() == "x");
  const auto box = s.child("sval");
  CHECK(box.valid());
  CHECK(box.type().empty());
  CHECK(box.str("sval") == "x");
  CHECK(box.has("sval"));
  CHECK_FALSE(box.has("ival"));
  CHECK_FALSE(box.child("sval").valid());
  CHECK(n.child(named("i")).child("ival").integer("ival") == -7);
  CHECK(n.child(named("i")).child("ival").str("ival").empty());
  // Not boxed (a wide integer, two fields, another key, in an array): read the same way.
  CHECK(n.child(named("w")).child("ival").integer("ival") == 4294967296);
  CHECK(n.child(named("two")).child("sval").str("sval") == "a");
  CHECK(n.child(named("two")).child("sval").integer(named("b")) == 1);
  CHECK(n.child(named("other")).child("sval").str("fval") == "1");
  CHECK(n.list(named("list"))[0].child("sval").str("sval") == "in an array");
  size_t nodes = 0;
  zd::walk(n.child(named("s")), [&](zd::Node) { return ++nodes, true; });
  CHECK(nodes == 2);  // the A_Const and its boxed constant, as for any bare struct
}

TEST_CASE("parse tree: an array at the root, as the PL/pgSQL parser writes") {
  const auto built = zd::ParseTree::from_json("[\n{\"PLpgSQL_function\":{\"lineno\":3}}\n]");
  REQUIRE(built.tree);
  CHECK_FALSE(built.tree->root().valid());
  const auto functions = built.tree->root_list();
  REQUIRE(functions.size() == 1);
  CHECK(functions[0].is(named("PLpgSQL_function")));
  CHECK(functions[0].integer("lineno") == 3);
  CHECK(root_of("{}").valid());
  CHECK(zd::ParseTree::from_json("{}").tree->root_list().empty());
}

TEST_CASE("parse tree: walk visits nodes parents first, in the order written") {
  const auto n = root_of(
      R"({"A_Expr":{"lexpr":{"ColumnRef":{"fields":[{"String":{"sval":"a"}}]}},)"
      R"("rexpr":{"List":{"items":[[{"Integer":{"ival":1}}],{"Integer":{"ival":2}}]}}}})");
  std::vector<std::string> seen;
  zd::walk(n, [&](zd::Node node) {
    seen.emplace_back(node.type());
    return true;
  });
  CHECK(seen == std::vector<std::string>{"A_Expr", "ColumnRef", "String", "List", "Integer",
                                         "Integer"});
  seen.clear();
  zd::walk(n, [&](zd::Node node) {
    seen.emplace_back(node.type());
    return node.type() != "ColumnRef";
  });
  CHECK(seen == std::vector<std::string>{"A_Expr", "ColumnRef", "List", "Integer", "Integer"});
  // With `leave`: after each entered node's children.
  seen.clear();
  zd::walk(
      n,
      [&](zd::Node node) {
        seen.emplace_back(node.type());
        return node.type() != "List";
      },
      [&](zd::Node node) { seen.push_back("/" + std::string(node.type())); });
  CHECK(seen == std::vector<std::string>{"A_Expr", "ColumnRef", "String", "/String", "/ColumnRef",
                                         "List", "/A_Expr"});
}

TEST_CASE("parse tree: nesting up to the limit, and no deeper") {
  const auto nested = [](size_t depth) {  // the root object and depth - 1 arrays in it
    return "{\"a\":" + std::string(depth - 1, '[') + std::string(depth - 1, ']') + "}";
  };
  CHECK(failure_of(nested(zd::ParseTree::kMaxDepth)) == zd::ParseTree::Failure::None);
  CHECK(failure_of(nested(zd::ParseTree::kMaxDepth + 1)) == zd::ParseTree::Failure::TooDeep);
  CHECK(failure_of(nested(100000)) == zd::ParseTree::Failure::TooDeep);
}

TEST_CASE("parse tree: what is not JSON is refused") {
  for (const std::string bad :
       {"", "1", "\"s\"", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":1} x", "{\"a\":\"x}",
        "{\"a\":\"\\q\"}", "{\"a\":\"\\ud83d\"}", "{\"a\":\"\\ude00\"}", "{\"a\":\"\\u12\"}",
        "{\"a\":tru}", "{\"a\":-}", "{a:1}", "{\"a\":[1 2]}"}) {
    CAPTURE(bad);
    CHECK(failure_of(bad) == zd::ParseTree::Failure::Malformed);
  }
}

TEST_CASE("parse tree: keys interned from several threads at once") {
  // Each thread builds trees whose keys no other tree has used yet, in its own order.
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);  // not vector<bool>: its bits share bytes
  for (size_t t = 0; t < 4; ++t) {
    threads.emplace_back([t, &ok] {
      bool all = true;
      for (int round = 0; round < 50; ++round) {
        std::string json = "{";
        for (int k = 0; k < 40; ++k) {
          const int key = (k * 7 + static_cast<int>(t) * 13 + round) % 40;
          json += (k ? "," : "") + std::string("\"interned_key_") + std::to_string(key) +
                  "\":" + std::to_string(key);
        }
        json += "}";
        const auto built = zd::ParseTree::from_json(json.c_str());
        if (!built.tree) {
          all = false;
          continue;
        }
        const auto n = built.tree->root();
        for (int k = 0; k < 40; ++k) {
          all = all && n.integer(named("interned_key_" + std::to_string(k)), -1) == k;
        }
      }
      ok[t] = all ? 1 : 0;
    });
  }
  for (auto& th : threads) th.join();
  CHECK(ok == std::vector<int>(4, 1));
  CHECK(zd::ParseTree::key_of("interned_key_39") != 0);
  CHECK_FALSE(root_of(R"({"a":1})").has(named("never_a_key_of_any_tree")));
  CHECK(zd::ParseTree::key_of("") == 0);
  CHECK(zd::ParseTree::key_name(zd::ParseTree::key_of("interned_key_7")) == "interned_key_7");
}

TEST_CASE("parse tree: a literal key's number, worked out when compiled, is the interned one") {
  // The key table starts with the known keys in model/key.hpp's order; were the two orders
  // to differ, every accessor would read another field.
  for (size_t i = 0; i < zd::detail::kKnownKeyCount; ++i) {
    const std::string_view name = zd::detail::known_key_name(i);
    CHECK(zd::ParseTree::key_of(name) == i + 1);
    CHECK(zd::ParseTree::key_name(static_cast<zd::KeyId>(i + 1)) == name);
  }
  static_assert(zd::Key("relation").id != zd::Key("relname").id);
  CHECK(zd::Key("AlterTableStmt").id == zd::ParseTree::key_of("AlterTableStmt"));
  CHECK(zd::Key("sqlstmt").id == zd::ParseTree::key_of("sqlstmt"));  // PL/pgSQL's JSON
  CHECK(zd::Key::named("relname").id == zd::Key("relname").id);
  // Read from JSON, the same field answers a literal and a runtime name alike.
  const auto n = root_of(R"({"relname":"users","lineno":3})");
  CHECK(n.str("relname") == "users");
  CHECK(n.integer("lineno") == 3);
  CHECK(n.str(zd::Key::named("relname")) == "users");
}
