// vers_repository's import: "<name>", or for a fork
// "<name>:fork_from=<org/repo:tag>[,fork_tag_name=<tag>]", with the fork's
// commit and VM found again from its tag.
#include "client/repo_refs.h"
#include "resources/framework.h"
#include "resources/repository.h"
#include "resources/vm_common.h"

namespace vers::resources {

void Repository::ImportState(const ImportRequest& req, ImportResponse& resp) const {
  const std::string marker = ":fork_from=";
  size_t at = req.id.find(marker);
  std::string name = req.id.substr(0, at);
  values::ObjectBuilder out(ImportById(GetSchema(), name));
  out.Set(kRepo.name, name);
  if (at == std::string::npos) return void(resp.state = out.Build());
  std::string from = req.id.substr(at + marker.size());
  // An optional ",fork_tag_name=<tag>" follows (a reference has no ',').
  const std::string tag_marker = ",fork_tag_name=";
  std::optional<std::string> tag_name;
  if (size_t t = from.find(tag_marker); t != std::string::npos) {
    tag_name = from.substr(t + tag_marker.size());
    from = from.substr(0, t);
    out.Set(kRepo.fork_tag_name, *tag_name);
  }
  auto source = client::ParsePublicRef(from);
  if (!source.ok())
    return AddApiError(resp.diagnostics, "Cannot import " + req.id, source.status());
  out.Set(kRepo.fork_from, from);
  // The fork tagged its commit (with fork_tag_name, else the source's tag
  // name); that commit's parent is the fork's VM.
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  if (api == nullptr) return;
  auto d = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  auto tag = api->GetRepoTag({name, tag_name.value_or(source.value().tag)}, d);
  if (tag.ok()) {
    out.Set(kRepo.fork_commit_id, tag.value().commit_id);
    auto c = api->GetCommit(tag.value().commit_id, d);
    if (c.ok() && c.value().parent_vm_id) out.Set(kRepo.fork_vm_id, *c.value().parent_vm_id);
  }
  resp.state = out.Build();
}

}  // namespace vers::resources
