// The parameters and results of VmManager's operations (manager.h), as the
// API handlers fill them from the spec's request bodies.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "local/model.h"

namespace vers::local {

// A new root VM (NewRootRequest's vm_config, VmCreateVmConfig).
struct VmConfig {
  std::optional<int64_t> vcpu_count, mem_size_mib, fs_size_mib;
  Labels labels;
  std::optional<std::string> image_name = {};  // null or "default": the base image alone
};

// CreateBaseImageRequest / the upload's query: the new image.
struct ImageParams {
  std::string name;
  std::optional<std::string> description;
  std::string source_type;  // "upload", "docker" or "s3"
  int64_t size_mib = 512;
};

struct CommitParams {
  bool keep_paused = false;
  bool nothing_written = false;  // the VM only just started from its commit: an empty layer
  std::optional<std::string> commit_id, name, description;
};

struct TagPatch {
  std::optional<std::string> commit_id;
  bool set_description = false;
  std::optional<std::string> description;  // nullopt with set_description: clear
};

// POST /repositories/fork (ForkRepositoryRequest): unset names default to
// the source's.
struct ForkParams {
  std::string source_org, source_repo, source_tag;
  std::optional<std::string> repo_name, tag_name;
};

// ForkRepositoryResponse: the VM made from the source tag, its commit, and
// the new repository's tag pointing at that commit.
struct ForkResult {
  std::string vm_id, commit_id, repo_name, tag_name;
};
}  // namespace vers::local
