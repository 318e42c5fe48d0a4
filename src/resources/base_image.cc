// vers_base_image. The spec (orchestrator.openapi.json, tag "images") is the
// only source for these operations; see VersClient's base image calls for
// what it leaves open and how the provider reads it.
#include "resources/base_image.h"

#include <fstream>
#include <thread>

#include "plugin/schema/plan_modifiers.h"
#include "plugin/schema/timeouts.h"
#include "plugin/schema/validators.h"
#include "resources/framework.h"
#include "resources/vm_common.h"

namespace vers::resources {

using cty::Value;
using schema::Attribute;
namespace plan = schema::plan;

namespace {

struct Attrs : schema::AttrSet {
  schema::Attr<std::string> image_name{this, "image_name"};
  schema::Attr<std::string> archive_path{this, "archive_path"};
  schema::Attr<std::string> docker_image{this, "docker_image"};
  schema::Attr<std::string> s3_bucket{this, "s3_bucket"};
  schema::Attr<std::string> s3_key{this, "s3_key"};
  schema::Attr<int64_t> size_mib{this, "size_mib"};
  schema::Attr<std::string> description{this, "description"};
  schema::Attr<schema::StringMap> triggers{this, "triggers"};
  schema::Attr<std::string> id{this, "id"};
  schema::Attr<std::string> base_image_id{this, "base_image_id"};
  schema::Attr<std::string> status{this, "status"};
  schema::Attr<std::string> source_type{this, "source_type"};
  schema::Attr<std::string> created_at{this, "created_at"};
};
const Attrs kA;

const std::vector<schema::AttrRef>& Sources() {
  static const std::vector<schema::AttrRef> sources = {kA.archive_path, kA.docker_image,
                                                       kA.s3_bucket};
  return sources;
}

// The inputs: a change replaces the image (BaseImage::ModifyPlan).
const std::vector<schema::AttrRef>& Inputs() {
  static const std::vector<schema::AttrRef> inputs = {
      kA.archive_path, kA.docker_image, kA.s3_bucket, kA.s3_key,
      kA.size_mib,     kA.description,  kA.triggers};
  return inputs;
}

schema::Validator ImageNameValidator() {
  return {
      "1-128 characters, no `/`, spaces or control characters (it is a path segment of "
      "`/images/{image_name}/status`); not `default`, the image every VM has.",
      [](const Value& v, const AttributePath& path, Diagnostics& diags) {
        const std::string& name = v.AsString();
        bool ok = !name.empty() && name.size() <= 128 && name != "default";
        for (unsigned char c : name) ok = ok && c > 0x20 && c != 0x7f && c != '/';
        if (!ok)
          diags.AddError("Invalid image name",
                         path.ToString() + " is \"" + name +
                             "\"; use 1-128 characters without '/', spaces or control "
                             "characters, other than \"default\".",
                         path);
      }};
}

// Why the archive at `path` cannot be uploaded, or "" when it can.
std::string ArchiveProblem(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return "cannot be opened (is the path right, and readable by the provider?)";
  char c;
  if (!f.get(c)) return "is empty or unreadable";
  return "";
}

Status FillImage(client::VersClient& api, const std::string& name, values::ObjectBuilder& out,
                 client::Deadline d) {
  auto st = api.GetImageStatus(name, d);
  if (!st.ok()) return st.status();
  out.Set(kA.id, name).Set(kA.image_name, name).Set(kA.status, st.value().status);
  auto info = api.FindImage(name, d);
  if (info.status().is_not_found()) return Status::Ok();  // listed once ready, perhaps
  if (!info.ok()) return info.status();
  out.Set(kA.base_image_id, info.value().base_image_id);
  out.Set(kA.source_type, info.value().source_type);
  out.Set(kA.created_at, info.value().created_at);
  return Status::Ok();
}

// Polls the image's status until it is ready, failed, the deadline or a stop.
Status WaitReady(client::VersClient& api, const ProviderContext& ctx, const std::string& name,
                 client::Deadline deadline) {
  auto delay = std::chrono::milliseconds(200);
  std::string last;
  while (true) {
    auto st = api.GetImageStatus(name, deadline);
    if (!st.ok()) return st.status();
    last = st.value().status;
    if (client::ImageStatusIsReady(last)) return Status::Ok();
    if (client::ImageStatusIsFailed(last)) {
      return Status::Error("the API reports the image " + last + ": " +
                           st.value().error_message.value_or("(it gave no reason)"));
    }
    if (ctx.stopped()) return Status::Cancelled("cancelled while waiting for image " + name);
    if (std::chrono::steady_clock::now() + delay >= deadline)
      return Status::Timeout("image " + name + " was still \"" + last +
                             "\" when the create timeout ran out");
    std::this_thread::sleep_for(delay);
    delay = std::min(delay * 2, std::chrono::milliseconds(3000));
  }
}

schema::Schema BaseImageSchema() {
  schema::Schema s;
  auto keep = plan::UseStateForUnknown;
  s.block.description =
      "A filesystem base image, which `vers_vm.image_name` boots from: uploaded from a local root "
      "filesystem archive (`archive_path`, a tar, optionally compressed), or made by the API from "
      "a Docker image (`docker_image`) or an S3 object (`s3_bucket`, `s3_key`). The create waits "
      "until the image is ready; a failed image fails the apply with the API's reason and is "
      "replaced by the next one. Any input change replaces the image; to replace it when the "
      "archive's content changes, put `filesha256(path)` in `triggers`.";
  s.block.attributes = {
      kA.image_name.Declare()
          .Required()
          .Description("The image's name, unique in the account.")
          .Validate(ImageNameValidator())
          .Modify(plan::RequiresReplace()),
      kA.archive_path.Declare()
          .Optional()
          .Description("A local root filesystem archive to upload (`POST /images/upload`).")
          .Validate(schema::validators::LengthBetween(1, 4096)),
      kA.docker_image.Declare()
          .Optional()
          .Description(
              "A Docker image reference for the API to build from (`POST /images/create`).")
          .Validate(schema::validators::LengthBetween(1, 4096)),
      kA.s3_bucket.Declare().Optional().Description("With `s3_key`: an S3 object to "
                                                    "build from."),
      kA.s3_key.Declare().Optional().Description("The object's key in `s3_bucket`."),
      kA.size_mib.Declare()
          .Optional()
          .Description("Upload: the image size in MiB (512-32768; the API's default 512). "
                       "Docker or S3: capacity beyond the filesystem's size (the API's default "
                       "256).")
          .Validate(schema::validators::IntBetween(0, 32768)),
      kA.description.Declare().Optional().Description(
          "What the image holds (Docker or S3 only: the upload takes none)."),
      kA.triggers.Declare().Optional().Description(
          "Arbitrary values whose change replaces the image, e.g. "
          "`{ archive = filesha256(\"rootfs.tar\") }`."),
      kA.id.Declare().Computed().Description("Same as `image_name`.").Modify(keep()),
      kA.base_image_id.Declare().Computed().Description("The API's id.").Modify(keep()),
      kA.status.Declare().Computed().Description("The image's status as the API last "
                                                 "reported it."),
      kA.source_type.Declare()
          .Computed()
          .Description("How it was made, as the API "
                       "reports it.")
          .Modify(keep()),
      kA.created_at.Declare().Computed().Description("When it was created.").Modify(keep()),
  };
  s.attr_sets = {&kA};
  s.block.blocks = {schema::TimeoutsBlock({"create", "read", "delete"})};
  return s;
}

}  // namespace

BaseImage::BaseImage() : WithSchema("vers_base_image", BaseImageSchema()) {}

void BaseImage::ModifyPlan(const ModifyPlanRequest& req, ModifyPlanResponse& resp) const {
  if (req.state.is_null() || resp.plan.is_null()) return;
  // An imported image has no source in state (the API does not report it):
  // the first plan records the configured inputs in place instead.
  bool imported = true;
  for (const auto& s : Sources()) imported = imported && req.state.GetAttr(s.name).is_null();
  if (imported) return;
  for (const auto& input : Inputs()) {
    if (!(resp.plan.GetAttr(input.name) == req.state.GetAttr(input.name)))
      resp.requires_replace.push_back(AttributePath::Root(input.name));
  }
}

void BaseImage::ValidateConfig(const ValidateRequest& req, ValidateResponse& resp) const {
  const Value& c = req.config;
  int sources = 0;
  for (const auto& s : Sources())
    sources += !c.GetAttr(s.name).is_null() || !c.GetAttr(s.name).is_known() ? 1 : 0;
  if (sources != 1)
    resp.diagnostics.AddError("Exactly one source",
                              "Set exactly one of archive_path (a local root filesystem archive), "
                              "docker_image, or s3_bucket with s3_key.",
                              kA.archive_path.path());
  if (values::IsSet(c, kA.s3_bucket) != values::IsSet(c, kA.s3_key))
    resp.diagnostics.AddError(
        "Incomplete S3 source", "s3_bucket and s3_key go together.",
        values::IsSet(c, kA.s3_bucket) ? kA.s3_key.path() : kA.s3_bucket.path());
  if (values::IsSet(c, kA.archive_path) && values::IsSet(c, kA.description))
    resp.diagnostics.AddError("Description not uploaded",
                              "An upload takes no description (POST /images/upload has none): "
                              "remove description.",
                              kA.description.path());
  Value size = values::Raw(c, kA.size_mib);
  if (values::IsSet(c, kA.archive_path) && size.is_known() && !size.is_null()) {
    auto n = values::Get(c, kA.size_mib);
    if (n && (*n < 512 || *n > 32768))
      resp.diagnostics.AddError(
          "Invalid size_mib",
          "size_mib of an upload is the image size: 512-32768 MiB, got " + std::to_string(*n) + ".",
          kA.size_mib.path());
  }
  Value path = values::Raw(c, kA.archive_path);
  if (path.is_known() && !path.is_null()) {
    std::string problem = ArchiveProblem(path.AsString());
    if (!problem.empty())
      resp.diagnostics.AddError("Unreadable archive",
                                "archive_path \"" + path.AsString() + "\" " + problem,
                                kA.archive_path.path());
  }
}

void BaseImage::Create(const CreateRequest& req, StateResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  auto name = values::Get(req.plan, kA.image_name);
  if (api == nullptr || !name) return;
  auto d = DeadlineFor(req.plan, "create", std::chrono::minutes(30));
  Result<std::string> started = Status::Ok();
  if (auto path = values::Get(req.plan, kA.archive_path)) {
    if (std::string problem = ArchiveProblem(*path); !problem.empty())
      return resp.diagnostics.AddError("Unreadable archive",
                                       "archive_path \"" + *path + "\" " + problem,
                                       kA.archive_path.path());
    started = api->UploadImage(*name, values::Get(req.plan, kA.size_mib), *path, d);
  } else {
    client::ImageSource source;
    source.type = values::Get(req.plan, kA.docker_image) ? "docker" : "s3";
    source.image_ref = values::Get(req.plan, kA.docker_image).value_or("");
    source.bucket = values::Get(req.plan, kA.s3_bucket).value_or("");
    source.key = values::Get(req.plan, kA.s3_key).value_or("");
    started = api->CreateImage(*name, values::Get(req.plan, kA.description), source,
                               values::Get(req.plan, kA.size_mib), d);
  }
  if (!started.ok())
    return AddApiError(resp.diagnostics, "Cannot create base image " + *name, started.status());
  // From here the image exists: whatever fails, it is recorded (tainted).
  values::ObjectBuilder out(req.plan);
  out.Set(kA.id, *name).Set(kA.status, started.value());
  Status s = WaitReady(*api, req.ctx, *name, d);
  Status filled = FillImage(*api, *name, out, d);
  if (!s.ok()) {
    AddApiError(resp.diagnostics, "Base image " + *name + " did not become ready", s);
  } else if (!filled.ok()) {
    AddApiError(resp.diagnostics, "Base image " + *name + " is ready but could not be read",
                filled);
  }
  resp.state = out.NullUnknowns().Build();
}

void BaseImage::Read(const ReadRequest& req, ReadResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto name = values::Get(req.state, kA.image_name);
  if (!name) name = values::Get(req.state, kA.id);
  if (api == nullptr || !name) return;
  values::ObjectBuilder out(req.state);
  Status s = FillImage(*api, *name, out, DeadlineFor(req.state, "read", std::chrono::minutes(5)));
  if (s.is_not_found()) {
    resp.removed = true;
    return;
  }
  if (!s.ok()) return AddApiError(resp.diagnostics, "Cannot read base image " + *name, s);
  resp.state = out.Build();
}

void BaseImage::Update(const UpdateRequest& req, StateResponse& resp) const {
  resp.state = values::ObjectBuilder(req.plan).FillUnknownFrom(req.state).Build();
}

void BaseImage::Delete(const DeleteRequest& req, DeleteResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto name = values::Get(req.state, kA.image_name);
  if (api == nullptr || !name) return;
  auto d = DeadlineFor(req.state, "delete", std::chrono::minutes(10));
  auto id = values::Get(req.state, kA.base_image_id);
  if (!id) {  // not read back at create: look it up by name
    auto found = api->FindImage(*name, d);
    if (found.status().is_not_found()) return;
    if (!found.ok())
      return AddApiError(resp.diagnostics, "Cannot find base image " + *name, found.status());
    id = found.value().base_image_id;
  }
  Status s = api->DeleteImage(*id, d);
  if (s.is_conflict()) {
    return AddApiError(resp.diagnostics,
                       "Base image " + *name +
                           " is still in use (destroy the VMs and commits "
                           "made from it first)",
                       s);
  }
  if (!s.ok() && !s.is_not_found())
    AddApiError(resp.diagnostics, "Cannot delete base image " + *name, s);
}

void BaseImage::ImportState(const ImportRequest& req, ImportResponse& resp) const {
  values::ObjectBuilder out(ImportById(GetSchema(), req.id));
  out.Set(kA.image_name, req.id);
  resp.state = out.Build();  // Read fills the rest, or says the image is not there
}

}  // namespace vers::resources
