// VmManager: account settings, env vars and domains. Sources: the spec
// (SetEnvVarsRequest: keys "^[A-Za-z_][A-Za-z0-9_]*$, max 256 chars", values
// "max 8192 chars", `replace`; EnvVarsResponse: "All environment variables
// currently set"; CreateDomainRequest / DomainResponse, 404 "VM not found",
// 409 "Domain already exists"), hdresearch/vers-cli
// internal/services/env/service.go (GET echoes the values it lists) and
// hdresearch/vers_user_skills use-vers-for-everything/references/
// error_shapes.md (DELETE /env_vars/{key} of a missing key: 404 "Environment
// variable not found"; 204 otherwise). The spec gives domains no syntax:
// vers-local takes a DNS name (labels of letters, digits and '-', dots
// between, at most 253 characters) and refuses anything else with 400.
#include <algorithm>
#include <regex>

#include "base/uuid.h"
#include "local/ids.h"
#include "local/manager.h"

namespace vers::local {
namespace {

bool ValidKey(const std::string& key) {
  static const std::regex kKey("[A-Za-z_][A-Za-z0-9_]*");
  return key.size() <= 256 && std::regex_match(key, kKey);
}

bool ValidDomain(const std::string& d) {
  static const std::regex kLabel("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  if (d.empty() || d.size() > 253) return false;
  size_t start = 0;
  while (true) {
    size_t dot = d.find('.', start);
    if (!std::regex_match(d.substr(start, dot - start), kLabel)) return false;
    if (dot == std::string::npos) return true;
    start = dot + 1;
  }
}

}  // namespace

std::map<std::string, std::string> VmManager::EnvVars() {
  base::MutexLock lock(mu_);
  return state_.env_vars;
}

Outcome<std::map<std::string, std::string>> VmManager::SetEnvVars(
    const std::map<std::string, std::string>& vars, bool replace) {
  for (const auto& [k, v] : vars) {
    if (!ValidKey(k))
      return BadRequest("invalid key \"" + k.substr(0, 80) +
                        "\": keys are shell identifiers (^[A-Za-z_][A-Za-z0-9_]*$), at most 256 "
                        "characters");
    if (v.size() > 8192) return BadRequest("the value of " + k + " is longer than 8192 characters");
  }
  base::MutexLock lock(mu_);
  if (replace) state_.env_vars.clear();
  for (const auto& [k, v] : vars) state_.env_vars[k] = v;
  if (auto s = SaveLocked(); !s.ok()) return s.error();
  return state_.env_vars;
}

Outcome<Done> VmManager::DeleteEnvVar(const std::string& key) {
  base::MutexLock lock(mu_);
  if (state_.env_vars.erase(key) == 0) return ApiError{404, "Environment variable not found"};
  return SaveLocked();
}

std::vector<DomainRecord> VmManager::Domains(const std::optional<std::string>& vm_id) {
  base::MutexLock lock(mu_);
  std::vector<DomainRecord> out;
  for (const auto& [id, d] : state_.domains)
    if (!vm_id || d.vm_id == *vm_id) out.push_back(d);
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.created_at < b.created_at; });
  return out;
}

Outcome<DomainRecord> VmManager::GetDomain(const std::string& id) {
  base::MutexLock lock(mu_);
  auto it = state_.domains.find(id);
  if (it == state_.domains.end()) return NotFound("domain " + id);
  return it->second;
}

Outcome<DomainRecord> VmManager::CreateDomain(const std::string& vm_id, const std::string& domain) {
  if (!ValidDomain(domain))
    return BadRequest("invalid domain \"" + domain.substr(0, 80) +
                      "\": use a DNS name (labels of letters, digits and '-', dots between)");
  base::MutexLock lock(mu_);
  if (!state_.vms.count(vm_id)) return NotFound("VM " + vm_id);
  for (const auto& [id, d] : state_.domains) {
    if (d.domain.size() == domain.size() &&
        std::equal(d.domain.begin(), d.domain.end(), domain.begin(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
      return Conflict("domain " + domain + " already exists");
  }
  DomainRecord d{base::NewRandomUuid(), vm_id, domain, NowRfc3339()};
  state_.domains[d.id] = d;
  if (auto s = SaveLocked(); !s.ok()) return s.error();
  return d;
}

Outcome<Done> VmManager::DeleteDomain(const std::string& id) {
  base::MutexLock lock(mu_);
  if (state_.domains.erase(id) == 0) return NotFound("domain " + id);
  return SaveLocked();
}

}  // namespace vers::local
