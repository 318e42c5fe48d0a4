// vers_vm_file against an HTTPS server that keeps one VM's files as the Vers
// API describes them (orchestrator.openapi.json: PUT /vm/{vm_id}/files takes
// VmWriteFileRequest {path, content_b64, mode, create_dirs}; GET
// /vm/{vm_id}/files?path= answers VmReadFileResponse {content_b64}; POST
// /vm/{vm_id}/exec takes VmExecRequest {command: argv} and answers
// VmExecResponse {exit_code, stdout, stderr}; an unknown VM is 404 "VM not
// found"). Vers's server answers a failed read with 500 (chelsea_server2 vm
// routes, vm_read_file_handler), so the resource asks `stat` whether the
// file exists.
#include "resources/vm_file.h"

#include <simdjson.h>

#include <catch2/catch.hpp>
#include <map>
#include <mutex>

#include "base/base64.h"
#include "plugin/schema/walk.h"
#include "resources/context.h"
#include "resources/framework.h"
#include "test/client/test_server.h"

namespace vers::resources {
namespace {

using cty::Value;
const std::string kVm = "11111111-1111-4111-8111-111111111111";

struct File {
  std::string bytes;
  int mode = 0644;
};

// One VM's files, behind the three routes.
struct FilesApi {
  testing::TestHttpsServer server;
  std::mutex mu;
  std::map<std::string, File> files;
  std::vector<std::vector<std::string>> execs;  // every exec's argv

  FilesApi() {
    const std::string vm = "/api/v1/vm/" + kVm;
    auto& h = server.http();
    h.Put(vm + "/files", [this](const httplib::Request& req, httplib::Response& res) {
      simdjson::dom::parser p;
      simdjson::dom::object o;
      std::string_view path, b64;
      int64_t mode = 0;
      if (p.parse(req.body).get_object().get(o) || o["path"].get_string().get(path) ||
          o["content_b64"].get_string().get(b64) || o["mode"].get_int64().get(mode)) {
        res.status = 400;
        return;
      }
      std::lock_guard<std::mutex> l(mu);
      files[std::string(path)] = {base::Base64Decode(b64).value_or(""), static_cast<int>(mode)};
      res.status = 200;
    });
    h.Get(vm + "/files", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> l(mu);
      auto it = files.find(req.get_param_value("path"));
      if (it == files.end()) {
        res.status = 500;
        return res.set_content(R"({"error":"No such file or directory"})", "application/json");
      }
      res.set_content(R"({"content_b64":")" + base::Base64Encode(it->second.bytes) + R"("})",
                      "application/json");
    });
    h.Post(vm + "/exec", [this](const httplib::Request& req, httplib::Response& res) {
      simdjson::dom::parser p;
      simdjson::dom::array command;
      std::vector<std::string> argv;
      if (p.parse(req.body)["command"].get_array().get(command)) {
        res.status = 400;
        return;
      }
      for (auto a : command) {
        std::string_view word;
        if (!a.get_string().get(word)) argv.emplace_back(word);
      }
      std::lock_guard<std::mutex> l(mu);
      execs.push_back(argv);
      int code = 2;
      std::string out;
      auto it = files.find(argv.back());
      if (argv.size() == 5 && argv[0] == "stat" && it != files.end()) {
        char octal[8];
        std::snprintf(octal, sizeof octal, "%o\n", it->second.mode);
        out = octal, code = 0;
      } else if (argv.size() == 4 && argv[0] == "rm") {
        if (it != files.end()) files.erase(it);
        code = 0;
      }
      res.set_content(R"({"exit_code":)" + std::to_string(code) + R"(,"stdout":")" +
                          (out.empty() ? "" : out.substr(0, out.size() - 1) + "\\n") +
                          R"(","stderr":""})",
                      "application/json");
    });
    h.Get("/api/v1/vm/.*", [](const httplib::Request&, httplib::Response& res) {
      res.status = 404;
      res.set_content(R"({"error":"VM not found"})", "application/json");
    });
    server.Start();
  }

  provider::VersContext Context() {
    provider::Settings s;
    s.api_key = "test-key";
    s.base_url = server.base_url();
    s.ca_cert_file = server.ca_file();
    return provider::VersContext(s, std::nullopt);
  }
};

const VmFile& Resource() {
  static const VmFile r;
  return r;
}

// A planned vers_vm_file object; `content_attr` names the content's attribute.
Value Planned(const std::string& path, const std::string& content,
              const std::string& content_attr = "content", const std::string& mode = "0644") {
  const cty::Type object = Resource().GetSchema().ValueType();
  Value::Attributes a;
  for (const auto& [name, type] : object.attributes()) a[name] = Value::Null(type);
  a["vm_id"] = Value::String(kVm);
  a["path"] = Value::String(path);
  a[content_attr] = Value::String(content);
  a["mode"] = Value::String(mode);
  a["create_dirs"] = Value::Bool(true);
  a["id"] = Value::Unknown(cty::Type::String());
  return Value::ObjectOfType(object, a);
}

Value Created(provider::VersContext& ctx, const Value& plan) {
  StateResponse resp;
  Resource().Create({plan, plan, ctx}, resp);
  REQUIRE_FALSE(resp.diagnostics.HasError());
  REQUIRE(resp.state);
  return *resp.state;
}

