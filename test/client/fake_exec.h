// FakeExec: the Vers API's exec and file routes for client tests, on a real
// HTTPS server, answering as the real ones do:
//  - the spec (orchestrator.openapi.json): PUT /vm/{id}/files takes
//    VmWriteFileRequest and answers 200 with no body; POST /vm/{id}/exec
//    answers VmExecResponse; /exec/stream takes VmExecRequest and answers an
//    NDJSON stream; /exec/stream/attach takes VmExecStreamAttachRequest
//    ("cursor to resume from (exclusive). If omitted, the full retained
//    backlog is replayed");
//  - Vers's server source (its VmExecStreamEvent and vm routes): one JSON
//    object per line, {"type":"chunk","exec_id","cursor","stream",
//    "data_b64"} then {"type":"exit","exec_id","cursor","exit_code"},
//    application/x-ndjson; attach to an unknown session is 404.
// A command's output is scripted: command {"emit", "a", "b", ...} prints
// each argument as one stdout chunk, then exits with `exit_code`. Faults:
// cut the next streams after N lines; end streams without the exit line;
// keep a stream open forever (a long command).
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/base64.h"
#include "test/client/test_server.h"

namespace vers::testing {

class FakeExec {
 public:
  FakeExec() { Register(); }
  ~FakeExec() { stopping_ = true; }
  std::string base_url() const { return server_.base_url(); }
  std::string ca_file() const { return server_.ca_file(); }
  void Start() { server_.Start(); }

  struct Session {
    std::string exec_id;
    std::vector<std::string> lines;  // NDJSON lines, with "\n"
  };

  std::mutex mu;
  std::vector<std::string> exec_bodies;    // every POST /exec/stream and /exec body
  std::vector<std::string> attach_bodies;  // every POST /exec/stream/attach body
  std::vector<std::string> file_bodies;    // every PUT /files body
  std::vector<Session> sessions;
  int exit_code = 0;
  std::vector<int> cut_after;  // the next streams (exec or attach) are cut after N lines
  bool omit_exit = false;      // streams end without the exit line (a timeout on the VM)
  bool endless = false;        // streams stay open after their chunks
  std::string exec_error;      // answer streams with 500 and this error

 private:
  static std::string Field(const std::string& body, const std::string& key) {
    auto at = body.find("\"" + key + "\":\"");
    if (at == std::string::npos) return "";
    at += key.size() + 4;
    return body.substr(at, body.find('"', at) - at);
  }
  static std::vector<std::string> EmitArgs(const std::string& body) {
    std::vector<std::string> out;
    auto at = body.find("[\"emit\"");
    if (at == std::string::npos) return out;
    auto end = body.find(']', at);
    for (size_t q = body.find('"', at + 7); q < end; q = body.find('"', q + 1)) {
      auto close = body.find('"', q + 1);
      out.push_back(body.substr(q + 1, close - q - 1));
      q = close;
    }
    return out;
  }

  // Serves `lines` after cursor `after` (the line index is the cursor - 1).
  void Serve(httplib::Response& res, std::vector<std::string> lines, size_t after) {
    int cut = -1;
    {
      std::lock_guard<std::mutex> l(mu);
      if (!cut_after.empty()) {
        cut = cut_after.front();
        cut_after.erase(cut_after.begin());
      }
    }
    bool endless_now = endless;
    res.set_chunked_content_provider("application/x-ndjson", [this, lines, after, cut, endless_now](
                                                                 size_t, httplib::DataSink& sink) {
      int sent = 0;
      for (size_t i = after; i < lines.size(); ++i) {
        if (cut >= 0 && sent == cut) return false;  // the connection is cut
        if (!sink.write(lines[i].data(), lines[i].size())) return false;
        ++sent;
      }
      while (endless_now && !stopping_ && sink.is_writable())
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      sink.done();
      return true;
    });
  }

  void Register() {
    auto& s = server_.http();
    s.Put(R"(/api/v1/vm/([^/]+)/files)",
          [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard<std::mutex> l(mu);
            file_bodies.push_back(req.body);
            res.status = 200;
          });
    s.Post(R"(/api/v1/vm/([^/]+)/exec/stream)",
           [this](const httplib::Request& req, httplib::Response& res) {
             std::vector<std::string> lines;
             {
               std::lock_guard<std::mutex> l(mu);
               exec_bodies.push_back(req.body);
               if (!exec_error.empty()) {
                 res.status = 500;
                 res.set_content("{\"error\":\"" + exec_error + "\",\"success\":false}",
                                 "application/json");
                 return;
               }
               Session session{Field(req.body, "exec_id"), {}};
               uint64_t cursor = 0;
               for (const auto& chunk : EmitArgs(req.body))
                 session.lines.push_back("{\"type\":\"chunk\",\"exec_id\":\"" + session.exec_id +
                                         "\",\"cursor\":" + std::to_string(++cursor) +
                                         ",\"stream\":\"stdout\",\"data_b64\":\"" +
                                         base::Base64Encode(chunk) + "\"}\n");
               if (!omit_exit)
                 session.lines.push_back("{\"type\":\"exit\",\"exec_id\":\"" + session.exec_id +
                                         "\",\"cursor\":" + std::to_string(++cursor) +
                                         ",\"exit_code\":" + std::to_string(exit_code) + "}\n");
               sessions.push_back(session);
               lines = session.lines;
             }
             Serve(res, lines, 0);
           });
    s.Post(R"(/api/v1/vm/([^/]+)/exec/stream/attach)",
           [this](const httplib::Request& req, httplib::Response& res) {
             std::vector<std::string> lines;
             size_t after = 0;
             {
               std::lock_guard<std::mutex> l(mu);
               attach_bodies.push_back(req.body);
               std::string id = Field(req.body, "exec_id");
               const Session* found = nullptr;
               for (const auto& session : sessions)
                 if (session.exec_id == id) found = &session;
               if (found == nullptr) {
                 res.status = 404;
                 res.set_content(R"({"error":"Exec session not found","success":false})",
                                 "application/json");
                 return;
               }
               lines = found->lines;
               auto c = req.body.find("\"cursor\":");
               if (c != std::string::npos) after = std::stoul(req.body.substr(c + 9));
             }
             Serve(res, lines, after);
           });
  }

  std::atomic<bool> stopping_{false};  // before server_: read until the server stops
  TestHttpsServer server_;
};

}  // namespace vers::testing
