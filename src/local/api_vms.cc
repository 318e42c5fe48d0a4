// Routes for VMs: create, inspect, commit, pause/resume, resize, label,
// delete (restore and branch: api_branch.cc). Requests are read strictly
// (api_request.h).
#include <cstdint>

#include "local/api.h"
#include "local/api_json.h"
#include "local/api_request.h"

namespace vers::local {
namespace {

const std::string kVm = "/api/v1/vm/([^/]+)";
// Sizes are int32 in the spec ("format": "int32"); a VM needs at least 1 of
// each. vers-local's own limits: VmManager (403).
constexpr int64_t kMaxInt32 = 2147483647;

// The {vm_id} of the path, which the real API parses as a UUID.
Outcome<std::string> VmIdParam(const httplib::Request& req) {
  std::string id = req.matches[1];
  if (auto u = RequireUuid(id, "vm_id"); !u.ok()) return u.error();
  return id;
}

// Reads NewRootRequest.vm_config (VmCreateVmConfig).
Outcome<VmConfig> ReadVmConfig(simdjson::dom::element root) {
  auto cfg = root["vm_config"];
  if (cfg.error() || cfg.value_unsafe().is_null()) return BadRequest("vm_config is required");
  auto c = cfg.value_unsafe();
  if (!c.is_object())
    return BadRequest(std::string("vm_config must be an object, got ") + JsonTypeName(c));
  VmConfig config;
  auto vcpu = OptionalInt(c, "vcpu_count", 1, kMaxInt32);
  if (!vcpu.ok()) return vcpu.error();
  auto mem = OptionalInt(c, "mem_size_mib", 1, kMaxInt32);
  if (!mem.ok()) return mem.error();
  auto fs = OptionalInt(c, "fs_size_mib", 1, kMaxInt32);
  if (!fs.ok()) return fs.error();
  config.vcpu_count = vcpu.value();
  config.mem_size_mib = mem.value();
  config.fs_size_mib = fs.value();
  // image_name: "default" (the spec: "Currently, must be 'default'") or one
  // of the account's ready base images (the manager checks which).
  auto image = OptionalString(c, "image_name");
  if (!image.ok()) return image.error();
  config.image_name = image.value();
  // kernel_name: "Currently, must be 'default.bin'"; vers-local has no other.
  auto kernel = OptionalString(c, "kernel_name");
  if (!kernel.ok()) return kernel.error();
  if (kernel.value() && *kernel.value() != "default.bin")
    return BadRequest("kernel_name must be \"default.bin\" (the only one there is)");
  auto labels = GetLabels(c, "labels");
  if (!labels.ok()) return BadRequest(labels.status().message());
  if (labels.value()) config.labels = *labels.value();
  return config;
}

}  // namespace

void RegisterVmRoutes(Routes& s, VmManager& m) {
  s.Post("/api/v1/vm/new_root", [&m](const httplib::Request& req, httplib::Response& res) {
    JsonDoc doc;
    if (auto b = ReadJsonObject(req, doc); !b.ok()) return SendError(res, b.error());
    auto config = ReadVmConfig(doc.root());
    if (!config.ok()) return SendError(res, config.error());
    auto wait = QueryBool(req, "wait_boot", false);
    if (!wait.ok()) return SendError(res, wait.error());
    auto r = m.NewRoot(config.value(), wait.value());
    if (!r.ok()) return SendError(res, r.error());
    SendJson(res, 201, VmIdJson(r.value()));
  });

  auto list = [&m](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200, VmListJson(m.List(), m.owner_id()));
  };
  s.Get("/api/v1/vms", list);
  s.Get("/api/v1/vm", list);

  s.Get(kVm + "/status", [&m](const httplib::Request& req, httplib::Response& res) {
    auto id = VmIdParam(req);
    if (!id.ok()) return SendError(res, id.error());
    auto r = m.Get(id.value());
    if (!r.ok()) return SendError(res, r.error());
    SendJson(res, 200, VmJson(r.value(), m.owner_id()));
  });
  s.Get(kVm + "/metadata", [&m](const httplib::Request& req, httplib::Response& res) {
    auto id = VmIdParam(req);
    if (!id.ok()) return SendError(res, id.error());
    auto r = m.Get(id.value());
    if (!r.ok()) return SendError(res, r.error());
    SendJson(res, 200, VmMetadataJson(r.value(), m.owner_id()));
  });
  s.Delete(kVm, [&m](const httplib::Request& req, httplib::Response& res) {
    auto id = VmIdParam(req);
    if (!id.ok()) return SendError(res, id.error());
    if (auto skip = QueryBool(req, "skip_wait_boot", false); !skip.ok())
      return SendError(res, skip.error());
    auto r = m.Delete(id.value());
    if (!r.ok()) return SendError(res, r.error());
    SendJson(res, 200, VmIdJson(id.value()));
  });

