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

TEST_CASE("absent, all, most and empty select every field", "[fields]") {
  for (std::optional<std::string_view> text :
       {std::optional<std::string_view>(), std::optional<std::string_view>("all"),
        std::optional<std::string_view>("most"), std::optional<std::string_view>("")}) {
    auto f = ParseFields(text, Vms());
    REQUIRE(f.ok());
    CHECK(f.value().all);
  }
  CHECK(RowJson(Vms(), SampleVm(), FieldSelection{}) ==
        R"({"$key":3,"name":"web","machine":100,"description":"","cpu_cores":1,"ram":1024,)"
        R"("cpu_type":"qemu64","advanced":"","created":0})");
}

TEST_CASE("named fields come in request order, always with $key first", "[fields]") {
  auto f = ParseFields("machine, name,machine,$key", Vms());
  REQUIRE(f.ok());
  CHECK_FALSE(f.value().all);
  CHECK(f.value().names == std::vector<std::string>{"machine", "name", "$key"});
  CHECK(RowJson(Vms(), SampleVm(), f.value()) == R"({"$key":3,"machine":100,"name":"web"})");
  auto key_only = ParseFields("$key", Vms());
  REQUIRE(key_only.ok());
  CHECK(RowJson(Vms(), SampleVm(), key_only.value()) == R"({"$key":3})");
}

TEST_CASE("unknown or empty field names are errors", "[fields]") {
  auto f = ParseFields("name,nosuch", Vms());
  REQUIRE_FALSE(f.ok());
  CHECK(f.status().message() == "fields: unknown field nosuch");
  CHECK_FALSE(ParseFields("name,,ram", Vms()).ok());
}

TEST_CASE("list queries combine fields, filter and limit", "[query]") {
  auto q = ParseListQuery(Vms(), "name", "name eq 'web'", "2");
  REQUIRE(q.ok());
  CHECK(q.value().limit == 2);
  CHECK(q.value().filter.conditions.size() == 1);
  CHECK(RowsJson(Vms(), {SampleVm(), SampleVm()}, q.value().fields) ==
        R"([{"$key":3,"name":"web"},{"$key":3,"name":"web"}])");
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
