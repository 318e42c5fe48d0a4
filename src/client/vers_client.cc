#include "client/vers_client.h"

#include <set>

#include "client/vers_bodies.h"
#include "client/vers_json.h"

namespace vers::client {
namespace {

// Maps an answer to its body, or to a Status with the API's error text.
Result<std::string> Answer(const std::string& method, const std::string& path,
                           const HttpResponse& r) {
  if (r.status >= 200 && r.status < 300) return r.body;
  if (r.status == 0) {
    return Status::Error("the Vers API did not answer " + method + " " + path +
                         " (the connection broke after the request was sent: " + r.error + ")");
  }
  std::string text = ParseErrorText(r.body);
  std::string message = "the Vers API refused " + method + " " + path + " (HTTP " +
                        std::to_string(r.status) + ")" + (text.empty() ? "" : ": " + text);
  return RefusalStatus(r.status, std::move(message),
                       "Check the API key (VERS_API_KEY or api_key).");
}

// Takes the provider's creation token out of a VM's labels.
void DropCreateToken(Vm& vm) { vm.labels.erase(kCreateTokenLabel); }

}  // namespace

Labels WithManagedLabels(Labels labels, const std::string& resource_type) {
  labels[kManagedByLabel] = kManagedByValue;
  labels[kResourceTypeLabel] = resource_type;
  return labels;
}

Labels WithoutOwnLabels(Labels labels) {
  for (auto it = labels.begin(); it != labels.end();) {
    it = it->first.rfind(kOwnLabelPrefix, 0) == 0 ? labels.erase(it) : std::next(it);
  }
  return labels;
}

VersClient::VersClient(HttpOptions options, const std::atomic<bool>* stop)
    : http_(std::move(options), stop), stop_(stop) {}

Result<std::string> VersClient::Call(const std::string& method, const std::string& path,
                                     const std::string& body, Deadline d, bool see_through) {
  HttpRequest request{method, path, body};
  request.see_through = see_through;
  auto resp = http_.Send(request, d);
  if (!resp.ok()) return resp.status();
  return Answer(method, path, resp.value());
}

CreateAttempt<std::string> VersClient::Create(const std::string& path, const std::string& body,
                                              Deadline d) {
  auto resp = http_.Send(HttpRequest{"POST", path, body}, d);
  // No answer object: it was never sent, or only sent when it surely was
  // not carried out (HttpClient), so nothing was made.
  if (!resp.ok()) return {resp.status(), false};
  return {Answer("POST", path, resp.value()), MayHaveBeenCarriedOut(resp.value().status)};
}

CreateAttempt<std::string> VersClient::Upload(const std::string& path, const std::string& file,
                                              Deadline d) {
  HttpRequest request{"POST", path, ""};
  request.body_file = file;
  auto resp = http_.Send(request, d);
  if (!resp.ok()) return {resp.status(), false};
  return {Answer("POST", path, resp.value()), MayHaveBeenCarriedOut(resp.value().status)};
}

ReconcileOptions VersClient::Reconcile(std::string what, Deadline d) const {
  ReconcileOptions o;
  o.what = std::move(what);
  o.deadline = d;
  o.stop = stop_;
  return o;
}

Result<std::vector<Vm>> VersClient::ListVmsWithTokens(Deadline d, bool see_through) {
  auto r = Call("GET", "/vms", "", d, see_through);
  if (!r.ok()) return r.status();
  return ParseVmList(r.value());
}

Result<std::vector<Vm>> VersClient::ListVms(Deadline d) {
  auto vms = ListVmsWithTokens(d, false);
  if (!vms.ok()) return vms.status();
  for (auto& vm : vms.value()) DropCreateToken(vm);
  return vms;
}

Result<Vm> VersClient::GetVmStatus(const std::string& vm_id, Deadline d) {
  auto r = Call("GET", "/vm/" + EscapePathSegment(vm_id) + "/status", "", d);
  if (!r.ok()) return r.status();
  auto vm = ParseVm(r.value());
  if (vm.ok()) DropCreateToken(vm.value());
  return vm;
}

Result<VmMetadata> VersClient::GetVmMetadata(const std::string& vm_id, Deadline d) {
  auto r = Call("GET", "/vm/" + EscapePathSegment(vm_id) + "/metadata", "", d);
  if (!r.ok()) return r.status();
  return ParseVmMetadata(r.value());
}

Result<std::vector<Vm>> VersClient::VmsFromCommit(const std::string& commit_id, Deadline d) {
  auto vms = ListVms(d);
  if (!vms.ok()) return vms.status();
  std::vector<Vm> from;
  for (auto& vm : vms.value()) {
    auto meta = GetVmMetadata(vm.vm_id, d);
    if (meta.status().is_not_found()) continue;  // deleted meanwhile
    if (!meta.ok()) return meta.status();
    if (meta.value().parent_commit_id == commit_id) from.push_back(std::move(vm));
  }
  return from;
}

Status VersClient::DeleteVm(const std::string& vm_id, Deadline d) {
  return Call("DELETE", "/vm/" + EscapePathSegment(vm_id), "", d).status();
}

Status VersClient::SetVmState(const std::string& vm_id, const std::string& state, Deadline d) {
  auto body = StateBody(state);
  if (!body.ok()) return body.status();
  return Call("PATCH", "/vm/" + EscapePathSegment(vm_id) + "/state", body.value(), d).status();
}

Result<SshKey> VersClient::GetSshKey(const std::string& vm_id, Deadline d) {
  auto r = Call("GET", "/vm/" + EscapePathSegment(vm_id) + "/ssh_key", "", d);
  if (!r.ok()) return r.status();
  return ParseSshKey(r.value());
}

Status VersClient::ResizeDisk(const std::string& vm_id, int64_t fs_size_mib, Deadline d) {
  auto body = DiskBody(fs_size_mib);
  if (!body.ok()) return body.status();
  const std::string path = "/vm/" + EscapePathSegment(vm_id) + "/disk";
  auto resp = http_.Send(HttpRequest{"PATCH", path, body.value()}, d);
  if (!resp.ok()) return resp.status();
  // The API refuses a size that is not larger than the current one (spec:
  // 400 "new size not larger than current"), and cannot report the size: a
  // resize resent after a lost answer or a 5xx and then refused so was
  // carried out by an earlier attempt.
  if (resp.value().status == 400 && resp.value().attempts > 1) return Status::Ok();
  return Answer("PATCH", path, resp.value()).status();
}

Status VersClient::SetLabels(const std::string& vm_id, const Labels& labels, Deadline d) {
  auto body = LabelsBody(labels);
  if (!body.ok()) return body.status();
  return Call("PATCH", "/vm/" + EscapePathSegment(vm_id) + "/label", body.value(), d).status();
}

}  // namespace vers::client
