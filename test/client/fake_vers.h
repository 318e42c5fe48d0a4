// FakeVers: the few Vers API routes the client's create and commit tests
// need, answering with the spec's shapes (orchestrator.openapi.json: VM,
// VmMetadataResponse, VmCommitEntity, ListCommitsResponse with its default
// 50 / max 100 page, TagInfo), on a real HTTPS server. Like the real API it
// has no idempotency keys. Faults for the next POSTs: `lose` carries the
// POST out and cuts its answer, `drop` cuts it before anything is done.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "base/uuid.h"
#include "client/http_client.h"
#include "test/client/test_server.h"

namespace vers::testing {

class FakeVers {
 public:
  struct Vm {
    std::string id, created_at, parent_commit_id, grandparent_vm_id;
    std::map<std::string, std::string> labels;
  };
  struct Commit {
    std::string id, parent_vm_id, created_at;
  };

  FakeVers() { Register(); }

  std::string base_url() const { return server_.base_url(); }
  std::string ca_file() const { return server_.ca_file(); }
  void Start() { server_.Start(); }

  // Faults for the next POSTs, in order: 'l' lose the answer, 'd' drop the
  // request, '5' answer 503 without doing anything.
  void FailNextPosts(std::string plan) {
    std::lock_guard<std::mutex> l(mu);
    faults_ = std::move(plan);
  }

  // A VM made outside the client (another tool, an earlier run).
  void AddVm(Vm vm) {
    std::lock_guard<std::mutex> l(mu);
    vms.push_back(std::move(vm));
  }
  std::string NewCommit(const std::string& id = "") {
    std::lock_guard<std::mutex> l(mu);
    commits.insert(commits.begin(), {id.empty() ? base::NewRandomUuid() : id, "", Now()});
    return commits.front().id;
  }

  static std::string Now(int seconds_ago = 0) {
    auto t = std::chrono::system_clock::now() - std::chrono::seconds(seconds_ago);
    std::time_t secs = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
    return buf;
  }

  std::mutex mu;
  std::vector<Vm> vms;
  std::vector<Commit> commits;
  std::set<std::string> deleted;  // ids of deleted commits, which stay taken              // newest
                                  // first, as GET /commits lists them
  std::map<std::string, std::string> tags;  // name -> commit id
  std::atomic<int> posts{0};
  std::atomic<int> lookups{0};    // GET /vms, /vm/{id}/metadata, parents, /commit_tags/{name}
  std::function<void()> on_post;  // runs as each POST arrives (e.g. a Ctrl-C)

