// The provider's names for the plugin framework (src/plugin, namespace
// tfplugin). The framework is a library that knows no provider; the vers
// provider's code was written inside namespace vers against these names
// (schema::Attribute, cty::Value, Resource, Diagnostics, ...), so this one
// header makes them visible there instead of qualifying every use. Every file
// that uses these names includes it, so that a reader (and clangd, clang-tidy)
// sees where they come from.
#pragma once

#include "plugin/provider.h"
#include "plugin/values.h"
#include "plugin/with_schema.h"

namespace vers {

namespace cty = ::tfplugin::cty;
namespace schema = ::tfplugin::schema;
namespace values = ::tfplugin::values;

// The contracts a provider implements and the values they exchange.
using ::tfplugin::AttributePath;
using ::tfplugin::ConfigureRequest;
using ::tfplugin::ConfigureResponse;
using ::tfplugin::CreateRequest;
using ::tfplugin::DataSource;
using ::tfplugin::DeleteRequest;
using ::tfplugin::DeleteResponse;
using ::tfplugin::Diagnostic;
using ::tfplugin::Diagnostics;
using ::tfplugin::EphemeralResource;
using ::tfplugin::ImportById;
using ::tfplugin::ImportRequest;
using ::tfplugin::ImportResponse;
using ::tfplugin::ModifyPlanRequest;
using ::tfplugin::ModifyPlanResponse;
using ::tfplugin::OpenEphemeralRequest;
using ::tfplugin::OpenEphemeralResponse;
using ::tfplugin::Provider;
using ::tfplugin::ProviderContext;
using ::tfplugin::ReadDataRequest;
using ::tfplugin::ReadRequest;
using ::tfplugin::ReadResponse;
using ::tfplugin::Resource;
using ::tfplugin::StateResponse;
using ::tfplugin::UpdateRequest;
using ::tfplugin::UpgradeStateRequest;
using ::tfplugin::UpgradeStateResponse;
using ::tfplugin::ValidateRequest;
using ::tfplugin::ValidateResponse;
using ::tfplugin::WithSchema;

}  // namespace vers
