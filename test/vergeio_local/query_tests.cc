// Field selection, limits and row JSON (query.h, row.h).
#include <catch2/catch.hpp>

#include "vergeio_local/query.h"

using namespace vers::vergeio;

namespace {

const TableSpec& Vms() { return *FindTable(kVms); }

Row SampleVm() {
  Row r{3, {}};
  r.fields["name"] = Value(std::string("web"));
  ApplyDefaults(Vms(), r.fields);
  r.fields["machine"] = Value(int64_t(100));
  return r;
}

}  // namespace

// fields=all/most: every field (verge-io/docs api-guide.md).
TEST_CASE("all and most select every field, $key first", "[fields]") {
  for (const char* text : {"all", "most", " most "}) {
    auto f = ParseFields(text, Vms());
    REQUIRE(f.ok());
    CHECK(f.value().mode == FieldSelection::Mode::kAll);
    CHECK(RowJson(Vms(), SampleVm(), f.value()) ==
          R"({"$key":3,"name":"web","machine":100,"description":"","cpu_cores":1,"ram":1024,)"
          R"("cpu_type":"qemu64","advanced":"","is_snapshot":false,"need_restart":false,)"
          R"("created":0})");
  }
}

// The real default is undocumented; vergeio-local's is deliberately small so
// that a client which forgets `fields` is caught.
TEST_CASE("no fields: $key and the summary fields only", "[fields]") {
  for (std::optional<std::string_view> text :
       {std::optional<std::string_view>(), std::optional<std::string_view>("")}) {
    auto f = ParseFields(text, Vms());
    REQUIRE(f.ok());
    CHECK(f.value().mode == FieldSelection::Mode::kDefault);
    CHECK(RowJson(Vms(), SampleVm(), f.value()) == R"({"$key":3,"name":"web"})");
  }
}

// Measured on VergeOS 26.1.8 (verge-io/ansible-collection-vergeos
// docs/DEFECTS-D1-D6.md): `vms?fields=name,description,cpu_cores,ram` reads
// back [{"name": ..., "description": ..., "cpu_cores": 1, "ram": 512}] --
// no "$key" unless it is named.
TEST_CASE("a field list returns exactly those fields, in that order", "[fields]") {
  auto f = ParseFields("machine, name,machine", Vms());
  REQUIRE(f.ok());
  CHECK(f.value().mode == FieldSelection::Mode::kNamed);
  CHECK(f.value().names == std::vector<std::string>{"machine", "name"});
  CHECK(RowJson(Vms(), SampleVm(), f.value()) == R"({"machine":100,"name":"web"})");
  auto key_only = ParseFields("$key", Vms());
  REQUIRE(key_only.ok());
  CHECK(RowJson(Vms(), SampleVm(), key_only.value()) == R"({"$key":3})");
  auto with_key = ParseFields("name,$key", Vms());
  REQUIRE(with_key.ok());
  CHECK(RowJson(Vms(), SampleVm(), with_key.value()) == R"({"name":"web","$key":3})");
}

TEST_CASE("a field the table does not have reads as empty; an empty name is an error", "[fields]") {
  auto f = ParseFields("name,nosuch", Vms());
  REQUIRE(f.ok());
  CHECK(RowJson(Vms(), SampleVm(), f.value()) == R"({"name":"web","nosuch":""})");
  auto hidden = ParseFields("advanced", Vms().Without({"advanced"}));
  REQUIRE(hidden.ok());
  CHECK(RowJson(Vms().Without({"advanced"}), SampleVm(), hidden.value()) == R"({"advanced":""})");
  CHECK_FALSE(ParseFields("name,,ram", Vms()).ok());
}

TEST_CASE("list queries combine fields, filter and limit", "[query]") {
  auto q = ParseListQuery(Vms(), "$key,name", "name eq 'web'", "2");
  REQUIRE(q.ok());
  CHECK(q.value().limit == 2);
  CHECK(q.value().filter.conditions.size() == 1);
  CHECK(RowsJson(Vms(), {SampleVm(), SampleVm()}, q.value().fields) ==
        R"([{"$key":3,"name":"web"},{"$key":3,"name":"web"}])");
  // limit=0 means unlimited (verge-io/docs api-guide.md).
  auto zero = ParseListQuery(Vms(), std::nullopt, std::nullopt, "0");
  REQUIRE(zero.ok());
  CHECK_FALSE(zero.value().limit.has_value());
  CHECK(RowsJson(Vms(), {}, q.value().fields) == "[]");
  auto none = ParseListQuery(Vms(), std::nullopt, std::nullopt, std::nullopt);
  REQUIRE(none.ok());
  CHECK_FALSE(none.value().limit.has_value());
  for (const char* bad : {"-1", "x", "2x", ""}) {
    auto r = ParseListQuery(Vms(), std::nullopt, std::nullopt, bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message() == "limit must be a non-negative integer");
  }
  CHECK_FALSE(ParseListQuery(Vms(), std::nullopt, "bad filter", std::nullopt).ok());
}
