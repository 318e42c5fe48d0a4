#include "client/vergeio_client.h"

#include "base/json_writer.h"
#include "client/vergeio_answer.h"
#include "client/vergeio_query.h"

namespace vers::client {

namespace {

// The VM fields read, named as the official clients do (a GET without
// `fields` answers with a default set that need not hold them).
const char* kVmFields =
    "fields=$key,name,machine,description,cpu_cores,ram,cpu_type,advanced,is_snapshot,need_restart";
const char* kSnapshotFields = "fields=$key,machine,name,description,expires,created,quiesced";

}  // namespace

std::vector<VergeioUnapplied> Unapplied(const VergeioVmPatch& p, const VergeioVm& vm) {
  std::vector<VergeioUnapplied> out;
  auto check = [&out](const char* field, const auto& wanted, const auto& found) {
    if (!wanted || *wanted == found) return;
    auto text = [](const auto& v) -> std::string {
      if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::string>) {
        auto quoted = JsonWriter::Quote(v);  // a newline reads as \n
        return quoted.ok() ? quoted.value() : "\"" + v + "\"";
      } else {
        return std::to_string(v);
      }
    };
    out.push_back({field, text(*wanted), text(found)});
  };
  check("cpu_cores", p.cpu_cores, vm.cpu_cores);
  check("ram", p.ram, vm.ram);
  check("cpu_type", p.cpu_type, vm.cpu_type);
  check("description", p.description, vm.description);
  check("advanced", p.advanced, vm.advanced);
  return out;
}

Result<std::vector<VergeioVm>> VergeioClient::ReadVms(const std::string& path, bool list,
                                                      Deadline d) {
  auto r = Call("GET", path, "", d);
  if (!r.ok()) return r.status();
  std::vector<VergeioVm> vms;
  Status s = ReadRows(r.value(), Route(path), list, [&vms](VergeioRow& e) {
    VergeioVm v;
    v.key = e.Key();
    v.machine = e.Int("machine");
    v.name = e.Str("name");
    v.description = e.Str("description");
    v.cpu_type = e.Str("cpu_type");
    v.advanced = e.Str("advanced");
    v.cpu_cores = e.Int("cpu_cores");
    v.ram = e.Int("ram");
    v.need_restart = e.Bool("need_restart");
    if (e.Bool("is_snapshot") && e.status().ok())
      return Status::Error("VergeIO VM " + std::to_string(v.key) + " (\"" + v.name +
                           "\") is a snapshot, not a VM");
    vms.push_back(std::move(v));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return vms;
}

Result<VergeioVm> VergeioClient::GetVm(int64_t vm_key, Deadline d) {
  auto vms = ReadVms("/v4/vms/" + std::to_string(vm_key) + "?" + kVmFields, false, d);
  if (!vms.ok()) return vms.status();
  return vms.value().front();
}

Result<VergeioVm> VergeioClient::FindVm(const std::string& ref, Deadline d) {
  bool numeric =
      !ref.empty() && ref.size() <= 18 && ref.find_first_not_of("0123456789") == std::string::npos;
  if (numeric) return GetVm(std::stoll(ref), d);
  // Snapshots are vms rows too, named like their VM (pyVergeOS vms.py,
  // PSVergeOS Get-VergeVM.ps1 filter them out the same way).
  auto found = ReadVms("/v4/vms?" + std::string(kVmFields) + "&" +
                           Filter("name eq " + FilterLiteral(ref) + " and is_snapshot eq false"),
                       true, d);
  if (!found.ok()) return found.status();
  if (found.value().empty()) return Status::NotFound("VergeIO has no VM named \"" + ref + "\"");
  if (found.value().size() > 1)
    return Status::Error(std::to_string(found.value().size()) + " VergeIO VMs are named \"" + ref +
                         "\"; give the VM's key instead");
  return found.value().front();
}

Result<VergeioVm> VergeioClient::UpdateVm(int64_t vm_key, const VergeioVmPatch& p, Deadline d) {
  JsonWriter w;
  w.BeginObject();
  if (p.cpu_cores) w.Key("cpu_cores").Int(*p.cpu_cores);
  if (p.ram) w.Key("ram").Int(*p.ram);
  if (p.cpu_type) w.Key("cpu_type").String(*p.cpu_type);
  if (p.description) w.Key("description").String(*p.description);
  if (p.advanced) w.Key("advanced").String(*p.advanced);
  w.EndObject();
  auto body = w.Take();
  if (!body.ok()) return body.status();
  // VergeIO answers `200 []` whatever it did: only a read-back tells.
  if (auto r = Call("PUT", "/v4/vms/" + std::to_string(vm_key), body.value(), d); !r.ok())
    return r.status();
  return GetVm(vm_key, d);
}

Result<int64_t> VergeioClient::CreateSnapshot(const VergeioSnapshotRequest& s, Deadline d) {
  // The body pyVergeOS (snapshots.py) and PSVergeOS (New-VergeVMSnapshot.ps1)
  // send: created_manually, and expires only when the snapshot expires.
  JsonWriter w;
  w.BeginObject().Key("machine").Int(s.machine).Key("name").String(s.name);
  w.Key("created_manually").Bool(true).Key("quiesce").Bool(s.quiesce);
  if (s.expires > 0) w.Key("expires").Int(s.expires);
  if (!s.description.empty()) w.Key("description").String(s.description);
  w.EndObject();
  auto body = w.Take();
  if (!body.ok()) return body.status();
  return Create("machine_snapshots", body.value(),
                "machine eq " + std::to_string(s.machine) + " and name eq " + FilterLiteral(s.name),
                d);
}

Result<VergeioSnapshot> VergeioClient::GetSnapshot(int64_t key, Deadline d) {
  std::string path = "/v4/machine_snapshots/" + std::to_string(key) + "?" + kSnapshotFields;
  auto r = Call("GET", path, "", d);
  if (!r.ok()) return r.status();
  VergeioSnapshot s;
  Status st = ReadRows(r.value(), Route(path), false, [&s](VergeioRow& e) {
    s.key = e.Key();
    s.machine = e.Int("machine");
    s.name = e.Str("name");
    s.description = e.Str("description");
    s.expires = e.Int("expires", /*null_as=*/0);
    s.created = e.Int("created");
    s.quiesced = e.Bool("quiesced");
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return s;
}

Status VergeioClient::DeleteSnapshot(int64_t key, Deadline d) {
  return Call("DELETE", "/v4/machine_snapshots/" + std::to_string(key), "", d).status();
}

}  // namespace vers::client