 private:
  // Applies the next planned fault: true when the request is done with.
  bool Fault(httplib::Response& res, bool& lose) {
    ++posts;
    if (on_post) on_post();
    char f = faults_.empty() ? '-' : faults_[0];
    if (!faults_.empty()) faults_.erase(0, 1);
    lose = f == 'l';
    if (f == 'd') Cut(res);
    if (f == '5') res.status = 503;
    return f == 'd' || f == '5';
  }
  // Cuts the connection after the status line and headers: the client sees
  // no body. (cpp-httplib sends a non-empty body in preference to a content
  // provider, so the body is cleared first.)
  static void Cut(httplib::Response& res) {
    res.body.clear();
    res.set_content_provider(64, "application/json",
                             [](size_t, size_t, httplib::DataSink&) { return false; });
  }
  static std::string Field(const std::string& body, const std::string& key) {
    auto at = body.find("\"" + key + "\":\"");
    if (at == std::string::npos) return "";
    at += key.size() + 4;
    return body.substr(at, body.find('"', at) - at);
  }
  std::string VmJson(const Vm& vm) {
    std::string labels;
    for (const auto& [k, v] : vm.labels)
      labels += (labels.empty() ? "\"" : ",\"") + k + "\":\"" + v + "\"";
    return R"({"vm_id":")" + vm.id + R"(","owner_id":"o","created_at":")" + vm.created_at +
           R"(","state":"running","labels":{)" + labels + "}}";
  }
  void NewVm(httplib::Response& res, bool lose, Vm vm) {
    vm.id = base::NewRandomUuid();
    vm.created_at = Now();
    vms.push_back(vm);
    res.status = 201;
    res.set_content(R"({"vm_id":")" + vm.id + "\"}", "application/json");
    if (lose) Cut(res);
  }

  void Register() {
    auto& h = server_.http();
    h.Post("/api/v1/vm/new_root", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> l(mu);
      bool lose = false;
      if (Fault(res, lose)) return;
      Vm vm;
      std::string token = Field(req.body, client::kCreateTokenLabel);
      if (!token.empty()) vm.labels[client::kCreateTokenLabel] = token;
      std::string env = Field(req.body, "env");
      if (!env.empty()) vm.labels["env"] = env;
      NewVm(res, lose, vm);
    });
    h.Post("/api/v1/vm/from_commit", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> l(mu);
      bool lose = false;
      if (Fault(res, lose)) return;
      Vm vm;
      vm.parent_commit_id = Field(req.body, "commit_id");
      NewVm(res, lose, vm);
    });
    h.Post(R"(/api/v1/vm/([^/]+)/commit)",
           [this](const httplib::Request& req, httplib::Response& res) {
             std::lock_guard<std::mutex> l(mu);
             bool lose = false;
             if (Fault(res, lose)) return;
             std::string id = Field(req.body, "commit_id");
             // The orchestrator's insert fails on any row with that id, a
             // deleted commit's too (deletion only marks the row): 500.
             bool taken = deleted.count(id) > 0;
             for (const auto& c : commits) taken = taken || c.id == id;
             if (taken) {
               res.status = 500;
               res.set_content(R"({"error":"db error","success":false})", "application/json");
               return;
             }
             commits.insert(commits.begin(), {id, req.matches[1], Now()});
             res.status = 201;
             res.set_content(R"({"commit_id":")" + id + "\"}", "application/json");
             if (lose) Cut(res);
           });
    h.Post("/api/v1/commit_tags", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> l(mu);
      bool lose = false;
      if (Fault(res, lose)) return;
      std::string name = Field(req.body, "tag_name");
      if (!tags.emplace(name, Field(req.body, "commit_id")).second) {
        res.status = 409;
        res.set_content(R"({"error":"tag exists","success":false})", "application/json");
        return;
      }
      res.status = 201;
      res.set_content(
          R"({"tag_id":"t","tag_name":")" + name + R"(","commit_id":")" + tags[name] + "\"}",
          "application/json");
      if (lose) Cut(res);
    });
    h.Get("/api/v1/commit_tags/([^/]+)",
          [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard<std::mutex> l(mu);
            ++lookups;
            auto t = tags.find(req.matches[1]);
            if (t == tags.end()) {
              res.status = 404;
              return;
            }
            res.set_content(R"({"tag_id":"t","tag_name":")" + t->first + R"(","commit_id":")" +
                                t->second + R"(","created_at":"x","updated_at":"x"})",
                            "application/json");
          });
    h.Get("/api/v1/vms", [this](const httplib::Request&, httplib::Response& res) {
      std::lock_guard<std::mutex> l(mu);
      ++lookups;
      std::string out;
      for (const auto& vm : vms) out += (out.empty() ? "" : ",") + VmJson(vm);
      res.set_content("[" + out + "]", "application/json");
    });
    h.Get("/api/v1/vm/([^/]+)/status", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> l(mu);
      for (const auto& vm : vms)
        if (vm.id == req.matches[1]) return res.set_content(VmJson(vm), "application/json");
      res.status = 404;
    });
    h.Get(
        "/api/v1/vm/([^/]+)/metadata", [this](const httplib::Request& req, httplib::Response& res) {
          std::lock_guard<std::mutex> l(mu);
          ++lookups;
          for (const auto& vm : vms) {
            if (vm.id != req.matches[1]) continue;
            auto opt = [](const std::string& v) { return v.empty() ? "null" : "\"" + v + "\""; };
            return res.set_content(R"({"vm_id":")" + vm.id + R"(","owner_id":"o","created_at":")" +
                                       vm.created_at + R"(","state":"running","ip":"10.0.0.2",)" +
                                       R"("parent_commit_id":)" + opt(vm.parent_commit_id) +
                                       R"(,"grandparent_vm_id":)" + opt(vm.grandparent_vm_id) + "}",
                                   "application/json");
          }
          res.status = 404;
        });
    h.Get("/api/v1/vm/commits/([^/]+)/parents", [this](const httplib::Request& req,
                                                       httplib::Response& res) {
      std::lock_guard<std::mutex> l(mu);
      ++lookups;
      for (const auto& c : commits) {
        if (c.id != req.matches[1]) continue;
        return res.set_content(
            R"([{"id":")" + c.id + R"(","owner_id":"o","name":"n","created_at":")" + c.created_at +
                R"(","parent_vm_id":")" + c.parent_vm_id + R"(","is_public":false}])",
            "application/json");
      }
      res.status = 404;
      res.set_content(R"({"error":"commit not found","success":false})", "application/json");
    });
    h.Get("/api/v1/commits", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> l(mu);
      auto param = [&req](const char* k, long d) {
        return req.has_param(k) ? std::stol(req.get_param_value(k)) : d;
      };
      long limit = std::min(param("limit", 50), 100L);
      long offset = param("offset", 0);
      std::string out;
      for (long i = offset; i < static_cast<long>(commits.size()) && i < offset + limit; ++i) {
        out += (out.empty() ? "" : ",") + std::string(R"({"commit_id":")") + commits[i].id +
               R"(","owner_id":"o","name":"n","created_at":")" + commits[i].created_at +
               R"(","is_public":false})";
      }
      res.set_content(R"({"commits":[)" + out + R"(],"total":)" + std::to_string(commits.size()) +
                          R"(,"limit":)" + std::to_string(limit) + R"(,"offset":)" +
                          std::to_string(offset) + "}",
                      "application/json");
    });
  }

  TestHttpsServer server_;
  std::string faults_;
};

}  // namespace vers::testing
