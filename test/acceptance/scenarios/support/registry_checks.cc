#include "support/registry_checks.h"

#include <filesystem>

#include "checks.h"
#include "other_workspaces.h"

namespace vers::acceptance {
namespace {

namespace fs = std::filesystem;

std::string Lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += line + "\n";
  return out;
}

}  // namespace

Check RegistryChecks::Init(std::string what, bool succeeds) const {
  std::string ca = registry.ca_cert_file();
  return That(what, [=](Context& ctx) {
    ctx.last = ctx.workspace.Run({"init", "-no-color", "-input=false"}, {{"SSL_CERT_FILE", ca}});
    ctx.workspace.Write("init.out", ctx.last.output + "\n");
    if ((ctx.last.exit_code == 0) == succeeds) return Status::Ok();
    return Status::Error("exit " + std::to_string(ctx.last.exit_code) + ":\n" + ctx.last.output);
  });
}

Check RegistryChecks::Asked(std::string what, std::string request) const {
  const ProviderRegistry* r = &registry;
  return That(what, [=](Context& ctx) {
    std::string wanted = ctx.Expand(request), all = Lines(r->Requests());
    if (all.find(wanted + "\n") != std::string::npos) return Status::Ok();
    return Status::Error("no request " + wanted + "; it served:\n" + all);
  });
}

Check RegistryChecks::FilesDownloaded(int expected) const {
  const ProviderRegistry* r = &registry;
  return That("it downloaded the zip, the checksums and the signature", [=](Context&) {
    int files = 0;
    for (const auto& request : r->Requests()) files += request.starts_with("GET /files/hdr/");
    return Same(std::to_string(files), std::to_string(expected));
  });
}

Check RegistryChecks::Locked(std::string what, std::string address,
                             std::vector<std::string> expected) const {
  return That(what, [=](Context& ctx) {
    ctx.vars["HOST"] = LockedHost(ctx.workspace.dir());
    return Same(Lines(LockHashes(ctx.workspace.dir(), ctx.Expand(address))), Lines(expected));
  });
}

Check RegistryChecks::InstalledIsReleased() const {
  const RegistryRelease* r = &release;
  return That("the installed provider is the released binary", [=](Context& ctx) {
    std::string installed = InstalledBinary(ctx.workspace.dir(), r->version);
    if (installed.empty()) return Status::Error("nothing is installed");
    return ReadFile(installed) == ReadFile(r->binary) ? Status::Ok()
                                                      : Status::Error(installed + " differs");
  });
}

Check RegistryChecks::NothingInstalled() const {
  std::string version = release.version;
  return That("and installs nothing", [=](Context& ctx) {
    return Same(InstalledBinary(ctx.workspace.dir(), version), "");
  });
}

Action RegistryChecks::FillMirror(std::string dir) const {
  std::string zip = release.zip_file;
  return [=](Context& ctx) {
    for (const char* host : {"registry.terraform.io", "registry.opentofu.org"}) {
      fs::path into = fs::path(CaseWorkspace(ctx, "").dir()) / dir / host / "hdr" / "vers";
      fs::create_directories(into);
      fs::copy_file(zip, into / fs::path(zip).filename());
    }
  };
}

Action RegistryChecks::CountRequests() const {
  const ProviderRegistry* r = &registry;
  return [=](Context& ctx) { ctx.vars["REQUESTS_BEFORE"] = std::to_string(r->Requests().size()); };
}

Check RegistryChecks::NoRequestsSinceCounted() const {
  const ProviderRegistry* r = &registry;
  return That("without asking the registry", [=](Context& ctx) {
    return Same(std::to_string(r->Requests().size()), ctx.vars["REQUESTS_BEFORE"]);
  });
}

Check NothingLocked() {
  return That("and locks nothing", [](Context& ctx) {
    bool locked = fs::exists(ctx.workspace.dir() + "/.terraform.lock.hcl");
    return locked ? Status::Error("a lock file was written") : Status::Ok();
  });
}

Check DefaultHostLocked() {
  return That("the lock file names the CLI's default registry host", [](Context& ctx) {
    std::string host = LockedHost(ctx.workspace.dir());
    if (host == "registry.terraform.io" || host == "registry.opentofu.org") return Status::Ok();
    return Status::Error("it names \"" + host + "\"");
  });
}

}  // namespace vers::acceptance