  // VmCommitRequest; the real API takes the body as optional, and a blank
  // name or description as none.
  s.Post(kVm + "/commit", [&m](const httplib::Request& req, httplib::Response& res) {
    auto id = VmIdParam(req);
    if (!id.ok()) return SendError(res, id.error());
    JsonDoc doc;
    if (auto b = ReadJsonObject(req, doc, Body::kOptional); !b.ok())
      return SendError(res, b.error());
    CommitParams p;
    auto keep = QueryBool(req, "keep_paused", false);
    if (!keep.ok()) return SendError(res, keep.error());
    if (auto skip = QueryBool(req, "skip_wait_boot", false); !skip.ok())
      return SendError(res, skip.error());
    p.keep_paused = keep.value();
    auto commit_id = OptionalUuid(doc.root(), "commit_id");
    if (!commit_id.ok()) return SendError(res, commit_id.error());
    p.commit_id = commit_id.value();
    for (auto [key, field] : {std::pair{"name", &p.name}, {"description", &p.description}}) {
      auto v = OptionalString(doc.root(), key);
      if (!v.ok()) return SendError(res, v.error());
      if (v.value() && v.value()->find_first_not_of(" \t\r\n") != std::string::npos)
        *field = v.value();
    }
    auto r = m.Commit(id.value(), p);
    if (!r.ok()) return SendError(res, r.error());
    SendJson(res, 201, CommitIdJson(r.value()));
  });

  s.Patch(kVm + "/state", [&m](const httplib::Request& req, httplib::Response& res) {
    auto id = VmIdParam(req);
    if (!id.ok()) return SendError(res, id.error());
    JsonDoc doc;
    if (auto b = ReadJsonObject(req, doc); !b.ok()) return SendError(res, b.error());
    if (auto skip = QueryBool(req, "skip_wait_boot", false); !skip.ok())
      return SendError(res, skip.error());
    auto state = OptionalString(doc.root(), "state");
    if (!state.ok()) return SendError(res, state.error());
    if (!state.value()) return SendError(res, BadRequest("state is required"));
    auto r = m.SetState(id.value(), *state.value());
    if (!r.ok()) return SendError(res, r.error());
    res.status = 200;
  });

  // ssh_port is the VM's own sshd port, reachable without the TLS front,
  // as Vers's is "the SSH port that will be DNAT'd to the VM's netns" (spec
  // VmSshKeyResponse); 0 while the VM has no sshd (dead).
  s.Get(kVm + "/ssh_key", [&m](const httplib::Request& req, httplib::Response& res) {
    if (auto id = VmIdParam(req); !id.ok()) return SendError(res, id.error());
    auto r = m.PrivateKey(req.matches[1]);
    if (!r.ok()) return SendError(res, r.error());
    SendJson(res, 200, SshKeyJson(r.value(), m.BackendPort(req.matches[1]).value_or(0)));
  });

  s.Patch(kVm + "/disk", [&m](const httplib::Request& req, httplib::Response& res) {
    auto id = VmIdParam(req);
    if (!id.ok()) return SendError(res, id.error());
    JsonDoc doc;
    if (auto b = ReadJsonObject(req, doc); !b.ok()) return SendError(res, b.error());
    if (auto skip = QueryBool(req, "skip_wait_boot", false); !skip.ok())
      return SendError(res, skip.error());
    auto size = OptionalInt(doc.root(), "fs_size_mib", 0, kMaxInt32);
    if (!size.ok()) return SendError(res, size.error());
    if (!size.value()) return SendError(res, BadRequest("fs_size_mib is required"));
    auto r = m.ResizeDisk(id.value(), *size.value());
    if (!r.ok()) return SendError(res, r.error());
    res.status = 200;
  });

  s.Patch(kVm + "/label", [&m](const httplib::Request& req, httplib::Response& res) {
    auto id = VmIdParam(req);
    if (!id.ok()) return SendError(res, id.error());
    JsonDoc doc;
    if (auto b = ReadJsonObject(req, doc); !b.ok()) return SendError(res, b.error());
    auto labels = GetLabels(doc.root(), "labels");
    if (!labels.ok()) return SendError(res, BadRequest(labels.status().message()));
    auto r = m.SetLabels(id.value(), labels.value().value_or(Labels{}));
    if (!r.ok()) return SendError(res, r.error());
    res.status = 200;
  });
}

}  // namespace vers::local
