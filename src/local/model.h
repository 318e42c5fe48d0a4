// The persisted model of vers-local: VMs, commits and tags.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace vers::local {

using Labels = std::map<std::string, std::string>;

struct VmRecord {
  std::string id;
  std::string created_at;  // RFC 3339
  std::string state;       // booting | running | paused | dead
  Labels labels;
  int64_t vcpu_count = 1;
  int64_t mem_size_mib = 512;
  int64_t fs_size_mib = 1024;
  std::optional<std::string> parent_commit_id;
  std::optional<std::string> grandparent_vm_id;  // the VM the parent commit came from
  std::vector<std::string> layers;               // commit ids whose layers are lowers, newest first
};

struct CommitRecord {
  std::string id;
  std::string name;
  std::optional<std::string> description;
  std::string created_at;
  bool is_public = false;
  std::optional<std::string> parent_vm_id;
  std::optional<std::string> grandparent_commit_id;
  std::vector<std::string> layers;  // this commit first, then its ancestors
  int64_t vcpu_count = 1;
  int64_t mem_size_mib = 512;
  int64_t fs_size_mib = 1024;
};

struct TagRecord {
  std::string id;
  std::string name;
  std::string commit_id;
  std::optional<std::string> description;
  std::string created_at;
  std::string updated_at;
};

struct State {
  std::string owner_id;  // the single local account
  std::map<std::string, VmRecord> vms;
  std::map<std::string, CommitRecord> commits;
  std::map<std::string, TagRecord> tags;  // by tag name
  // Ids of deleted commits. The orchestrator marks a deleted commit's row
  // (deleted_at) rather than removing it, so its id can never be used again.
  std::set<std::string> deleted_commit_ids;
};

}  // namespace vers::local
