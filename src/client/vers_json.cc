#include "client/vers_json.h"

#include <simdjson.h>

namespace vers::client {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

// Parses `json` into `doc` owned by `parser`; the element or an error.
Result<element> Parse(simdjson::dom::parser& parser, std::string_view json) {
  element doc;
  if (parser.parse(json.data(), json.size()).get(doc) != simdjson::SUCCESS) {
    return Status::Error("the Vers API answered with malformed JSON");
  }
  return doc;
}

std::optional<std::string> OptString(const object& o, const char* key) {
  std::string_view v;
  if (o[key].get_string().get(v) != simdjson::SUCCESS) return std::nullopt;
  return std::string(v);
}

Status Need(const object& o, const char* key, std::string& out, const char* what) {
  auto v = OptString(o, key);
  if (!v) return Status::Error(std::string("the Vers API's ") + what + " lacks \"" + key + "\"");
  out = *v;
  return Status::Ok();
}

Labels ReadLabels(const object& o) {
  Labels labels;
  object l;
  if (o["labels"].get_object().get(l) != simdjson::SUCCESS) return labels;
  for (auto [k, v] : l) {
    std::string_view s;
    if (v.get_string().get(s) == simdjson::SUCCESS) labels.emplace(std::string(k), std::string(s));
  }
  return labels;
}

Result<Vm> VmFrom(const element& e) {
  object o;
  if (e.get_object().get(o) != simdjson::SUCCESS)
    return Status::Error("the Vers API's VM is not an object");
  Vm vm;
  for (auto [key, out] : {std::pair{"vm_id", &vm.vm_id}, std::pair{"state", &vm.state}}) {
    if (Status s = Need(o, key, *out, "VM"); !s.ok()) return s;
  }
  vm.owner_id = OptString(o, "owner_id").value_or("");
  vm.created_at = OptString(o, "created_at").value_or("");
  vm.labels = ReadLabels(o);
  return vm;
}

}  // namespace

Result<Vm> ParseVm(std::string_view json) {
  simdjson::dom::parser parser;
  auto doc = Parse(parser, json);
  if (!doc.ok()) return doc.status();
  return VmFrom(doc.value());
}

Result<std::vector<Vm>> ParseVmList(std::string_view json) {
  simdjson::dom::parser parser;
  auto doc = Parse(parser, json);
  if (!doc.ok()) return doc.status();
  simdjson::dom::array arr;
  if (doc.value().get_array().get(arr) != simdjson::SUCCESS) {
    return Status::Error("the Vers API's VM list is not an array");
  }
  std::vector<Vm> out;
  for (element e : arr) {
    auto vm = VmFrom(e);
    if (!vm.ok()) return vm.status();
    out.push_back(std::move(vm).value());
  }
  return out;
}

Result<VmMetadata> ParseVmMetadata(std::string_view json) {
  simdjson::dom::parser parser;
  auto doc = Parse(parser, json);
  if (!doc.ok()) return doc.status();
  object o;
  if (doc.value().get_object().get(o) != simdjson::SUCCESS)
    return Status::Error("the Vers API's VM metadata is not an object");
  VmMetadata m;
  if (Status s = Need(o, "vm_id", m.vm_id, "VM metadata"); !s.ok()) return s;
  m.state = OptString(o, "state").value_or("");
  m.created_at = OptString(o, "created_at").value_or("");
  m.ip = OptString(o, "ip").value_or("");
  m.parent_commit_id = OptString(o, "parent_commit_id");
  m.grandparent_vm_id = OptString(o, "grandparent_vm_id");
  return m;
}

Result<SshKey> ParseSshKey(std::string_view json) {
  simdjson::dom::parser parser;
  auto doc = Parse(parser, json);
  if (!doc.ok()) return doc.status();
  object o;
  if (doc.value().get_object().get(o) != simdjson::SUCCESS)
    return Status::Error("the Vers API's SSH key answer is not an object");
  SshKey k;
  if (Status s = Need(o, "ssh_private_key", k.private_key, "SSH key answer"); !s.ok()) return s;
  int64_t port = 0;
  if (o["ssh_port"].get_int64().get(port) != simdjson::SUCCESS)
    return Status::Error("the Vers API's SSH key answer lacks \"ssh_port\"");
  k.forwarded_port = port;
  return k;
}

Result<Tag> ParseTag(std::string_view json) {
  simdjson::dom::parser parser;
  auto doc = Parse(parser, json);
  if (!doc.ok()) return doc.status();
  object o;
  if (doc.value().get_object().get(o) != simdjson::SUCCESS)
    return Status::Error("the Vers API's tag is not an object");
  Tag t;
  if (Status s = Need(o, "tag_name", t.tag_name, "tag"); !s.ok()) return s;
  if (Status s = Need(o, "commit_id", t.commit_id, "tag"); !s.ok()) return s;
  t.tag_id = OptString(o, "tag_id").value_or("");
  t.description = OptString(o, "description");
  t.created_at = OptString(o, "created_at").value_or("");
  t.updated_at = OptString(o, "updated_at").value_or("");
  return t;
}

Result<std::string> ParseField(std::string_view json, const char* field) {
  simdjson::dom::parser parser;
  auto doc = Parse(parser, json);
  if (!doc.ok()) return doc.status();
  std::string_view v;
  if (doc.value()[field].get_string().get(v) != simdjson::SUCCESS) {
    return Status::Error(std::string("the Vers API's answer lacks \"") + field + "\"");
  }
  return std::string(v);
}

Result<std::vector<std::string>> ParseBranchVmIds(std::string_view json) {
  simdjson::dom::parser parser;
  auto doc = Parse(parser, json);
  if (!doc.ok()) return doc.status();
  object o;
  if (doc.value().get_object().get(o) != simdjson::SUCCESS)
    return Status::Error("the Vers API's branch answer is not an object");
  // NewVmsResponse {"vms":[{"vm_id":…}]} (the spec), or a single
  // NewVmResponse {"vm_id":…}, as hdresearch/vers-tf's BranchVM accepts.
  std::vector<std::string> ids;
  simdjson::dom::array arr;
  if (o["vms"].get_array().get(arr) == simdjson::SUCCESS) {
    for (element e : arr) {
      std::string_view id;
      if (e["vm_id"].get_string().get(id) != simdjson::SUCCESS)
        return Status::Error("a branched VM in the Vers API's answer lacks \"vm_id\"");
      ids.emplace_back(id);
    }
  }
  if (!ids.empty()) return ids;
  if (auto id = OptString(o, "vm_id"); id && !id->empty()) return std::vector<std::string>{*id};
  return Status::Error(
      "the Vers API's branch answer names no VM: it has neither a non-empty \"vms\" list nor "
      "\"vm_id\"");
}

std::string ParseErrorText(std::string_view json) {
  simdjson::dom::parser parser;
  auto doc = Parse(parser, json);
  if (!doc.ok()) return "";
  std::string_view v;
  if (doc.value()["error"].get_string().get(v) != simdjson::SUCCESS) return "";
  return std::string(v.substr(0, 500));
}

}  // namespace vers::client
