// Routes for VMs: create, restore, branch, inspect, pause/resume, delete.
#include "local/api.h"
#include "local/api_json.h"
#include "local/json_read.h"

namespace vers::local {
namespace {

const std::string kVm = "/api/v1/vm/([^/]+)";

// Parses the body into `doc`, answering 400 on failure.
bool ParseBody(const httplib::Request& req, httplib::Response& res, JsonDoc& doc) {
  if (Status st = doc.Parse(req.body); !st.ok() || !doc.root().is_object()) {
    SendError(res, BadRequest("request body must be a JSON object"));
    return false;
  }
  return true;
}

int CountParam(const httplib::Request& req) {
  if (!req.has_param("count")) return 1;
  try {
    return std::stoi(req.get_param_value("count"));
  } catch (...) {
    return 0;
  }
}

void SendIds(httplib::Response& res, const Outcome<std::vector<std::string>>& r) {
  if (!r.ok()) return SendError(res, r.error());
  SendJson(res, 201, VmIdsJson(r.value()));
}

}  // namespace

void RegisterVmRoutes(Routes& s, VmManager& m) {
  s.Post("/api/v1/vm/new_root", [&m](const httplib::Request& req, httplib::Response& res) {
    JsonDoc doc;
    if (!ParseBody(req, res, doc)) return;
    auto cfg = doc.root()["vm_config"];
    if (cfg.error() || !cfg.value_unsafe().is_object())
      return SendError(res, BadRequest("vm_config is required"));
    auto c = cfg.value_unsafe();
    VmConfig config;
    config.vcpu_count = GetInt(c, "vcpu_count");
    config.mem_size_mib = GetInt(c, "mem_size_mib");
    config.fs_size_mib = GetInt(c, "fs_size_mib");
    auto labels = GetLabels(c, "labels");
    if (!labels.ok()) return SendError(res, BadRequest(labels.status().message()));
    if (labels.value()) config.labels = *labels.value();
    auto r = m.NewRoot(config, QueryFlag(req, "wait_boot", false));
    if (!r.ok()) return SendError(res, r.error());
    SendJson(res, 201, VmIdJson(r.value()));
  });

  s.Post("/api/v1/vm/from_commit", [&m](const httplib::Request& req, httplib::Response& res) {
    JsonDoc doc;
    if (!ParseBody(req, res, doc)) return;
    auto commit = GetString(doc.root(), "commit_id");
    auto tag = GetString(doc.root(), "tag_name");
    if (!commit && !tag) {
      if (Has(doc.root(), "ref"))
        return SendError(res, BadRequest("repository refs are not supported by vers-local"));
      return SendError(res, BadRequest("commit_id or tag_name is required"));
    }
    auto r = m.FromCommit(commit ? *commit : *tag, !commit, QueryFlag(req, "wait_boot", false));
    if (!r.ok()) return SendError(res, r.error());
    SendJson(res, 201, VmIdJson(r.value()));
  });

  auto branch = [&m](const std::string& id, const httplib::Request& req, httplib::Response& res) {
    SendIds(res, m.Branch(id, CountParam(req), QueryFlag(req, "keep_paused", false),
                          QueryFlag(req, "wait_boot", false)));
  };
  s.Post(kVm + "/branch", [branch](const httplib::Request& req, httplib::Response& res) {
    branch(req.matches[1], req, res);
  });
  s.Post("/api/v1/vm/branch/by_vm/([^/]+)",
         [branch](const httplib::Request& req, httplib::Response& res) {
           branch(req.matches[1], req, res);
         });
  s.Post("/api/v1/vm/branch/by_commit/([^/]+)",
         [branch](const httplib::Request& req, httplib::Response& res) {
           branch(req.matches[1], req, res);
         });
  s.Post("/api/v1/vm/branch/by_tag/([^/]+)",
         [&m, branch](const httplib::Request& req, httplib::Response& res) {
           auto tag = m.GetTag(req.matches[1]);
           if (!tag.ok()) return SendError(res, tag.error());
           branch(tag.value().commit_id, req, res);
         });

  auto list = [&m](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200, VmListJson(m.List(), m.owner_id()));
  };
  s.Get("/api/v1/vms", list);
  s.Get("/api/v1/vm", list);

  s.Get(kVm + "/status", [&m](const httplib::Request& req, httplib::Response& res) {
    auto r = m.Get(req.matches[1]);
    if (!r.ok()) return SendError(res, r.error());
    SendJson(res, 200, VmJson(r.value(), m.owner_id()));
  });
  s.Get(kVm + "/metadata", [&m](const httplib::Request& req, httplib::Response& res) {
    auto r = m.Get(req.matches[1]);
    if (!r.ok()) return SendError(res, r.error());
    SendJson(res, 200, VmMetadataJson(r.value(), m.owner_id()));
  });
  s.Delete(kVm, [&m](const httplib::Request& req, httplib::Response& res) {
    auto r = m.Delete(req.matches[1]);
    if (!r.ok()) return SendError(res, r.error());
    SendJson(res, 200, VmIdJson(req.matches[1]));
  });

  s.Post(kVm + "/commit", [&m](const httplib::Request& req, httplib::Response& res) {
    JsonDoc doc;
    if (!ParseBody(req, res, doc)) return;
    CommitParams p;
    p.keep_paused = QueryFlag(req, "keep_paused", false);
    p.commit_id = GetString(doc.root(), "commit_id");
    p.name = GetString(doc.root(), "name");
    p.description = GetString(doc.root(), "description");
    auto r = m.Commit(req.matches[1], p);
    if (!r.ok()) return SendError(res, r.error());
    SendJson(res, 201, CommitIdJson(r.value()));
  });

  s.Patch(kVm + "/state", [&m](const httplib::Request& req, httplib::Response& res) {
    JsonDoc doc;
    if (!ParseBody(req, res, doc)) return;
    auto state = GetString(doc.root(), "state");
    if (!state) return SendError(res, BadRequest("state is required"));
    auto r = m.SetState(req.matches[1], *state);
    if (!r.ok()) return SendError(res, r.error());
    res.status = 200;
  });

  // ssh_port is the VM's own sshd port, reachable without the TLS front,
  // as Vers's is "the SSH port that will be DNAT'd to the VM's netns" (spec
  // VmSshKeyResponse); 0 while the VM has no sshd (dead).
  s.Get(kVm + "/ssh_key", [&m](const httplib::Request& req, httplib::Response& res) {
    auto r = m.PrivateKey(req.matches[1]);
    if (!r.ok()) return SendError(res, r.error());
    SendJson(res, 200, SshKeyJson(r.value(), m.BackendPort(req.matches[1]).value_or(0)));
  });

  s.Patch(kVm + "/disk", [&m](const httplib::Request& req, httplib::Response& res) {
    JsonDoc doc;
    if (!ParseBody(req, res, doc)) return;
    auto size = GetInt(doc.root(), "fs_size_mib");
    if (!size) return SendError(res, BadRequest("fs_size_mib is required"));
    auto r = m.ResizeDisk(req.matches[1], *size);
    if (!r.ok()) return SendError(res, r.error());
    res.status = 200;
  });

  s.Patch(kVm + "/label", [&m](const httplib::Request& req, httplib::Response& res) {
    JsonDoc doc;
    if (!ParseBody(req, res, doc)) return;
    auto labels = GetLabels(doc.root(), "labels");
    if (!labels.ok()) return SendError(res, BadRequest(labels.status().message()));
    auto r = m.SetLabels(req.matches[1], labels.value().value_or(Labels{}));
    if (!r.ok()) return SendError(res, r.error());
    res.status = 200;
  });
}

}  // namespace vers::local
