// The JSON shapes of docs/json.md, read from its tables, and checks of
// JSON values against them: the CLI's tests (e2e_cli_test.cc) and serve's
// API tests (e2e_serve_test.cc) hold their output to the same page.
#ifndef PLANMINE_TESTS_JSON_SHAPES_H_
#define PLANMINE_TESTS_JSON_SHAPES_H_

#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>

#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine::testing {

// A documented key: its type ("string", "integer", "number", "array",
// "object"), whether it may be null and whether it may be absent.
struct KeySpec {
  std::string type;
  bool nullable = false, optional = false;
};
using Shape = std::map<std::string, KeySpec>;

// The tables of docs/json.md: "### name" headings, then "| `key` | type |".
inline std::map<std::string, Shape> DocumentedShapes() {
  std::map<std::string, Shape> out;
  std::istringstream in(testing::ReadFile(SourceDir() + "/docs/json.md"));
  std::string line, section;
  bool in_commands = false;
  static const std::regex kRow(
      R"(^\| `([a-z_0-9]+)` \| ([a-z]+)(\?)?(, optional)? \|)");
  while (std::getline(in, line)) {
    if (line == "## Commands") in_commands = true;
    if (line.rfind("### ", 0) == 0) section = line.substr(4);
    std::smatch m;
    if (in_commands && !section.empty() && std::regex_search(line, m, kRow))
      out[section][m[1]] = {m[2], m[3].matched, m[4].matched};
  }
  return out;
}

inline bool HasType(const nlohmann::json& v, const KeySpec& k) {
  if (v.is_null()) return k.nullable;
  if (k.type == "string") return v.is_string();
  if (k.type == "integer") return v.is_number_integer();
  if (k.type == "number") return v.is_number();
  if (k.type == "array") return v.is_array();
  if (k.type == "object") return v.is_object();
  return false;
}

inline void CheckObject(const nlohmann::json& row, const Shape& shape,
                        const std::string& where) {
  for (const auto& [key, value] : row.items()) {
    INFO(where << ": key '" << key << "' = " << value.dump());
    auto it = shape.find(key);
    REQUIRE(it != shape.end());  // documented
    CHECK(HasType(value, it->second));
  }
  for (const auto& [key, spec] : shape) {
    INFO(where << ": documented key '" << key << "'");
    if (!spec.optional) CHECK(row.contains(key));
  }
}

inline void CheckRows(const nlohmann::json& rows, const Shape& shape,
                      const std::string& where) {
  REQUIRE(rows.is_array());
  for (const nlohmann::json& row : rows) CheckObject(row, shape, where);
}

}  // namespace planmine::testing

#endif  // PLANMINE_TESTS_JSON_SHAPES_H_
