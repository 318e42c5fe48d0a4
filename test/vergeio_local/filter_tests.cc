// The filter parser and matcher (filter.h), against the vms table.
#include <catch2/catch.hpp>

#include "vergeio_local/filter.h"

using namespace vers::vergeio;

namespace {

const TableSpec& Vms() { return *FindTable(kVms); }

Row Vm(int64_t key, std::string name, int64_t cores) {
  Row r{key, {}};
  r.fields["name"] = Value(std::move(name));
  r.fields["cpu_cores"] = Value(cores);
  return r;
}

std::string ErrorOf(std::string_view text) {
  auto f = ParseFilter(text, Vms());
  REQUIRE_FALSE(f.ok());
  return f.status().message();
}

}  // namespace

TEST_CASE("an empty filter matches every row", "[filter]") {
  for (const char* text : {"", "   "}) {
    auto f = ParseFilter(text, Vms());
    REQUIRE(f.ok());
    CHECK(f.value().conditions.empty());
    CHECK(f.value().Matches(Vm(1, "a", 1)));
  }
}

TEST_CASE("eq and ne on strings, integers and booleans", "[filter]") {
  auto f = ParseFilter("name eq 'web' and cpu_cores ne 3", Vms());
  REQUIRE(f.ok());
  REQUIRE(f.value().conditions.size() == 2);
  CHECK(f.value().conditions[0].field == "name");
  CHECK(f.value().conditions[0].equal);
  CHECK(f.value().conditions[0].literal == Value(std::string("web")));
  CHECK_FALSE(f.value().conditions[1].equal);
  CHECK(f.value().conditions[1].literal == Value(int64_t(3)));
  CHECK(f.value().Matches(Vm(1, "web", 2)));
  CHECK_FALSE(f.value().Matches(Vm(1, "web", 3)));
  CHECK_FALSE(f.value().Matches(Vm(1, "db", 2)));

  auto status = ParseFilter("running eq true and need_restart ne TRUE", *FindTable(kMachineStatus));
  REQUIRE(status.ok());
  CHECK(status.value().conditions[0].literal == Value(true));
  CHECK(status.value().conditions[1].literal == Value(true));
}

TEST_CASE("$key is filterable and negative numbers parse", "[filter]") {
  auto f = ParseFilter("$key eq 7", Vms());
  REQUIRE(f.ok());
  CHECK(f.value().Matches(Vm(7, "a", 1)));
  CHECK_FALSE(f.value().Matches(Vm(8, "a", 1)));
  auto neg = ParseFilter("cpu_cores eq -1", Vms());
  REQUIRE(neg.ok());
  CHECK(neg.value().conditions[0].literal == Value(int64_t(-1)));
}

TEST_CASE("string literals: doubled quotes, spaces, keywords inside", "[filter]") {
  auto f = ParseFilter("name eq 'it''s a vm and ne eq'", Vms());
  REQUIRE(f.ok());
  CHECK(f.value().conditions[0].literal == Value(std::string("it's a vm and ne eq")));
  auto empty = ParseFilter("name eq ''", Vms());
  REQUIRE(empty.ok());
  CHECK(empty.value().conditions[0].literal == Value(std::string()));
  auto spaced = ParseFilter("  name   EQ   'x'   AND   cpu_cores   eq   2  ", Vms());
  REQUIRE(spaced.ok());
  CHECK(spaced.value().conditions.size() == 2);
}

TEST_CASE("malformed filters are errors that name the problem", "[filter]") {
  CHECK(ErrorOf("nosuch eq 1") == "filter: unknown field nosuch");
  CHECK(ErrorOf("name gt 'a'").find("unsupported operator 'gt'") != std::string::npos);
  CHECK(ErrorOf("name eq 'a' or cpu_cores eq 1").find("expected 'and'") != std::string::npos);
  CHECK(ErrorOf("name eq 'open").find("unterminated") != std::string::npos);
  CHECK(ErrorOf("name eq").find("expected a value") != std::string::npos);
  CHECK(ErrorOf("name eq 'a' and").find("expected a field name") != std::string::npos);
  CHECK(ErrorOf("eq 'a'") == "filter: unknown field eq");
  CHECK(ErrorOf("cpu_cores eq 1.5").find("expected a value") != std::string::npos);
  CHECK(ErrorOf("(name eq 'a')").find("expected a field name") != std::string::npos);
}

TEST_CASE("a literal must have its field's type", "[filter]") {
  CHECK(ErrorOf("name eq 5") == "filter: field name is a string, compared with an integer");
  CHECK(ErrorOf("cpu_cores eq '5'") ==
        "filter: field cpu_cores is an integer, compared with a string");
  CHECK(ErrorOf("cpu_cores eq true").find("compared with a boolean") != std::string::npos);
}
