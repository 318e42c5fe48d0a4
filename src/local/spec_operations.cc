#include "local/spec_operations.h"

#include <cstring>

namespace vers::local {

const std::vector<SpecOperation>& SpecOperations() {
  static const std::vector<SpecOperation> ops = {
      {"GET", "/api/v1/commit_tags", "list_tags", true},
      {"POST", "/api/v1/commit_tags", "create_tag", true},
      {"GET", "/api/v1/commit_tags/{tag_name}", "get_tag", true},
      {"DELETE", "/api/v1/commit_tags/{tag_name}", "delete_tag", true},
      {"PATCH", "/api/v1/commit_tags/{tag_name}", "update_tag", true},
      {"GET", "/api/v1/commits", "list_commits", true},
      {"GET", "/api/v1/commits/public", "list_public_commits", true},
      {"DELETE", "/api/v1/commits/{commit_id}", "delete_commit", true},
      {"PATCH", "/api/v1/commits/{commit_id}", "update_commit", true},
      {"POST", "/api/v1/deploy", "deploy_handler", false},
      {"GET", "/api/v1/domains", "list_domains", true},
      {"POST", "/api/v1/domains", "create_domain", true},
      {"GET", "/api/v1/domains/{domain_id}", "get_domain", true},
      {"DELETE", "/api/v1/domains/{domain_id}", "delete_domain", true},
      {"GET", "/api/v1/env_vars", "list_env_vars", true},
      {"PUT", "/api/v1/env_vars", "set_env_vars", true},
      {"DELETE", "/api/v1/env_vars/{key}", "delete_env_var", true},
      {"GET", "/api/v1/images", "list_images", true},
      {"POST", "/api/v1/images/create", "create_image", true},
      {"DELETE", "/api/v1/images/images/{base_image_id}", "delete_image", true},
      {"POST", "/api/v1/images/upload", "upload_image", true},
      {"GET", "/api/v1/images/{image_name}/status", "get_image_status", true},
      {"POST", "/api/v1/keys/validate", "validate_key", true},
      {"GET", "/api/v1/public/repositories", "list_public_repositories", true},
      {"GET", "/api/v1/public/repositories/{org_name}/{repo_name}", "get_public_repository", true},
      {"GET", "/api/v1/public/repositories/{org_name}/{repo_name}/tags", "list_public_repo_tags",
       true},
      {"GET", "/api/v1/public/repositories/{org_name}/{repo_name}/tags/{tag_name}",
       "get_public_repo_tag", true},
      {"GET", "/api/v1/repositories", "list_repositories", true},
      {"POST", "/api/v1/repositories", "create_repository", true},
      {"POST", "/api/v1/repositories/fork", "fork_repository", true},
      {"GET", "/api/v1/repositories/{repo_name}", "get_repository", true},
      {"DELETE", "/api/v1/repositories/{repo_name}", "delete_repository", true},
      {"GET", "/api/v1/repositories/{repo_name}/tags", "list_repo_tags", true},
      {"POST", "/api/v1/repositories/{repo_name}/tags", "create_repo_tag", true},
      {"GET", "/api/v1/repositories/{repo_name}/tags/{tag_name}", "get_repo_tag", true},
      {"DELETE", "/api/v1/repositories/{repo_name}/tags/{tag_name}", "delete_repo_tag", true},
      {"PATCH", "/api/v1/repositories/{repo_name}/tags/{tag_name}", "update_repo_tag", true},
      {"PATCH", "/api/v1/repositories/{repo_name}/visibility", "set_repository_visibility", true},
      {"GET", "/api/v1/system/version", "version_handler", true},
      {"GET", "/api/v1/vm", "list_vms", true},
      {"POST", "/api/v1/vm/branch/by_commit/{commit_id}", "branch_by_commit", true},
      {"POST", "/api/v1/vm/branch/by_ref/{repo_name}/{tag_name}", "branch_by_ref", true},
      {"POST", "/api/v1/vm/branch/by_tag/{tag_name}", "branch_by_tag", true},
      {"POST", "/api/v1/vm/branch/by_vm/{vm_id}", "branch_by_vm", true},
      {"GET", "/api/v1/vm/commits/{commit_id}/parents", "list_parent_commits", true},
      {"POST", "/api/v1/vm/from_commit", "restore_from_commit", true},
      {"POST", "/api/v1/vm/new_root", "create_new_root_vm", true},
      {"DELETE", "/api/v1/vm/{vm_id}", "delete_vm", true},
      {"POST", "/api/v1/vm/{vm_id}/commit", "commit_vm", true},
      {"PATCH", "/api/v1/vm/{vm_id}/disk", "resize_vm_disk", true},
      {"POST", "/api/v1/vm/{vm_id}/exec", "exec_vm", true},
      {"POST", "/api/v1/vm/{vm_id}/exec/stream", "exec_vm_stream", true},
      {"POST", "/api/v1/vm/{vm_id}/exec/stream/attach", "exec_vm_stream_attach", true},
      {"GET", "/api/v1/vm/{vm_id}/files", "read_file_vm", true},
      {"PUT", "/api/v1/vm/{vm_id}/files", "write_file_vm", true},
      {"PATCH", "/api/v1/vm/{vm_id}/label", "label_vm", true},
      {"GET", "/api/v1/vm/{vm_id}/logs", "vm_logs", false},
      {"GET", "/api/v1/vm/{vm_id}/metadata", "get_vm_metadata", true},
      {"GET", "/api/v1/vm/{vm_id}/ssh_key", "ssh_key", true},
      {"PATCH", "/api/v1/vm/{vm_id}/state", "update_vm_state", true},
      {"GET", "/api/v1/vm/{vm_id}/status", "vm_status", true},
      {"POST", "/api/v1/vm/{vm_or_commit_id}/branch", "branch_vm", true},
      {"GET", "/api/v1/vms", "list_vms", true},
  };
  return ops;
}

namespace {

std::vector<std::string> Segments(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 1;  // paths start with '/'
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool IsParam(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// How well `tmpl` matches `path`: -1 when it does not; otherwise a key in
// which a literal segment counts more than every later segment together, so
// that the most literal match from the left wins.
long long MatchKey(const std::vector<std::string>& tmpl, const std::vector<std::string>& path) {
  if (tmpl.size() != path.size()) return -1;
  long long key = 0;
  for (size_t i = 0; i < tmpl.size(); ++i) {
    key <<= 1;
    if (IsParam(tmpl[i])) {
      if (path[i].empty()) return -1;
    } else if (tmpl[i] == path[i]) {
      key |= 1;
    } else {
      return -1;
    }
  }
  return key;
}

}  // namespace

std::vector<const SpecOperation*> MatchSpecPath(const std::string& path) {
  if (path.empty() || path[0] != '/') return {};
  auto wanted = Segments(path);
  long long best = -1;
  const char* best_path = nullptr;
  for (const auto& op : SpecOperations()) {
    long long key = MatchKey(Segments(op.path), wanted);
    if (key > best) {
      best = key;
      best_path = op.path;
    }
  }
  std::vector<const SpecOperation*> out;
  if (best_path == nullptr) return out;
  for (const auto& op : SpecOperations())
    if (std::strcmp(op.path, best_path) == 0) out.push_back(&op);
  return out;
}

}  // namespace vers::local
