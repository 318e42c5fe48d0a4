#include "datasources/images.h"

#include "plugin/values.h"
#include "resources/context.h"
#include "resources/framework.h"

namespace vers::datasources {

using cty::Type;
using cty::Value;
using schema::Attribute;

namespace {

// One element of `images`.
struct ImageAttrs : schema::AttrSet {
  schema::Attr<std::string> image_name{this, "image_name"};
  schema::Attr<std::string> base_image_id{this, "base_image_id"};
  schema::Attr<std::string> owner_id{this, "owner_id"};
  schema::Attr<bool> is_public{this, "is_public"};
  schema::Attr<std::string> source_type{this, "source_type"};
  schema::Attr<int64_t> size_mib{this, "size_mib"};
  schema::Attr<std::string> description{this, "description"};
  schema::Attr<std::string> created_at{this, "created_at"};
};
const ImageAttrs kImage;

struct ImagesAttrs : schema::AttrSet {
  schema::Attr<std::string> source_type{this, "source_type"};
  schema::Attr<cty::Value> images{this, "images", Type::List(kImage.ObjectType())};
  schema::Attr<schema::StringList> names{this, "names"};
};
const ImagesAttrs kA;

schema::Schema ImagesSchema() {
  schema::Schema s;
  s.block.description =
      "The account's base images (what `vers_vm.image_name` can name besides `default`), oldest "
      "first as the API lists them. Readiness is per image: see `vers_base_image.status`.";
  s.block.attributes = {
      kA.source_type.Declare().Optional().Description(
          "Only images made this way (the API's `source_type`, e.g. `upload`)."),
      kA.images.Declare().Computed().Description(
          "`image_name`, `base_image_id`, `owner_id`, `is_public`, `source_type`, "
          "`size_mib`, `description`, `created_at`."),
      kA.names.Declare().Computed().Description("The images' names."),
  };
  s.attr_sets = {&kA};
  return s;
}

}  // namespace

Images::Images() : WithSchema("vers_images", ImagesSchema()) {}

void Images::Read(const ReadDataRequest& req, StateResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  if (api == nullptr) return;
  auto all = api->ListImages(std::chrono::steady_clock::now() + std::chrono::minutes(5));
  if (!all.ok())
    return resp.diagnostics.AddError("Cannot list base images", all.status().message());
  auto only = values::Get(req.config, kA.source_type);
  Value::Elements images;
  schema::StringList names;
  for (const auto& i : all.value()) {
    if (only && i.source_type != *only) continue;
    images.push_back(values::ObjectBuilder(kImage.ObjectType())
                         .Set(kImage.image_name, i.image_name)
                         .Set(kImage.base_image_id, i.base_image_id)
                         .Set(kImage.owner_id, i.owner_id)
                         .Set(kImage.is_public, i.is_public)
                         .Set(kImage.source_type, i.source_type)
                         .Set(kImage.size_mib, i.size_mib)
                         .SetOrNull(kImage.description, i.description)
                         .Set(kImage.created_at, i.created_at)
                         .Build());
    names.push_back(i.image_name);
  }
  resp.state = values::ObjectBuilder(req.config)
                   .Set(kA.images, Value::List(kImage.ObjectType(), std::move(images)))
                   .Set(kA.names, names)
                   .Build();
}

}  // namespace vers::datasources
