#include "support/vm_ssh.h"

#include <filesystem>

#include "json_flat.h"

namespace vers::acceptance {

Status RunInVm(Context& ctx, const std::string& vm_id, const std::string& command) {
  auto answer = ctx.vers->Api("GET", "/vm/" + vm_id + "/ssh_key");
  if (!answer.ok()) return answer.status();
  auto key = Field(answer.value(), "/ssh_private_key");
  if (!key.ok()) return key.status();
  std::string dir = ctx.workspace.dir() + "/keys", path = dir + "/" + vm_id;
  std::filesystem::create_directories(dir);
  if (Status written = WriteFile(path, key.value() + "\n"); !written.ok()) return written;
  std::filesystem::permissions(
      path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
      std::filesystem::perm_options::replace);
  std::string proxy = "openssl s_client -connect 127.0.0.1:" + ctx.vers->ssh_tls_port() +
                      " -servername %h -quiet -verify_quiet -CAfile " + ctx.vers->ca_cert_file();
  Finished ran = ctx.workspace.RunProgram(
      {"ssh", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o",
       "LogLevel=ERROR", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "-i", path, "-o",
       "ProxyCommand=" + proxy, "root@" + vm_id + "." + ctx.vers->vm_domain(), command});
  if (ran.exit_code == 0) return Status::Ok();
  return Status::Error("ssh exit " + std::to_string(ran.exit_code) + ": " + ran.output);
}

}  // namespace vers::acceptance
