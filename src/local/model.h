// The persisted model of vers-local: VMs, commits, tags and repositories.
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

// A tag inside a repository (RepoTagInfo); its reference is "repo:tag".
struct RepoTagRecord {
  std::string id;
  std::string name;
  std::string commit_id;
  std::optional<std::string> description;
  std::string created_at;
  std::string updated_at;
};

// A repository of the account (RepositoryInfo): private until made public.
struct RepoRecord {
  std::string id;
  std::string name;
  std::optional<std::string> description;
  bool is_public = false;
  std::string created_at;
  std::map<std::string, RepoTagRecord> tags;  // by tag name
};

// A base image (BaseImageInfo and BaseImageStatusResponse). vers-local
// cannot pull images (POST /images/create): those fail with a reason. An
// uploaded root filesystem archive becomes a read-only layer (named by the
// image id) stacked on vers-local's own Debian image: a VM with this
// image_name boots that image with the archive's files over it.
struct BaseImageRecord {
  std::string id;  // base_image_id, also its layer's name
  std::string name;
  std::optional<std::string> description;
  std::string source_type;  // "upload", "docker" or "s3"
  int64_t size_mib = 512;
  std::string created_at;
  std::string status;  // kImagePending, kImageReady or kImageFailed
  std::optional<std::string> error_message;
};

// The status values vers-local answers. The spec types status as a bare
// string and names no values (BaseImageStatusResponse), and no public client
// reads it; clients should treat any other value as still in progress.
inline constexpr const char* kImagePending = "pending";
inline constexpr const char* kImageReady = "ready";
inline constexpr const char* kImageFailed = "failed";

// A custom domain bound to a VM (DomainResponse). vers-local records it; it
// routes nothing (its VMs are reached through the SNI front only).
struct DomainRecord {
  std::string id;
  std::string vm_id;
  std::string domain;
  std::string created_at;
};

// The local account's organization name: the namespace of its public
// repositories (PublicRepositoryInfo.org_name, "org_name/repo_name").
inline constexpr const char* kLocalOrgName = "vers-local";

struct State {
  std::string owner_id;  // the single local account
  std::map<std::string, VmRecord> vms;
  std::map<std::string, CommitRecord> commits;
  std::map<std::string, TagRecord> tags;          // by tag name
  std::map<std::string, RepoRecord> repos;        // by repository name
  std::map<std::string, BaseImageRecord> images;  // by image name
  std::map<std::string, std::string> env_vars;    // the account's, by key
  std::map<std::string, DomainRecord> domains;    // by domain id
  // Ids of deleted commits. The orchestrator marks a deleted commit's row
  // (deleted_at) rather than removing it, so its id can never be used again.
  std::set<std::string> deleted_commit_ids;
};

}  // namespace vers::local
