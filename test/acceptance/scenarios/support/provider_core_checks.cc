#include "support/provider_core_checks.h"

#include <chrono>
#include <set>
#include <thread>

namespace vers::acceptance {
namespace {

// The attribute names of a flattened "attributes" object.
std::set<std::string> Names(const FlatMap& attributes) {
  std::set<std::string> names;
  for (const auto& [key, value] : attributes)
    if (key != "%") names.insert(key.substr(0, key.find('.')));
  return names;
}

Status Expect(bool condition, const std::string& what) {
  return condition ? Status::Ok() : Status::Error(what);
}

Status CheckSchema(const FlatMap& schema) {
  FlatMap p = Under(schema, "provider.block.attributes");
  std::set<std::string> expected = {"api_key",
                                    "base_url",
                                    "vm_domain",
                                    "ssh_tls_port",
                                    "ca_cert_file",
                                    "insecure",
                                    "store_ssh_private_key"};
  std::string names;
  for (const auto& n : Names(p)) names += n + " ";
  if (Names(p) != expected) return Status::Error("provider settings are " + names);
  if (p["api_key.sensitive"] != "true" || p["api_key.optional"] != "true")
    return Status::Error("api_key is not sensitive and optional");
  if (p["base_url.type"] != "string" || p["insecure.type"] != "bool")
    return Status::Error("base_url or insecure has the wrong type");
  for (const auto& n : expected)
    if (p[n + ".description_kind"] != "markdown" || p[n + ".description"].empty())
      return Status::Error(n + " lacks a markdown description");
  FlatMap d = Under(schema, "data_source_schemas.vers_endpoint.block.attributes");
  if (d["ssh_port.type"] != "number" || d["ssh_port.computed"] != "true")
    return Status::Error("vers_endpoint.ssh_port is not a computed number");
  for (const auto& n : Names(d))
    if (d[n + ".computed"] != "true" || d[n + ".optional"] == "true")
      return Status::Error("vers_endpoint." + n + " is not computed only");
  return Status::Ok();
}

}  // namespace

Check TracePlan(std::string secret) {
  return That("a trace-logged plan", [=](Context& ctx) {
    for (int run = 0; run < 5; ++run) {
      ctx.last = ctx.workspace.Run({"plan"}, {{"VERS_API_KEY", secret}, {"TF_LOG", "trace"}});
      const std::string& log = ctx.last.output;
      if (log.find("provider configured:") != std::string::npos &&
          log.find("plugin serving:") != std::string::npos)
        break;
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    return Status::Ok();  // what the log holds is for the checks that follow
  });
}

Check SchemaMatchesContract() {
  return That("schema JSON matches the provider's contract", [](Context& ctx) {
    Finished shown = ctx.workspace.Run({"providers", "schema", "-json"});
    // registry.opentofu.org or registry.terraform.io, as the CLI names it.
    for (const char* host : {"registry.opentofu.org", "registry.terraform.io"}) {
      auto schema = Flatten(shown.output, std::string("/provider_schemas/") + host + "~1hdr~1vers");
      if (schema.ok()) return CheckSchema(schema.value());
    }
    return Status::Error("no hdr/vers schema in:\n" + shown.output.substr(0, 2000));
  });
}

Check OneDiagnosticOnBaseUrl() {
  return That("one error, on base_url, saying https or loopback", [](Context& ctx) {
    const std::string& json = ctx.last.output;
    auto valid = Field(json, "/valid");
    if (!valid.ok()) return valid.status();
    if (Status s = Expect(valid.value() == "false", "valid is " + valid.value()); !s.ok()) return s;
    auto diagnostics = FlattenRows(json, "/diagnostics");
    if (!diagnostics.ok()) return diagnostics.status();
    std::vector<FlatMap> errors;
    for (const auto& d : diagnostics.value())
      if (d.at("severity") == "error") errors.push_back(d);
    if (errors.size() != 1 || errors[0]["summary"] != "Invalid base_url")
      return Status::Error("the errors are not one \"Invalid base_url\":\n" + json);
    std::string code = SquashSpace(errors[0]["snippet.code"]);
    if (!code.starts_with("base_url") && !code.starts_with(" base_url"))
      return Status::Error("the snippet is " + code);
    const std::string& detail = errors[0]["detail"];
    return Expect(
        detail.find("https") != std::string::npos && detail.find("loopback") != std::string::npos,
        "the detail is " + detail);
  });
}

Check RunByHandExplains() {
  return That("run by hand exits 1 and explains dev_overrides", [](Context& ctx) {
    ctx.last = ctx.workspace.RunProgram({RequiredEnv("VERS_PROVIDER")});
    if (ctx.last.exit_code != 1)
      return Status::Error("exit " + std::to_string(ctx.last.exit_code) + ": " + ctx.last.output);
    return Expect(ContainsText(ctx.last.output, "dev_overrides"), ctx.last.output);
  });
}

}  // namespace vers::acceptance
