#include "support/vergeio.h"

#include <algorithm>
#include <catch2/catch.hpp>

namespace vers::acceptance {

std::string Vio(Context& ctx, const std::string& method, const std::string& path,
                const std::string& body) {
  auto answer = ctx.vergeio->Call(method, path, body);
  if (!answer.ok()) FAIL(answer.status().message());
  return answer.value();
}

std::string NewVm(Context& ctx, const std::string& name, int cpu_cores, int ram,
                  const std::string& description) {
  std::string body = "{\"name\":" + Quote(name) + ",\"cpu_cores\":" + std::to_string(cpu_cores) +
                     ",\"ram\":" + std::to_string(ram) + ",\"description\":" + Quote(description) +
                     "}";
  auto key = Field(Vio(ctx, "POST", "/api/v4/vms", body), "/$key");
  if (!key.ok()) FAIL(key.status().message());
  return key.value();
}

Result<std::string> MachineOf(Context& ctx, const std::string& vm_key) {
  auto answer = ctx.vergeio->Call("GET", "/api/v4/vms/" + vm_key + "?fields=machine");
  if (!answer.ok()) return answer.status();
  return Field(answer.value(), "/machine");
}

Result<std::vector<FlatMap>> Rows(Context& ctx, const std::string& path) {
  auto answer = ctx.vergeio->Call("GET", path);
  if (!answer.ok()) return answer.status();
  return FlattenRows(answer.value());
}

Result<std::string> Sorted(Context& ctx, const std::string& path, const std::string& field) {
  auto rows = Rows(ctx, path);
  if (!rows.ok()) return rows.status();
  std::vector<std::string> values;
  for (FlatMap& row : rows.value()) values.push_back(row[field]);
  std::sort(values.begin(), values.end());
  std::string joined;
  for (const auto& v : values) joined += (joined.empty() ? "" : " ") + v;
  return joined;
}

Result<std::string> Count(Context& ctx, const std::string& path, const std::string& field,
                          const std::string& value) {
  auto rows = Rows(ctx, path);
  if (!rows.ok()) return rows.status();
  size_t n = 0;
  for (FlatMap& row : rows.value()) n += field.empty() || row[field] == value;
  return std::to_string(n);
}

Check VioIs(std::string what, std::function<Result<std::string>(Context&)> query,
            std::string expected) {
  return That(std::move(what), [=](Context& ctx) {
    auto got = query(ctx);
    return got.ok() ? Same(got.value(), ctx.Expand(expected)) : got.status();
  });
}

Result<std::string> VmFields(Context& ctx, const std::string& fields) {
  auto answer = ctx.vergeio->Call("GET", "/api/v4/vms/" + ctx.vars["vm_key"] + "?fields=" + fields);
  if (!answer.ok()) return answer.status();
  auto flat = Flatten(answer.value());
  if (!flat.ok()) return flat.status();
  std::string joined;  // the values in the order asked
  for (size_t start = 0; start <= fields.size();) {
    size_t comma = std::min(fields.find(',', start), fields.size());
    joined += (joined.empty() ? "" : " ") + flat.value()[fields.substr(start, comma - start)];
    start = comma + 1;
  }
  return joined;
}

// The "$key" of the row of GET PATH whose FIELD is VALUE.
std::string KeyWhere(Context& ctx, const std::string& path, const std::string& field,
                     const std::string& value) {
  auto rows = Rows(ctx, path);
  REQUIRE(rows.ok());
  for (FlatMap& row : rows.value())
    if (row[field] == value) return row["$key"];
  FAIL("no row of " + path + " has " + field + " = " + value);
  return "";
}

void Faults(Context& ctx, const std::string& faults) { Vio(ctx, "POST", "/_admin/faults", faults); }

}  // namespace vers::acceptance
