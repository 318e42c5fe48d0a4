// vers_domain. Source: the spec (CreateDomainRequest {vm_id, domain};
// DomainResponse {domain_id, vm_id, domain, created_at}; create 201, 404 "VM
// not found", 409 "Domain already exists"; GET/DELETE /domains/{domain_id}).
// The spec has no update and no verification fields (no DNS records or
// verification state in DomainResponse); neither do the public clients
// (hdresearch/vers_user_skills scripts/vers.py create/list/delete only).
#include "plugin/schema/plan_modifiers.h"
#include "plugin/schema/timeouts.h"
#include "plugin/schema/validators.h"
#include "resources/account.h"
#include "resources/framework.h"
#include "resources/vm_common.h"

namespace vers::resources {

using schema::Attribute;
namespace plan = schema::plan;

namespace {

struct DomainAttrs : schema::AttrSet {
  schema::Attr<std::string> domain{this, "domain"};
  schema::Attr<std::string> vm_id{this, "vm_id"};
  schema::Attr<std::string> id{this, "id"};
  schema::Attr<std::string> created_at{this, "created_at"};
};
const DomainAttrs kA;

void Fill(values::ObjectBuilder& out, const client::Domain& d) {
  out.Set(kA.id, d.domain_id).Set(kA.domain, d.domain).Set(kA.vm_id, d.vm_id);
  out.Set(kA.created_at, d.created_at);
}

schema::Schema DomainResourceSchema() {
  schema::Schema s;
  s.block.description =
      "A custom domain bound to a VM (`POST /domains`). The API has no update: changing the "
      "domain or the VM replaces the binding. Point the domain's DNS at Vers as its "
      "documentation says; the API reports no verification state.";
  s.block.attributes = {
      kA.domain.Declare()
          .Required()
          .Description("The domain name, e.g. `app.example.com`.")
          .Validate(schema::validators::LengthBetween(1, 253))
          .Modify(plan::RequiresReplace()),
      kA.vm_id.Declare()
          .Required()
          .Description("The VM the domain routes to.")
          .Modify(plan::RequiresReplace()),
      kA.id.Declare()
          .Computed()
          .Description("The API's `domain_id`.")
          .Modify(plan::UseStateForUnknown()),
      kA.created_at.Declare()
          .Computed()
          .Description("When it was bound.")
          .Modify(plan::UseStateForUnknown()),
  };
  s.attr_sets = {&kA};
  s.block.blocks = {schema::TimeoutsBlock({"create", "read", "delete"})};
  return s;
}

}  // namespace

DomainResource::DomainResource() : WithSchema("vers_domain", DomainResourceSchema()) {}

void DomainResource::Create(const CreateRequest& req, StateResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto domain = values::Get(req.plan, kA.domain);
  auto vm = values::Get(req.plan, kA.vm_id);
  if (api == nullptr || !domain || !vm) return;
  auto made =
      api->CreateDomain(*vm, *domain, DeadlineFor(req.plan, "create", std::chrono::minutes(5)));
  if (!made.ok())
    return AddApiError(resp.diagnostics, "Cannot bind domain " + *domain + " to VM " + *vm,
                       made.status());
  values::ObjectBuilder out(req.plan);
  Fill(out, made.value());
  resp.state = out.NullUnknowns().Build();
}

void DomainResource::Read(const ReadRequest& req, ReadResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto id = values::Get(req.state, kA.id);
  if (api == nullptr || !id) return;
  auto d = api->GetDomain(*id, DeadlineFor(req.state, "read", std::chrono::minutes(5)));
  if (d.status().is_not_found()) {
    resp.removed = true;
    return;
  }
  if (!d.ok()) return AddApiError(resp.diagnostics, "Cannot read domain " + *id, d.status());
  values::ObjectBuilder out(req.state);
  Fill(out, d.value());
  resp.state = out.Build();
}

void DomainResource::Update(const UpdateRequest& req, StateResponse& resp) const {
  resp.state = values::ObjectBuilder(req.plan).FillUnknownFrom(req.state).Build();
}

void DomainResource::Delete(const DeleteRequest& req, DeleteResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto id = values::Get(req.state, kA.id);
  if (api == nullptr || !id) return;
  Status s = api->DeleteDomain(*id, DeadlineFor(req.state, "delete", std::chrono::minutes(5)));
  if (!s.ok() && !s.is_not_found()) AddApiError(resp.diagnostics, "Cannot delete domain " + *id, s);
}

void DomainResource::ImportState(const ImportRequest& req, ImportResponse& resp) const {
  resp.state = ImportById(GetSchema(), req.id);
}

}  // namespace vers::resources
