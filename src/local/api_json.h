// JSON bodies of the Vers API (components.schemas of orchestrator.openapi.json).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "local/manager.h"
#include "local/model.h"

namespace vers::local {

std::string ErrorJson(const std::string& message);                    // ErrorResponse
std::string VmJson(const VmRecord& vm, const std::string& owner_id);  // VM
std::string VmListJson(const std::vector<VmRecord>& vms, const std::string& owner_id);
std::string VmMetadataJson(const VmRecord& vm, const std::string& owner_id);
std::string VmIdJson(const std::string& vm_id);              // NewVmResponse / VmDeleteResponse
std::string VmIdsJson(const std::vector<std::string>& ids);  // NewVmsResponse
// NewVmsResponse of a failed branch: no VMs, the error, success false.
std::string BranchErrorJson(const std::string& message);
std::string CommitIdJson(const std::string& commit_id);            // VmCommitResponse
std::string SshKeyJson(const std::string& private_key, int port);  // VmSshKeyResponse
std::string CommitInfoJson(const CommitRecord& c, const std::string& owner_id);
std::string CommitListJson(const std::vector<CommitRecord>& page, size_t total, int64_t limit,
                           int64_t offset, const std::string& owner_id);
std::string CommitEntitiesJson(const std::vector<CommitRecord>& chain, const std::string& owner_id);
std::string TagInfoJson(const TagRecord& t);
std::string TagListJson(const std::vector<TagRecord>& tags);
std::string CreateTagJson(const TagRecord& t);
// Repositories (api_json_repos.cc).
std::string RepoInfoJson(const RepoRecord& r);                         // RepositoryInfo
std::string RepoListJson(const std::vector<RepoRecord>& repos);        // ListRepositoriesResponse
std::string CreateRepoJson(const RepoRecord& r);                       // CreateRepositoryResponse
std::string PublicRepoJson(const RepoRecord& r);                       // PublicRepositoryInfo
std::string PublicRepoListJson(const std::vector<RepoRecord>& repos);  // ListPublicRepositories…
std::string RepoTagInfoJson(const std::string& repo, const RepoTagRecord& t);  // RepoTagInfo
std::string RepoTagListJson(const RepoRecord& r);                              // ListRepoTags…
std::string CreateRepoTagJson(const std::string& repo, const RepoTagRecord& t);
std::string ForkJson(const ForkResult& f);  // ForkRepositoryResponse
std::string CountersJson(const std::map<std::string, int64_t>& counters);

}  // namespace vers::local
