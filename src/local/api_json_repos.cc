// JSON bodies of the repository operations (RepositoryInfo, RepoTagInfo,
// PublicRepositoryInfo and their lists, the create and fork answers).
#include "local/api_json.h"
#include "local/json_write.h"

namespace vers::local {
namespace {

void Repo(JsonWriter& w, const RepoRecord& r) {
  w.BeginObject().Key("repo_id").String(r.id).Key("name").String(r.name);
  OptString(w, "description", r.description);
  w.Key("is_public").Bool(r.is_public).Key("created_at").String(r.created_at).EndObject();
}

void PublicRepo(JsonWriter& w, const RepoRecord& r) {
  w.BeginObject().Key("repo_id").String(r.id).Key("org_name").String(kLocalOrgName);
  w.Key("name").String(r.name).Key("full_name").String(std::string(kLocalOrgName) + "/" + r.name);
  OptString(w, "description", r.description);
  w.Key("created_at").String(r.created_at).EndObject();
}

void RepoTag(JsonWriter& w, const std::string& repo, const RepoTagRecord& t) {
  w.BeginObject().Key("tag_id").String(t.id).Key("tag_name").String(t.name);
  w.Key("reference").String(repo + ":" + t.name).Key("commit_id").String(t.commit_id);
  OptString(w, "description", t.description);
  w.Key("created_at").String(t.created_at).Key("updated_at").String(t.updated_at).EndObject();
}

}  // namespace

std::string RepoInfoJson(const RepoRecord& r) {
  return WriteJson([&](JsonWriter& w) { Repo(w, r); });
}

std::string RepoListJson(const std::vector<RepoRecord>& repos) {
  return ListJson("repositories", repos, Repo);
}

std::string CreateRepoJson(const RepoRecord& r) {
  JsonWriter w;
  w.BeginObject().Key("repo_id").String(r.id).Key("name").String(r.name).EndObject();
  return FinishJson(w);
}

std::string PublicRepoJson(const RepoRecord& r) {
  return WriteJson([&](JsonWriter& w) { PublicRepo(w, r); });
}

std::string PublicRepoListJson(const std::vector<RepoRecord>& repos) {
  return ListJson("repositories", repos, PublicRepo);
}

std::string RepoTagInfoJson(const std::string& repo, const RepoTagRecord& t) {
  return WriteJson([&](JsonWriter& w) { RepoTag(w, repo, t); });
}

std::string RepoTagListJson(const RepoRecord& r) {
  JsonWriter w;
  w.BeginObject().Key("repository").String(r.name).Key("tags").BeginArray();
  for (const auto& [name, t] : r.tags) RepoTag(w, r.name, t);
  w.EndArray().EndObject();
  return FinishJson(w);
}

std::string CreateRepoTagJson(const std::string& repo, const RepoTagRecord& t) {
  JsonWriter w;
  w.BeginObject().Key("tag_id").String(t.id).Key("reference").String(repo + ":" + t.name);
  w.Key("commit_id").String(t.commit_id).EndObject();
  return FinishJson(w);
}

std::string ForkJson(const ForkResult& f) {
  JsonWriter w;
  w.BeginObject().Key("vm_id").String(f.vm_id).Key("commit_id").String(f.commit_id);
  w.Key("repo_name").String(f.repo_name).Key("tag_name").String(f.tag_name);
  w.Key("reference").String(f.repo_name + ":" + f.tag_name).EndObject();
  return FinishJson(w);
}

}  // namespace vers::local
