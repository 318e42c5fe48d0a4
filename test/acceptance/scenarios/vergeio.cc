// The vers_vergeio_* resources against vergeio-local, which answers as the
// real VergeIO does (string "$key" in POST answers, exact field lists,
// backslash-escaped filters, snapshots as vms rows, need_restart on vms, PUT
// 200 [] that ignores what it does not know, no idempotency keys): snapshot,
// settings and metadata on one VM -> re-plan empty -> import -> a metadata
// change moves only its own tag -> names with quotes and braces -> a setting
// that does not take is an error on its attribute -> a lost POST answer
// creates nothing twice -> destroy leaves no snapshot or tag of ours and puts
// the settings back; retries follow retry_attempts and say how many were
// made; bad input gets clear diagnostics.
#include "support/vergeio.h"

#include <catch2/catch.hpp>

#include "support/vergeio_config.h"
#include "support/vergeio_steps.h"

namespace vers::acceptance {
namespace {

void MakeVms(Context& ctx) {
  ctx.vars["vm_key"] = NewVm(ctx, "web-1", 2, 2048, "orig");
  NewVm(ctx, "other");
  ctx.vars["quote_key"] = NewVm(ctx, "o'brien's vm");
  ctx.vars["brace_key"] = NewVm(ctx, "ci{1}");
  NewVm(ctx, "ci");  // what an unescaped 'ci{1}' would find (the grammar eats {1})
}

// Output NAME is the machine of the VM whose key is vars[KEY_VAR].
Check OutputIsMachineOf(std::string what, std::string name, std::string key_var) {
  return That(std::move(what), [=](Context& ctx) {
    auto machine = MachineOf(ctx, ctx.vars[key_var]);
    auto outputs = ctx.workspace.Outputs();
    if (!machine.ok()) return machine.status();
    if (!outputs.ok()) return outputs.status();
    return Same(outputs.value()[name], machine.value());
  });
}

std::vector<Step> ApplyAndImport();

}  // namespace

TEST_CASE("vergeio") {
  std::vector<Step> steps = ApplyAndImport();
  for (auto part : {VergeioChangesAndFaults(), VergeioBadInput()})
    steps.insert(steps.end(), part.begin(), part.end());
  Run("vergeio",
      {.vergeio_local = true,
       .setup = MakeVms,
       .steps = steps,
       .after_destroy = {
           VioIs(
               "no snapshots left",
               [](Context& c) { return Count(c, "/api/v4/machine_snapshots"); }, "0"),
           VioIs(
               "nor their vms rows",
               [](Context& c) {
                 return Count(c, "/api/v4/vms?fields=is_snapshot", "is_snapshot", "true");
               },
               "0"),
           VioIs(
               "no tags of ours left", [](Context& c) { return Count(c, "/api/v4/tags"); }, "0"),
           VioIs(
               "no tag members of ours left",
               [](Context& c) { return Count(c, "/api/v4/tag_members"); }, "0"),
           VioIs(
               "the settings are back",
               [](Context& c) { return VmFields(c, "cpu_cores,ram,description"); },
               "2 2048 orig")}});
}

namespace {

std::vector<Step> ApplyAndImport() {
  return {
      {.name = "apply: snapshots, settings and metadata (creates read string keys)",
       .files = {{"main.tf", VergeioConfig("1")}},
       .checks =
           {That("the VM and machine keys differ (the classic bug would hide here)",
                 [](Context& ctx) {
                   auto machine = MachineOf(ctx, ctx.vars["vm_key"]);
                   if (!machine.ok()) return machine.status();
                   return machine.value() != ctx.vars["vm_key"] ? Status::Ok()
                                                                : Status::Error("they are equal");
                 }),
            OutputIsMachineOf("snapshots are taken of the machine key", "final_machine", "vm_key"),
            VioIs(
                "four snapshots exist",
                [](Context& c) { return Count(c, "/api/v4/machine_snapshots"); }, "4"),
            That("each snapshot is also a vms row named like its VM",
                 [](Context& ctx) {
                   auto rows = Rows(ctx, "/api/v4/vms?fields=name,is_snapshot");
                   if (!rows.ok()) return rows.status();
                   int n = 0;
                   for (FlatMap& r : rows.value())
                     n += r["name"] == "web-1" && r["is_snapshot"] == "true";
                   return Same(std::to_string(n), "2");
                 }),
            VioIs(
                "settings found web-1 by name past its snapshot rows, and applied",
                [](Context& c) { return VmFields(c, "cpu_cores,ram,description"); },
                "4 4096 configured"),
            That("a field list answers exactly the fields named",
                 [](Context& ctx) {
                   auto answer = ctx.vergeio->Call(
                       "GET", "/api/v4/vms/" + ctx.vars["vm_key"] + "?fields=cpu_cores,ram");
                   if (!answer.ok()) return answer.status();
                   auto flat = Flatten(answer.value());
                   if (!flat.ok()) return flat.status();
                   std::string keys;
                   for (const auto& [k, v] : flat.value()) keys += k + " ";
                   return Same(keys, "% cpu_cores ram ");
                 }),
            Output("need_restart", "true"),
            OutputIsMachineOf("a VM named with a quote is found", "quiet_machine", "quote_key"),
            OutputIsMachineOf("a VM named with braces is found, not the one the braces would hide",
                              "braces_machine", "brace_key"),
            Output("quiesced", "true"),
            VioIs(
                "a tag category named with a quote",
                [](Context& c) { return Sorted(c, "/api/v4/tag_categories?fields=name", "name"); },
                "build's-info vers-metadata"),
            VioIs(
                "metadata tags exist and are attached",
                [](Context& c) { return Sorted(c, kTags, "name"); },
                "build=1 owner=ci team=o'brien")},
       // Imported, the resources plan only the destroy-time option (the others plan a create).
       .imports = {{.address = "vers_vergeio_vm_snapshot.base",
                    .id = [](const FlatMap& a) { return a.at("id") + ":web-1"; }},
                   {.address = "vers_vergeio_vm_snapshot.final",
                    .id = [](const FlatMap& a) { return a.at("id") + ":" + a.at("vm"); }},
                   {.address = "vers_vergeio_vm_settings.web",
                    .id = [](const FlatMap&) { return "web-1:cpu_cores,ram,description,advanced"; },
                    // restore_on_destroy is not on the API; `original` is what the VM had
                    // before the provider changed it, seen only by a create (an import takes
                    // the settings it finds as the baseline: vergeio_vm_settings.cc Read).
                    .ignore = {"restore_on_destroy", "original"}},
                   {.address = "vers_vergeio_vm_metadata.build",
                    .id = [](const FlatMap&) { return "web-1:build,owner"; }}},
       .import_plan_empty = false,
       .import_checks =
           {Printed("restore_on_destroy = false -> true"),
            NotPrintedPattern(
                R"(vers_vergeio_vm_snapshot\.(base|final) (must be replaced|will be))")}},
      {.name = "the applied state still plans empty",
       .command = Command::kNone,
       .checks = {PlanEmpty()}},
  };
}

}  // namespace
}  // namespace vers::acceptance
