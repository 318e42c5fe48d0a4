// Routes that act inside a VM: PUT and GET /vm/{id}/files (write_file_vm,
// read_file_vm), POST
// /vm/{id}/exec (exec_vm), /exec/stream (exec_vm_stream) and
// /exec/stream/attach (exec_vm_stream_attach), run by ExecRunner.
//
// Errors of the command itself (it cannot be started, it timed out, an
// exec_id in use, a file that cannot be written) are 500 with an
// ErrorResponse, as Vers's agent reports them as errors and the spec's only
// error answer for these operations beyond 401/403/404 is 500. A stream is
// answered 200 once its command started; its lines then follow as the
// command prints (api_exec_json.h), the last one its exit. A stream whose
// command ends without an exit (a timeout) just ends: the agent sends an
// error in its place, which Vers's server does not forward.
#include <chrono>
#include <memory>
#include <thread>

#include "local/api.h"
#include "local/api_exec_json.h"
#include "local/api_request.h"
#include "local/vm_exec.h"

namespace vers::local {
namespace {

const std::string kVm = "/api/v1/vm/([^/]+)";
constexpr auto kBootWait = std::chrono::seconds(60);

Outcome<std::string> VmIdParam(const httplib::Request& req) {
  std::string id = req.matches[1];
  if (auto u = RequireUuid(id, "vm_id"); !u.ok()) return u.error();
  return id;
}

// The way into a running VM; a booting one is waited for (the real API
// waits for boot unless told not to), any other state refused.
Outcome<VmLogin> LoginFor(VmManager& m, const std::string& vm_id) {
  auto until = std::chrono::steady_clock::now() + kBootWait;
  for (;;) {
    auto vm = m.Get(vm_id);
    if (!vm.ok()) return vm.error();
    if (vm.value().state == "running") break;
    if (vm.value().state != "booting" || std::chrono::steady_clock::now() > until)
      return Internal("VM " + vm_id + " is " + vm.value().state + ": it cannot run commands");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  auto key = m.PrivateKey(vm_id);
  if (!key.ok()) return key.error();
  auto port = m.BackendPort(vm_id);
  if (!port) return Internal("VM " + vm_id + " has no sshd to run commands with");
  return VmLogin{*port, key.value()};
}

// Answers with the session's events after `after` as they come.
void StreamSession(httplib::Response& res, std::shared_ptr<ExecSession> session,
                   std::optional<uint64_t> after) {
  auto pos = std::make_shared<std::optional<uint64_t>>(after);
  res.status = 200;
  res.set_chunked_content_provider(
      "application/x-ndjson", [session, pos](size_t, httplib::DataSink& sink) {
        auto batch = session->After(*pos, std::chrono::milliseconds(500));
        for (const auto& e : batch.events) {
          std::string line = StreamLine(session->exec_id(), e);
          if (!sink.write(line.data(), line.size())) return false;
          *pos = e.cursor;
        }
        if (batch.ended || batch.too_old) {
          sink.done();
          return true;
        }
        return sink.is_writable();  // a reader that went away ends the answer
      });
}

}  // namespace

void RegisterExecRoutes(Routes& s, VmManager& m) {
  // Sessions outlive a stream, for attach; the runner lives as long as the
  // routes that share it.
  auto runner = std::make_shared<ExecRunner>();

  s.Put(kVm + "/files", [&m, runner](const httplib::Request& req, httplib::Response& res) {
    auto id = VmIdParam(req);
    if (!id.ok()) return SendError(res, id.error());
    JsonDoc doc;
    if (auto b = ReadJsonObject(req, doc); !b.ok()) return SendError(res, b.error());
    auto w = ReadFileWrite(doc.root());
    if (!w.ok()) return SendError(res, w.error());
    auto login = LoginFor(m, id.value());
    if (!login.ok()) return SendError(res, login.error());
    auto done = runner->WriteFile(login.value(), w.value().path, w.value().content, w.value().mode,
                                  w.value().create_dirs);
    if (!done.ok()) return SendError(res, done.error());
    res.status = 200;  // "File written successfully", no body
  });

  // read_file_vm: GET with the query `path` (required: the real API's
  // Query<VmReadFileQuery> refuses a request without it); the bytes come
  // back as {"content_b64"}.
  s.Get(kVm + "/files", [&m, runner](const httplib::Request& req, httplib::Response& res) {
    auto id = VmIdParam(req);
    if (!id.ok()) return SendError(res, id.error());
    if (!req.has_param("path"))
      return SendError(res, BadRequest("Failed to deserialize query string: missing field `path`"));
    auto login = LoginFor(m, id.value());
    if (!login.ok()) return SendError(res, login.error());
    auto bytes = runner->ReadFile(login.value(), req.get_param_value("path"));
    if (!bytes.ok()) return SendError(res, bytes.error());
    SendJson(res, 200, ReadFileJson(bytes.value()));
  });

  // Starts the request's command; null after answering an error.
  auto start = [&m, runner](const httplib::Request& req,
                            httplib::Response& res) -> std::shared_ptr<ExecSession> {
    auto id = VmIdParam(req);
    if (!id.ok()) return SendError(res, id.error()), nullptr;
    JsonDoc doc;
    if (auto b = ReadJsonObject(req, doc); !b.ok()) return SendError(res, b.error()), nullptr;
    auto spec = ReadExecSpec(doc.root());
    if (!spec.ok()) return SendError(res, spec.error()), nullptr;
    auto login = LoginFor(m, id.value());
    if (!login.ok()) return SendError(res, login.error()), nullptr;
    auto session = runner->Start(id.value(), spec.value(), login.value());
    if (!session.ok()) return SendError(res, session.error()), nullptr;
    if (auto why = session.value()->WaitStarted()) return SendError(res, Internal(*why)), nullptr;
    return session.value();
  };

  s.Post(kVm + "/exec", [start](const httplib::Request& req, httplib::Response& res) {
    auto session = start(req, res);
    if (!session) return;
    std::string out, err;
    std::optional<uint64_t> after;
    for (;;) {
      auto batch = session->After(after, std::chrono::seconds(5));
      for (const auto& e : batch.events) {
        after = e.cursor;
        if (e.kind == ExecEvent::Kind::kExit)
          return SendJson(res, 200, ExecResponseJson(session->exec_id(), e.exit_code, out, err));
        (e.kind == ExecEvent::Kind::kStdout ? out : err) += e.data;
      }
      if (batch.failure) return SendError(res, Internal(*batch.failure));
    }
  });

  s.Post(kVm + "/exec/stream", [start](const httplib::Request& req, httplib::Response& res) {
    if (auto session = start(req, res)) StreamSession(res, session, std::nullopt);
  });

  s.Post(kVm + "/exec/stream/attach",
         [&m, runner](const httplib::Request& req, httplib::Response& res) {
           auto id = VmIdParam(req);
           if (!id.ok()) return SendError(res, id.error());
           JsonDoc doc;
           if (auto b = ReadJsonObject(req, doc); !b.ok()) return SendError(res, b.error());
           auto a = ReadAttach(doc.root());
           if (!a.ok()) return SendError(res, a.error());
           if (auto vm = m.Get(id.value()); !vm.ok()) return SendError(res, vm.error());
           auto session = runner->Find(id.value(), a.value().exec_id);
           if (!session) return SendError(res, NotFound("Exec stream " + a.value().exec_id));
           std::optional<uint64_t> after = a.value().cursor;
           if (a.value().from_latest) after = session->LatestCursor();
           if (auto probe = session->After(after, std::chrono::milliseconds(0)); probe.too_old)
             return SendError(res, Internal("Requested cursor " + std::to_string(*after) +
                                            " is older than available backlog starting at " +
                                            std::to_string(*probe.too_old)));
           StreamSession(res, session, after);
         });
}

}  // namespace vers::local
