// Repository references and answers. The forms: "repo:tag" split at the first
// ':' with both sides non-empty (the orchestrator's restore_from_commit
// handler answers 400 "Invalid ref format. Expected 'repo_name:tag_name'"
// otherwise), "org/repo:tag" (hdresearch/vers-cli cmd/repo.go parseRepoRef),
// names of 1-64 letters, digits, '-', '_', '.' (CreateRepositoryRequest.name
// in orchestrator.openapi.json). Answers in the spec's shapes.
#include "client/repo_refs.h"

#include <catch2/catch.hpp>

#include "client/vers_json.h"

namespace vers::client {

TEST_CASE("repo:tag references parse, or say what is accepted", "[client][repos]") {
  auto ok = ParseRepoRef("images:v1.0");
  REQUIRE(ok.ok());
  CHECK(ok.value().repo == "images");
  CHECK(ok.value().tag == "v1.0");
  CHECK(ok.value().str() == "images:v1.0");
  for (const char* bad : {"images", ":v1", "images:", "a b:v1", "images:v:1", "org/images:v1"}) {
    auto r = ParseRepoRef(bad);
    INFO(bad);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.status().message(), Catch::Contains("\"repo:tag\""));
  }
  CHECK_THAT(ParseRepoRef("images").status().message(), Catch::Contains("it has no ':'"));
  CHECK(IsRepoName(std::string(64, 'a')));
  CHECK_FALSE(IsRepoName(std::string(65, 'a')));
}

TEST_CASE("org/repo:tag references parse, or say what is accepted", "[client][repos]") {
  auto ok = ParsePublicRef("acme/ubuntu:latest");
  REQUIRE(ok.ok());
  CHECK(ok.value().org == "acme");
  CHECK(ok.value().repo == "ubuntu");
  CHECK(ok.value().tag == "latest");
  for (const char* bad : {"ubuntu:latest", "/ubuntu:latest", "acme/ubuntu", "acme/:latest"}) {
    INFO(bad);
    auto r = ParsePublicRef(bad);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.status().message(), Catch::Contains("\"org/repo:tag\""));
  }
}

TEST_CASE("repository answers parse in the spec's shapes", "[client][repos]") {
  auto repo = ParseRepository(
      R"({"repo_id":"r1","name":"app","description":null,"is_public":true,"created_at":"t"})");
  REQUIRE(repo.ok());
  CHECK(repo.value().is_public);
  CHECK_FALSE(repo.value().description);
  CHECK_FALSE(ParseRepository(R"({"repo_id":"r1","name":"app"})").ok());  // is_public required
  auto tags = ParseRepoTagList(
      R"({"repository":"app","tags":[{"tag_id":"t1","tag_name":"v1","reference":"app:v1",)"
      R"("commit_id":"c1","created_at":"a","updated_at":"b"}]})");
  REQUIRE(tags.ok());
  REQUIRE(tags.value().size() == 1);
  CHECK(tags.value()[0].reference == "app:v1");
  auto pub = ParsePublicRepositoryList(
      R"({"repositories":[{"repo_id":"r","org_name":"acme","name":"u","full_name":"acme/u",)"
      R"("created_at":"t"}]})");
  REQUIRE(pub.ok());
  CHECK(pub.value()[0].full_name == "acme/u");
  auto fork = ParseForkResult(
      R"({"vm_id":"v","commit_id":"c","repo_name":"r","tag_name":"t","reference":"r:t"})");
  REQUIRE(fork.ok());
  CHECK(fork.value().vm_id == "v");
  CHECK_FALSE(ParseForkResult(R"({"vm_id":"v"})").ok());
}

}  // namespace vers::client
