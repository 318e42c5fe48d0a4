#include "datasources/images.h"

#include "plugin/values.h"
#include "resources/context.h"

namespace vers::datasources {

using cty::Type;
using cty::Value;
using schema::Attribute;

namespace {

Type ImageObjectType() {
  return Type::Object({{"image_name", Type::String()},
                       {"base_image_id", Type::String()},
                       {"owner_id", Type::String()},
                       {"is_public", Type::Bool()},
                       {"source_type", Type::String()},
                       {"size_mib", Type::Number()},
                       {"description", Type::String()},
                       {"created_at", Type::String()}});
}

}  // namespace

Images::Images() {
  schema_.block.description =
      "The account's base images (what `vers_vm.image_name` can name besides `default`), oldest "
      "first as the API lists them. Readiness is per image: see `vers_base_image.status`.";
  schema_.block.attributes = {
      Attribute::String("source_type")
          .Optional()
          .Description("Only images made this way (the API's `source_type`, e.g. `upload`)."),
      Attribute::List("images", ImageObjectType())
          .Computed()
          .Description("`image_name`, `base_image_id`, `owner_id`, `is_public`, `source_type`, "
                       "`size_mib`, `description`, `created_at`."),
      Attribute::List("names", Type::String()).Computed().Description("The images' names."),
  };
}

void Images::Read(const ReadDataRequest& req, StateResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  if (api == nullptr) return;
  auto all = api->ListImages(std::chrono::steady_clock::now() + std::chrono::minutes(5));
  if (!all.ok())
    return resp.diagnostics.AddError("Cannot list base images", all.status().message());
  auto only = values::String(req.config, "source_type");
  Value::Elements images, names;
  for (const auto& i : all.value()) {
    if (only && i.source_type != *only) continue;
    images.push_back(Value::ObjectOfType(ImageObjectType(),
                                         {{"image_name", Value::String(i.image_name)},
                                          {"base_image_id", Value::String(i.base_image_id)},
                                          {"owner_id", Value::String(i.owner_id)},
                                          {"is_public", Value::Bool(i.is_public)},
                                          {"source_type", Value::String(i.source_type)},
                                          {"size_mib", Value::Int(i.size_mib)},
                                          {"description", values::StringOrNull(i.description)},
                                          {"created_at", Value::String(i.created_at)}}));
    names.push_back(Value::String(i.image_name));
  }
  resp.state = values::ObjectBuilder(req.config)
                   .Set("images", Value::List(ImageObjectType(), std::move(images)))
                   .Set("names", Value::List(Type::String(), std::move(names)))
                   .Build();
}

}  // namespace vers::datasources
