// vers_provision's commands over the API (transport = "api").
#include "resources/provision_api.h"

#include <deque>

#include "base/log.h"
#include "base/uuid.h"
#include "resources/framework.h"
#include "ssh/session.h"

namespace vers::resources {
namespace {

constexpr size_t kTailLines = 20;

// Runs the command with the login shell of the VM's user, as an SSH session
// would; `$0` is `marker`, so that the command's shell can be found to stop.
std::vector<std::string> ShellArgv(const std::string& command, const std::string& marker) {
  return {"/bin/sh", "-c",
          "s=$(getent passwd \"$(id -un)\" 2>/dev/null | cut -d: -f7); [ -x \"$s\" ] || s=/bin/sh; "
          "exec \"$s\" -c \"$1\" \"$0\"",
          marker, "{ " + command + "\n}"};
}

// Stops the processes whose command line holds `marker` (the command's
// shell) and their children. The pattern is written so that it does not
// match the script's own command line.
std::string StopScript(const std::string& marker) {
  std::string pattern = marker.substr(0, marker.size() - 1) + "[" + marker.back() + "]";
  return "for d in /proc/[0-9]*; do p=${d#/proc/}; [ \"$p\" = \"$$\" ] && continue; "
         "if tr '\\0' ' ' <\"$d/cmdline\" 2>/dev/null | grep -q " +
         ssh::ShellQuote(pattern) +
         "; then for c in $(cat \"$d\"/task/*/children 2>/dev/null); do kill -TERM \"$c\"; done; "
         "kill -TERM \"$p\"; fi; done 2>/dev/null; true";
}

// Splits output into lines for the log, keeping the last ones of each stream.
class OutputLines {
 public:
  OutputLines(const ProvisionInputs& in, size_t index) : in_(in), index_(index) {}
  void Add(bool is_stderr, std::string_view bytes) {
    std::string& buf = is_stderr ? err_ : out_;
    buf.append(bytes);
    size_t start = 0;
    for (size_t nl; (nl = buf.find('\n', start)) != std::string::npos; start = nl + 1)
      Line(is_stderr, buf.substr(start, nl - start));
    buf.erase(0, start);
  }
  void Flush() {
    if (!out_.empty()) Line(false, std::exchange(out_, ""));
    if (!err_.empty()) Line(true, std::exchange(err_, ""));
  }
  // The last lines of stderr, or of stdout when stderr is empty.
  std::string Tail(const char** which) const {
    const auto& lines = err_tail_.empty() ? out_tail_ : err_tail_;
    *which = err_tail_.empty() ? "stdout" : "stderr";
    std::string s;
    for (const auto& l : lines) s += "\n  " + l;
    return s;
  }

 private:
  void Line(bool is_stderr, const std::string& line) {
    log::Info("provision output", {{"vm_id", in_.vm_id},
                                   {"command", std::to_string(index_ + 1)},
                                   {"stream", is_stderr ? "stderr" : "stdout"},
                                   {"line", line}});
    auto& tail = is_stderr ? err_tail_ : out_tail_;
    tail.push_back(line);
    if (tail.size() > kTailLines) tail.pop_front();
  }
  const ProvisionInputs& in_;
  size_t index_;
  std::string out_, err_;
  std::deque<std::string> out_tail_, err_tail_;
};

}  // namespace

Result<std::string> RunHelperOverApi(client::VersClient& api, const std::string& vm_id,
                                     const std::string& what, const std::string& script,
                                     client::Deadline deadline, bool see_through) {
  client::ExecRequest r;
  r.command = {"/bin/sh", "-c", script};
  auto done = api.Exec(vm_id, r, deadline, see_through);
  if (!done.ok()) return done.status().Annotate(what + ": ");
  if (done.value().exit_code != 0)
    return Status::Error(what + " failed on the VM (exit status " +
                         std::to_string(done.value().exit_code) + ")" +
                         (done.value().stderr_text.empty() ? "" : ": " + done.value().stderr_text));
  return done.value().stdout_text;
}

bool RunCommandsOverApi(client::VersClient& api, const ProvisionInputs& in,
                        const std::vector<std::string>& commands, const std::string& attribute,
                        std::optional<std::chrono::milliseconds> per_command,
                        client::Deadline deadline, std::string& summary, Diagnostics& diags) {
  std::string codes;
  for (size_t i = 0; i < commands.size(); ++i) {
    const std::string marker = "vers-provision-" + base::NewRandomUuid();
    client::ExecRequest r;
    r.command = ShellArgv(commands[i], marker);
    r.env = in.environment;
    r.working_dir = in.working_dir;
    if (per_command) r.timeout_secs = (per_command->count() + 999) / 1000;
    OutputLines lines(in, i);
    auto code = api.ExecStream(
        in.vm_id, r, [&lines](bool is_stderr, std::string_view b) { lines.Add(is_stderr, b); },
        deadline);
    lines.Flush();
    auto path = AttributePath::Root(attribute).ElementIndex(static_cast<int64_t>(i));
    std::string which = "Command " + std::to_string(i + 1) + " of " +
                        std::to_string(commands.size()) + " (`" + commands[i] + "`)";
    const char* stream = "";
    std::string tail = lines.Tail(&stream);
    if (!code.ok()) {
      bool cancelled = code.status().code() == Status::Code::kCancelled ||
                       code.status().code() == Status::Code::kTimeout;
      std::string stopped;
      if (cancelled) {  // the command runs on without us: stop it
        auto s = RunHelperOverApi(api, in.vm_id, "Stopping the command", StopScript(marker),
                                  std::chrono::steady_clock::now() + std::chrono::seconds(20),
                                  /*see_through=*/true);
        stopped =
            s.ok() ? " It was stopped on the VM." : " Stopping it failed: " + s.status().message();
      }
      diags.AddError(
          "Provisioning command failed",
          which + ": " + code.status().message() + "." + stopped +
              (tail.empty() ? "" : std::string(" The last lines of its ") + stream + ":" + tail),
          path);
      return false;
    }
    if (code.value() != 0) {
      diags.AddError(
          "Provisioning command failed",
          which + " exited with status " + std::to_string(code.value()) +
              (tail.empty() ? " and printed nothing."
                            : std::string(". The last lines of its ") + stream + ":" + tail),
          path);
      return false;
    }
    codes += (codes.empty() ? "" : ",") + std::to_string(code.value());
  }
  summary += std::to_string(commands.size()) + " commands" +
             (commands.empty() ? "" : " (exit codes " + codes + ")");
  return true;
}

std::optional<std::string> ProvisionOverApi(client::VersClient& api, const ProvisionInputs& in,
                                            std::optional<std::chrono::milliseconds> per_command,
                                            client::Deadline deadline, Diagnostics& diags) {
  auto bytes = UploadAllOverApi(api, in, deadline, diags);
  if (!bytes) return std::nullopt;
  std::string summary = std::to_string(in.uploads.size()) + " files (" + std::to_string(*bytes) +
                        " bytes, verified); ";
  if (!RunCommandsOverApi(api, in, in.commands, "commands", per_command, deadline, summary, diags))
    return std::nullopt;
  // Written data reaches the disk before a following commit snapshots it.
  if (auto sync = RunHelperOverApi(api, in.vm_id, "sync", "sync", deadline); !sync.ok())
    diags.AddWarning("sync failed on the VM",
                     "A commit taken now might miss recent writes: " + sync.status().message());
  return summary;
}

}  // namespace vers::resources
