#include "resources/vm_sizes.h"

#include "plugin/schema/plan_modifiers.h"
#include "plugin/schema/validators.h"
#include "resources/framework.h"

namespace vers::resources {

const VmSizeAttrs kVmSize;

namespace {

using cty::Value;
namespace validators = schema::validators;

constexpr int64_t kDefaultVcpus = 1;
constexpr int64_t kDefaultMemMib = 2048;
constexpr int64_t kDefaultFsMib = 4096;

constexpr const char* kUnlessImported =
    "unless the VM was imported without sizes: the first plan then records the configured value "
    "in place";

// A VM imported by id alone has its sizes null in state: plan the
// configured value (an in-place update that calls no API) and leave an
// unset size null rather than inventing the default. Runs before the
// replace rule, which only replaces a VM whose size was known.
schema::PlanModifier SizeFromConfigAfterImport() {
  return {
      "After an import without sizes (the API does not report them) the configured value is "
      "recorded without replacing the VM.",
      [](const schema::PlanModifierRequest& req, schema::PlanModifierResponse& resp) {
        if (req.creating || req.destroying || !req.state.is_null()) return;
        resp.plan = req.config;
      }};
}

// Replaces the VM when a known size changes and `when` holds.
schema::PlanModifier ReplaceWhenKnownSizeChanges(
    std::string description, std::function<bool(const Value&, const Value&)> when) {
  return schema::plan::RequiresReplaceIf(
      std::move(description), [when = std::move(when)](const Value& state, const Value& planned) {
        return !state.is_null() && when(state, planned);
      });
}

bool Always(const Value&, const Value&) { return true; }

}  // namespace

std::vector<schema::Attribute> VmSizeAttributes() {
  std::vector<schema::Attribute> sizes;
  sizes.push_back(kVmSize.vcpu_count.Declare()
                      .Default(Value::Int(kDefaultVcpus))
                      .Description("Number of vCPUs.")
                      .Validate(validators::IntBetween(1, 64))
                      .Modify(SizeFromConfigAfterImport())
                      .Modify(ReplaceWhenKnownSizeChanges(kUnlessImported, Always)));
  sizes.push_back(kVmSize.mem_size_mib.Declare()
                      .Default(Value::Int(kDefaultMemMib))
                      .Description("Memory in MiB.")
                      .Validate(validators::IntBetween(128, 1048576))
                      .Modify(SizeFromConfigAfterImport())
                      .Modify(ReplaceWhenKnownSizeChanges(kUnlessImported, Always)));
  sizes.push_back(
      kVmSize.fs_size_mib.Declare()
          .Default(Value::Int(kDefaultFsMib))
          .Description("Disk size in MiB. Growing it resizes the disk in place.")
          .Validate(validators::IntBetween(512, 16777216))
          .Modify(SizeFromConfigAfterImport())
          .Modify(ReplaceWhenKnownSizeChanges(
              "when it shrinks (disks only grow in place), " + std::string(kUnlessImported),
              [](const Value& state, const Value& planned) {
                return planned.is_known() && !planned.is_null() &&
                       planned.AsNumber() < state.AsNumber();
              })));
  return sizes;
}

const VmImageAttrs kVmImage;

std::vector<schema::Attribute> VmImageAttributes() {
  constexpr const char* kUnlessImportedImage =
      "unless the VM was imported without it: the first plan then records the configured value in "
      "place";
  std::vector<schema::Attribute> out;
  out.push_back(
      kVmImage.image_name.Declare()
          .Default(Value::String("default"))
          .Description("The filesystem base image the VM boots from: `default` (Vers's own) or "
                       "the `image_name` of a ready `vers_base_image`. Changing it replaces the "
                       "VM. The API does not report it back; import `<id>:image_name=NAME` to "
                       "record it.")
          .Validate(validators::LengthBetween(1, 128))
          .Modify(SizeFromConfigAfterImport())
          .Modify(ReplaceWhenKnownSizeChanges(kUnlessImportedImage, Always)));
  out.push_back(kVmImage.kernel_name.Declare()
                    .Default(Value::String("default.bin"))
                    .Description("The kernel the VM boots (the API currently accepts only "
                                 "`default.bin`). Changing it replaces the VM.")
                    .Validate(validators::LengthBetween(1, 128))
                    .Modify(SizeFromConfigAfterImport())
                    .Modify(ReplaceWhenKnownSizeChanges(kUnlessImportedImage, Always)));
  return out;
}

Status SetImportedSizes(const std::string& sizes, values::ObjectBuilder& out) {
  size_t start = 0;
  while (start <= sizes.size()) {
    size_t comma = sizes.find(',', start);
    std::string item =
        sizes.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    size_t eq = item.find('=');
    std::string key = item.substr(0, eq);
    const schema::Attr<std::string>* name = nullptr;
    for (const auto* a : {&kVmImage.image_name, &kVmImage.kernel_name})
      if (key == a->name()) name = a;
    if (eq != std::string::npos && name != nullptr) {
      std::string value = item.substr(eq + 1);
      if (value.empty()) return Status::Error("the item \"" + item + "\" has no value");
      out.Set(*name, value);
      if (comma == std::string::npos) break;
      start = comma + 1;
      continue;
    }
    int64_t n = 0;
    const schema::Attr<int64_t>* size = nullptr;
    for (const auto* a : {&kVmSize.vcpu_count, &kVmSize.mem_size_mib, &kVmSize.fs_size_mib})
      if (key == a->name()) size = a;
    bool ok = eq != std::string::npos && size != nullptr;
    try {
      if (ok) n = std::stoll(item.substr(eq + 1));
    } catch (const std::exception&) {
      ok = false;
    }
    if (!ok || n <= 0) return Status::Error("the item \"" + item + "\" is not understood");
    out.Set(*size, n);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return Status::Ok();
}

}  // namespace vers::resources
