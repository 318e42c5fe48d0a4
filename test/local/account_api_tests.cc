// Env var and domain routes of vers-local. Sources: the Vers spec
// (SetEnvVarsRequest: key rule "^[A-Za-z_][A-Za-z0-9_]*$, max 256 chars",
// values "max 8192 chars", `replace` semantics; EnvVarsResponse; delete 204
// or 404; CreateDomainRequest, DomainResponse, create 201/404/409,
// DeleteDomainResponse with 200); hdresearch/vers_user_skills
// use-vers-for-everything/references/error_shapes.md (404 "Environment
// variable not found"; the ENV_ round trip: put, get echoes the values, bad
// keys (dash, too long) refused, delete each, get empty) and
// api-cheatsheet.md (DELETE /domains/{id} answers 200 {domain_id}).
#include "api_fixture.h"

using vers::local::testing::ApiFixture;

TEST_CASE("env vars: upsert, read back with values, replace, delete", "[api][account]") {
  ApiFixture f;
  std::string body;
  CHECK(f.Get("/api/v1/env_vars") == R"({"vars":{}})");
  REQUIRE(f.Send("PUT", "/api/v1/env_vars", R"({"vars":{"A":"1","DB_URL":"postgres://x"}})",
                 &body) == 200);
  CHECK(body == R"({"vars":{"A":"1","DB_URL":"postgres://x"}})");
  REQUIRE(f.Send("PUT", "/api/v1/env_vars", R"({"vars":{"A":"2"}})") == 200);
  CHECK(f.Get("/api/v1/env_vars") == R"({"vars":{"A":"2","DB_URL":"postgres://x"}})");
  REQUIRE(f.Send("PUT", "/api/v1/env_vars", R"({"vars":{"B":"3"},"replace":true})") == 200);
  CHECK(f.Get("/api/v1/env_vars") == R"({"vars":{"B":"3"}})");
  CHECK(f.Send("PUT", "/api/v1/env_vars", R"({"vars":{"BAD-KEY":"x"}})", &body) == 400);
  CHECK(body.find("shell identifiers") != std::string::npos);
  CHECK(f.Send("PUT", "/api/v1/env_vars", R"({"vars":{")" + std::string(257, 'K') + R"(":"x"}})") ==
        400);
  CHECK(f.Send("PUT", "/api/v1/env_vars",
               R"({"vars":{"LONG":")" + std::string(8193, 'v') + R"("}})") == 400);
  CHECK(f.Send("PUT", "/api/v1/env_vars", R"({"vars":{"N":1}})") == 400);
  CHECK(f.Send("PUT", "/api/v1/env_vars", R"({})") == 400);
  CHECK(f.Get("/api/v1/env_vars") == R"({"vars":{"B":"3"}})");  // nothing of the bad ones
  CHECK(f.Send("DELETE", "/api/v1/env_vars/B", "") == 204);
  CHECK(f.Send("DELETE", "/api/v1/env_vars/B", "", &body) == 404);
  CHECK(f.Field(body, "error") == "Environment variable not found");
}

TEST_CASE("domains: bind to a VM, list by VM, conflict, delete, gone with the VM",
          "[api][account]") {
  ApiFixture f;
  std::string vm = f.NewVm(R"({"vcpu_count":1})");
  std::string body;
  REQUIRE(f.Send("POST", "/api/v1/domains",
                 R"({"vm_id":")" + vm + R"(","domain":"app.example.com"})", &body) == 201);
  std::string id = f.Field(body, "domain_id");
  CHECK(f.Field(body, "vm_id") == vm);
  CHECK(f.Field(body, "domain") == "app.example.com");
  CHECK(!f.Field(body, "created_at").empty());
  CHECK(f.Send("POST", "/api/v1/domains",
               R"({"vm_id":")" + vm + R"(","domain":"APP.example.com"})") == 409);
  CHECK(f.Send("POST", "/api/v1/domains",
               R"({"vm_id":"00000000-0000-4000-8000-000000000001","domain":"b.example.com"})") ==
        404);
  CHECK(f.Send("POST", "/api/v1/domains",
               R"({"vm_id":")" + vm + R"(","domain":"no spaces.com"})") == 400);
  CHECK(f.Send("POST", "/api/v1/domains", R"({"domain":"c.example.com"})") == 400);
  CHECK(f.Field(f.Get("/api/v1/domains/" + id), "domain") == "app.example.com");
  CHECK(f.Get("/api/v1/domains?vm_id=" + vm).find(id) != std::string::npos);
  CHECK(f.Get("/api/v1/domains?vm_id=00000000-0000-4000-8000-000000000001") == "[]");
  f.Get("/api/v1/domains/not-a-uuid", 400);
  REQUIRE(f.Send("DELETE", "/api/v1/domains/" + id, "", &body) == 200);
  CHECK(f.Field(body, "domain_id") == id);
  f.Get("/api/v1/domains/" + id, 404);
  REQUIRE(f.Send("POST", "/api/v1/domains", R"({"vm_id":")" + vm + R"(","domain":"d.example.com"})",
                 &body) == 201);
  REQUIRE(f.Send("DELETE", "/api/v1/vm/" + vm, "") == 200);
  CHECK(f.Get("/api/v1/domains") == "[]");
}

TEST_CASE("env vars: replace must be a boolean", "[api][account]") {
  ApiFixture f;
  CHECK(f.Send("PUT", "/api/v1/env_vars", R"({"vars":{},"replace":null})") == 400);
  CHECK(f.Send("PUT", "/api/v1/env_vars", R"({"vars":{},"replace":"yes"})") == 400);
  CHECK(f.Send("PUT", "/api/v1/env_vars", R"({"vars":{"A":"1"},"replace":false})") == 200);
}
