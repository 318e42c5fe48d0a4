// vers_commit_tag: a named pointer to a commit, moved in place. Once the
// tag was made it is recorded, even when it cannot be read back.
#include "plugin/schema/plan_modifiers.h"
#include "plugin/schema/validators.h"
#include "resources/framework.h"
#include "resources/vm_commit.h"
#include "resources/vm_common.h"

namespace vers::resources {

using cty::Value;
using schema::Attribute;
namespace plan = schema::plan;

namespace {

struct Attrs : schema::AttrSet {
  schema::Attr<std::string> name{this, "name"};
  schema::Attr<std::string> commit_id{this, "commit_id"};
  schema::Attr<std::string> description{this, "description"};
  schema::Attr<std::string> id{this, "id"};
  schema::Attr<std::string> created_at{this, "created_at"};
};
const Attrs kA;

schema::Schema CommitTagSchema() {
  schema::Schema s;
  s.block.description =
      "A named pointer to a commit. Moving it to another commit is an in-place update, so "
      "`vers_vm_restore` by `tag_name` can follow a release channel.";
  s.block.attributes = {
      kA.name.Declare()
          .Required()
          .Description("The tag name (letters, digits, `-`, `_`, `.`; 1 to 64 characters).")
          .Validate(schema::validators::LengthBetween(1, 64))
          .Modify(plan::RequiresReplace()),
      kA.commit_id.Declare().Required().Description("The commit the tag points to."),
      kA.description.Declare().Optional().Description("What the tag stands for."),
      kA.id.Declare().Computed().Description("Same as `name`.").Modify(plan::UseStateForUnknown()),
      kA.created_at.Declare()
          .Computed()
          .Description("When the tag was created.")
          .Modify(plan::UseStateForUnknown()),
  };
  s.attr_sets = {&kA};
  return s;
}

}  // namespace

CommitTag::CommitTag() : WithSchema("vers_commit_tag", CommitTagSchema()) {}

namespace {
void FillTag(const client::Tag& t, values::ObjectBuilder& out) {
  out.Set(kA.id, t.tag_name).Set(kA.name, t.tag_name).Set(kA.commit_id, t.commit_id);
  out.SetOrNull(kA.description, t.description);
  // Empty when the tag was made but not read back: the next refresh fills it.
  out.SetOrNull(kA.created_at, values::NonEmpty(t.created_at));
}
}  // namespace

void CommitTag::Create(const CreateRequest& req, StateResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto name = values::Get(req.plan, kA.name);
  auto commit = values::Get(req.plan, kA.commit_id);
  if (api == nullptr || !name || !commit) return;
  auto tag = api->CreateTag(*name, *commit, values::Get(req.plan, kA.description),
                            std::chrono::steady_clock::now() + std::chrono::minutes(5));
  if (!tag.ok()) return AddApiError(resp.diagnostics, "Cannot create tag " + *name, tag.status());
  if (tag.value().created_at.empty()) {
    resp.diagnostics.AddWarning("Tag " + *name + " was created but could not be read back",
                                "It is recorded as requested; the next refresh reads it.");
  }
  values::ObjectBuilder out(req.plan);
  FillTag(tag.value(), out);
  resp.state = out.Build();
}

void CommitTag::Read(const ReadRequest& req, ReadResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto name = values::Get(req.state, kA.name);
  if (!name) name = values::Get(req.state, kA.id);
  if (api == nullptr || !name) return;
  auto tag = api->GetTag(*name, std::chrono::steady_clock::now() + std::chrono::minutes(5));
  if (!tag.ok() && tag.status().is_not_found()) {
    resp.removed = true;
    return;
  }
  if (!tag.ok()) return AddApiError(resp.diagnostics, "Cannot read tag " + *name, tag.status());
  values::ObjectBuilder out(req.state);
  FillTag(tag.value(), out);
  resp.state = out.Build();
}

void CommitTag::Update(const UpdateRequest& req, StateResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto name = values::Get(req.state, kA.name);
  auto commit = values::Get(req.plan, kA.commit_id);
  if (api == nullptr || !name || !commit) return;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  Status s = api->UpdateTag(*name, *commit, values::Get(req.plan, kA.description), deadline);
  if (!s.ok()) return AddApiError(resp.diagnostics, "Cannot move tag " + *name, s);
  resp.state = values::ObjectBuilder(req.plan).FillUnknownFrom(req.state).Build();
}

void CommitTag::Delete(const DeleteRequest& req, DeleteResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto name = values::Get(req.state, kA.name);
  if (api == nullptr || !name) return;
  Status s = api->DeleteTag(*name, std::chrono::steady_clock::now() + std::chrono::minutes(5));
  if (!s.ok() && !s.is_not_found()) AddApiError(resp.diagnostics, "Cannot delete tag " + *name, s);
}

void CommitTag::ImportState(const ImportRequest& req, ImportResponse& resp) const {
  resp.state = values::ObjectBuilder(ImportById(GetSchema(), req.id)).Set(kA.name, req.id).Build();
}

}  // namespace vers::resources
