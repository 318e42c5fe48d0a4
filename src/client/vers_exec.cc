// VersClient's calls inside a VM: files, exec, and exec streams that survive
// a broken connection by re-attaching (VmExecStreamAttachRequest: "cursor to
// resume from (exclusive)"), never by running the command again.
#include <thread>

#include "base/log.h"
#include "base/uuid.h"
#include "client/vers_client.h"
#include "client/vers_exec_json.h"
#include "client/vers_json.h"

namespace vers::client {
namespace {

constexpr const char* kNdjson = "application/x-ndjson";

// Splits stream bytes into lines and hands each event to the output once:
// a replay after re-attaching repeats nothing already seen (by cursor).
class StreamReader {
 public:
  explicit StreamReader(const VersClient::ExecOutput& out) : out_(out) {}
  // A new stream starts: a partial line left by a broken one is dropped.
  void NewStream() {
    partial_.clear();
    advanced_ = false;
  }
  bool Feed(std::string_view bytes) {
    partial_.append(bytes);
    size_t start = 0;
    for (size_t nl; (nl = partial_.find('\n', start)) != std::string::npos; start = nl + 1) {
      std::string_view line(partial_.data() + start, nl - start);
      if (!line.empty() && !Line(line)) return false;
    }
    partial_.erase(0, start);
    return true;
  }
  std::optional<uint64_t> cursor() const { return cursor_; }
  std::optional<int> exit_code() const { return exit_code_; }
  bool advanced() const { return advanced_; }
  const Status& error() const { return error_; }

 private:
  bool Line(std::string_view line) {
    auto e = ParseExecStreamEvent(line);
    if (!e.ok()) {
      error_ = e.status();
      return false;
    }
    if (cursor_ && e.value().cursor <= *cursor_) return true;  // replayed
    cursor_ = e.value().cursor;
    advanced_ = true;
    switch (e.value().kind) {
      case ExecStreamEvent::Kind::kExit:
        exit_code_ = e.value().exit_code;
        break;
      case ExecStreamEvent::Kind::kStdout:
      case ExecStreamEvent::Kind::kStderr:
        out_(e.value().kind == ExecStreamEvent::Kind::kStderr, e.value().data);
        break;
      case ExecStreamEvent::Kind::kOther:
        break;
    }
    return true;
  }

  const VersClient::ExecOutput& out_;
  std::string partial_;
  std::optional<uint64_t> cursor_;
  std::optional<int> exit_code_;
  bool advanced_ = false;
  Status error_ = Status::Ok();
};

Status Refused(const std::string& path, const HttpResponse& r) {
  std::string text = ParseErrorText(r.body);
  return RefusalStatus(r.status,
                       "the Vers API refused POST " + path + " (HTTP " + std::to_string(r.status) +
                           ")" + (text.empty() ? "" : ": " + text),
                       "Check the API key (VERS_API_KEY or api_key).");
}

bool Ok2xx(long status) { return status >= 200 && status < 300; }

}  // namespace

Status VersClient::WriteFile(const std::string& vm_id, const std::string& path,
                             std::string_view content, int mode, bool create_dirs, Deadline d) {
  auto body = WriteFileBody(path, content, mode, create_dirs);
  if (!body.ok()) return body.status();
  return Call("PUT", "/vm/" + EscapePathSegment(vm_id) + "/files", body.value(), d).status();
}

Result<std::string> VersClient::ReadFile(const std::string& vm_id, const std::string& path,
                                         Deadline d) {
  auto answer = Call(
      "GET", "/vm/" + EscapePathSegment(vm_id) + "/files?path=" + EscapePathSegment(path), "", d);
  if (!answer.ok()) return answer.status();
  return ParseReadFile(answer.value());
}

Result<ExecResult> VersClient::Exec(const std::string& vm_id, const ExecRequest& r, Deadline d,
                                    bool see_through) {
  auto body = ExecBody(r, base::NewRandomUuid());
  if (!body.ok()) return body.status();
  auto answer =
      Call("POST", "/vm/" + EscapePathSegment(vm_id) + "/exec", body.value(), d, see_through);
  if (!answer.ok()) return answer.status();
  return ParseExecResult(answer.value());
}

Result<int> VersClient::ExecStream(const std::string& vm_id, const ExecRequest& r,
                                   const ExecOutput& on_output, Deadline d) {
  const std::string exec_id = base::NewRandomUuid();
  const std::string vm = "/vm/" + EscapePathSegment(vm_id);
  auto body = ExecBody(r, exec_id);
  if (!body.ok()) return body.status();
  StreamReader reader(on_output);
  auto feed = [&reader](std::string_view bytes) { return reader.Feed(bytes); };

  // The command: sent again only while it certainly did not leave.
  Result<HttpResponse> first = Status::Error("not sent");
  for (int attempt = 1;; ++attempt) {
    reader.NewStream();
    first = http_.Stream({"POST", vm + "/exec/stream", body.value()}, d, kNdjson, feed);
    if (!first.ok()) return first.status();
    if (!reader.error().ok()) return reader.error();
    if (!first.value().broken || !first.value().nothing_sent || attempt > kExecResumes) break;
    std::this_thread::sleep_for(http_.RetryDelay(attempt, ""));
  }
  if (!first.value().broken && !Ok2xx(first.value().status))
    return Refused(vm + "/exec/stream", first.value());
  if (reader.exit_code()) return *reader.exit_code();

  // Resumed from the last cursor seen, until the exit comes.
  std::string why = first.value().broken ? first.value().error : "it ended without an exit";
  int quiet_ends = first.value().broken ? 0 : 1;
  for (int attempt = 1; attempt <= kExecResumes; ++attempt) {
    log::Debug("vers exec stream resumed",
               {{"vm_id", vm_id}, {"exec_id", exec_id}, {"reason", why}});
    std::this_thread::sleep_for(http_.RetryDelay(attempt, ""));
    if (stop_ != nullptr && stop_->load()) return Status::Cancelled("cancelled: exec stream");
    auto attach = AttachBody(exec_id, reader.cursor());
    if (!attach.ok()) return attach.status();
    reader.NewStream();
    auto a = http_.Stream({"POST", vm + "/exec/stream/attach", attach.value()}, d, kNdjson, feed);
    if (!a.ok()) return a.status();
    if (!reader.error().ok()) return reader.error();
    if (reader.exit_code()) return *reader.exit_code();
    if (a.value().broken) {
      why = a.value().error;
      continue;
    }
    if (a.value().status == 404)
      return Status::Error("the output stream of the command broke (" + why +
                           ") and its exec session " + exec_id +
                           " is not found on the VM any more: whether it finished is unknown; "
                           "it is not run again");
    if (!Ok2xx(a.value().status)) {
      if (IsRetryableStatus(a.value().status)) {
        why = "HTTP " + std::to_string(a.value().status);
        continue;
      }
      return Refused(vm + "/exec/stream/attach", a.value());
    }
    quiet_ends = reader.advanced() ? 0 : quiet_ends + 1;
    why = "it ended without an exit";
    if (quiet_ends >= 2)
      return Status::Error(
          "the output stream of the command ended without its exit status, twice: the command "
          "was stopped on the VM (its timeout passed, or the VM restarted)");
  }
  return Status::Error("the output stream of the command broke and could not be re-attached " +
                       std::to_string(kExecResumes) + " times (last: " + why + ")");
}

}  // namespace vers::client
