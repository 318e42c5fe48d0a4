#include "plugin/rpc/service.h"

namespace tfplugin::rpc {

ProviderService::ProviderService(std::unique_ptr<Provider> provider, ProviderIdentity identity)
    : server_(std::move(provider), std::move(identity)) {}

bool DecodeAll(
    Diagnostics& diags, const std::string& what, const cty::Type& type,
    std::initializer_list<std::pair<const tfplugin6::DynamicValue*, cty::Value*>> values) {
  for (const auto& [wire_value, out] : values) {
    auto decoded = wire::DecodeDynamic(*wire_value, type);
    if (!decoded.ok()) {
      AddCodecError(diags, what, decoded.status());
      return false;
    }
    *out = std::move(decoded).value();
  }
  return true;
}

bool EncodeIfAnswered(Diagnostics& diags, const std::string& what,
                      const std::optional<cty::Value>& value, const cty::Type& type,
                      tfplugin6::DynamicValue* out) {
  if (!value) return true;
  auto enc = wire::EncodeDynamic(*value, type, out);
  if (!enc.ok()) AddCodecError(diags, what, enc);
  return enc.ok();
}

}  // namespace tfplugin::rpc