ReadResponse Read(provider::VersContext& ctx, const Value& state) {
  ReadResponse resp;
  Resource().Read({state, ctx}, resp);
  REQUIRE_FALSE(resp.diagnostics.HasError());
  return resp;
}

}  // namespace

TEST_CASE("vers_vm_file writes the file and reads it back unchanged", "[vm_file]") {
  FilesApi api;
  auto ctx = api.Context();
  Value state = Created(ctx, Planned("/etc/app.conf", "a=1\n", "content", "600"));
  CHECK(state.GetAttr("id").AsString() == kVm);
  CHECK(api.files["/etc/app.conf"].bytes == "a=1\n");
  CHECK(api.files["/etc/app.conf"].mode == 0600);
  auto read = Read(ctx, state);
  CHECK_FALSE(read.removed);
  CHECK(read.state == state);  // "600" is kept: it means 0600
}

TEST_CASE("vers_vm_file sees content and mode changed on the VM, and a file removed", "[vm_file]") {
  FilesApi api;
  auto ctx = api.Context();
  Value state = Created(ctx, Planned("/srv/x", "one"));
  api.files["/srv/x"] = {"two", 0755};
  auto read = Read(ctx, state);
  CHECK(read.state.GetAttr("content").AsString() == "two");
  CHECK(read.state.GetAttr("mode").AsString() == "0755");
  api.files.clear();
  CHECK(Read(ctx, state).removed);
}

TEST_CASE("vers_vm_file reads sensitive content back into sensitive_content", "[vm_file]") {
  FilesApi api;
  auto ctx = api.Context();
  Value state = Created(ctx, Planned("/root/token", "s3cret", "sensitive_content"));
  api.files["/root/token"].bytes = "changed";
  auto read = Read(ctx, state);
  CHECK(read.state.GetAttr("sensitive_content").AsString() == "changed");
  CHECK(read.state.GetAttr("content").is_null());
}

TEST_CASE("vers_vm_file deletes with rm as argv, and a VM already gone is not an error",
          "[vm_file]") {
  FilesApi api;
  auto ctx = api.Context();
  Value state = Created(ctx, Planned("/tmp/a b; echo x", "c"));
  DeleteResponse del;
  Resource().Delete({state, ctx}, del);
  CHECK_FALSE(del.diagnostics.HasError());
  CHECK(api.files.empty());
  CHECK(api.execs.back() == std::vector<std::string>{"rm", "-f", "--", "/tmp/a b; echo x"});
  Value::Attributes a = state.AsAttributes();
  a["vm_id"] = Value::String("22222222-2222-4222-8222-222222222222");
  Value gone = Value::ObjectOfType(Resource().GetSchema().ValueType(), a);
  DeleteResponse del2;
  Resource().Delete({gone, ctx}, del2);
  CHECK_FALSE(del2.diagnostics.HasError());
  CHECK(Read(ctx, gone).removed);
}

TEST_CASE("vers_vm_file's configuration: one content, an absolute path, an octal mode",
          "[vm_file]") {
  auto errors = [](const Value& config) {
    Diagnostics d;
    schema::ValidateConfig(Resource().GetSchema().block, config, d);
    std::vector<std::string> out;
    for (const auto& i : d.items()) out.push_back(i.summary);
    return out;
  };
  CHECK(errors(Planned("/etc/x", "c")).empty());
  Value both = Planned("/etc/x", "c");
  Value::Attributes a = both.AsAttributes();
  a["sensitive_content"] = Value::String("s");
  CHECK(errors(Value::ObjectOfType(both.type(), a)).size() == 1);
  CHECK(errors(Planned("etc/x", "c")) == std::vector<std::string>{"Invalid path"});
  CHECK(errors(Planned("/etc/", "c")) == std::vector<std::string>{"Invalid path"});
  CHECK(errors(Planned("/etc/x\n", "c")) == std::vector<std::string>{"Invalid path"});
  CHECK(errors(Planned("/etc/x", "c", "content", "0999")) ==
        std::vector<std::string>{"Invalid mode"});
}

TEST_CASE("vers_vm_file imports <vm_id>:<path>", "[vm_file]") {
  provider::VersContext ctx(provider::Settings{}, std::nullopt);
  ImportResponse ok;
  Resource().ImportState({kVm + ":/etc/hosts", ctx}, ok);
  REQUIRE_FALSE(ok.diagnostics.HasError());
  CHECK(ok.state.GetAttr("vm_id").AsString() == kVm);
  CHECK(ok.state.GetAttr("path").AsString() == "/etc/hosts");
  ImportResponse bad;
  Resource().ImportState({kVm + ":etc/hosts", ctx}, bad);
  CHECK(bad.diagnostics.HasError());
}

TEST_CASE("vers_vm_file's import reads the content as sensitive", "[vm_file]") {
  // The import cannot know whether the configuration declares the content
  // sensitive; held as plain `content`, the next plan would print it.
  FilesApi api;
  auto ctx = api.Context();
  api.files["/root/token"] = {"s3cret", 0600};
  ImportResponse imported;
  Resource().ImportState({kVm + ":/root/token", ctx}, imported);
  REQUIRE_FALSE(imported.diagnostics.HasError());
  auto read = Read(ctx, imported.state);
  CHECK(read.state.GetAttr("sensitive_content").AsString() == "s3cret");
  CHECK(read.state.GetAttr("content").is_null());
}

}  // namespace vers::resources
