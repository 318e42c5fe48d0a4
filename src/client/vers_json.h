// Parsing of Vers API JSON answers into the types of vers_types.h. Each
// function reports what was missing or malformed, never the body itself
// (an answer may hold a private key).
#pragma once

#include <string_view>
#include <vector>

#include "base/status.h"
#include "client/vers_types.h"

namespace vers::client {

// One VM, a list of VMs, GET /vm/{id}/metadata (VmMetadataResponse) and GET
// /vm/{id}/ssh_key (VmSshKeyResponse); a required field missing or of the
// wrong type is an error naming it.
Result<Vm> ParseVm(std::string_view json);
Result<std::vector<Vm>> ParseVmList(std::string_view json);
Result<VmMetadata> ParseVmMetadata(std::string_view json);
Result<SshKey> ParseSshKey(std::string_view json);
// One page of GET /commits (ListCommitsResponse).
Result<CommitPage> ParseCommitPage(std::string_view json);
// GET /vm/commits/{id}/parents: VmCommitEntity objects, the commit first.
Result<std::vector<Commit>> ParseCommitEntities(std::string_view json);
// One CommitInfo (the answer of PATCH /commits/{id}).
Result<Commit> ParseCommitInfo(std::string_view json);
Result<Tag> ParseTag(std::string_view json);
// Repositories (vers_json_repos.cc): RepositoryInfo, ListRepositoriesResponse,
// RepoTagInfo, ListRepoTagsResponse, PublicRepositoryInfo,
// ListPublicRepositoriesResponse, ForkRepositoryResponse.
Result<Repository> ParseRepository(std::string_view json);
Result<std::vector<Repository>> ParseRepositoryList(std::string_view json);
Result<RepoTag> ParseRepoTag(std::string_view json);
Result<std::vector<RepoTag>> ParseRepoTagList(std::string_view json);
Result<PublicRepository> ParsePublicRepository(std::string_view json);
Result<std::vector<PublicRepository>> ParsePublicRepositoryList(std::string_view json);
Result<ForkResult> ParseForkResult(std::string_view json);
// {"vm_id": …} and {"commit_id": …} answers.
Result<std::string> ParseField(std::string_view json, const char* field);
// A branch answer: {"vms":[{"vm_id":…},…]} (the spec's NewVmsResponse) or
// {"vm_id":…} (one VM); at least one id, else an error.
Result<std::vector<std::string>> ParseBranchVmIds(std::string_view json);
// The "error" text of an error body, or empty.
std::string ParseErrorText(std::string_view json);

}  // namespace vers::client
