#include "in_vm.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "checks.h"
#include "json_flat.h"
#include "local_files.h"
#include "vm_files.h"

namespace vers::acceptance {
namespace {

namespace fs = std::filesystem;

// The host path of PATH in the VM's writable layer.
std::string Host(Context& ctx, const VmRef& vm, const std::string& path) {
  return VmUpper(ctx, vm.id(ctx)) + path;
}

std::string Label(const VmRef& vm, const std::string& path) { return path + " in " + vm.what; }

}  // namespace

VmRef VmOfOutput(std::string name) {
  return {"the VM of output " + name, [name](Context& ctx) {
            auto outputs = ctx.workspace.Outputs();
            return outputs.ok() ? outputs.value()[name] : std::string();
          }};
}

VmRef VmOfVar(std::string var) {
  return {"VM {{" + var + "}}", [var](Context& ctx) { return ctx.vars[var]; }};
}

VmRef VmOfResource(std::string address) {
  return {address, [address](Context& ctx) {
            auto vm = ctx.workspace.Resource(address);
            return vm.ok() ? vm.value()["id"] : std::string();
          }};
}

Check VmFileIs(VmRef vm, std::string path, std::string expected) {
  return That(Label(vm, path) + " holds \"" + expected + "\"", [=](Context& ctx) {
    std::string host = Host(ctx, vm, path);
    std::error_code ec;
    if (!fs::is_regular_file(fs::symlink_status(host, ec)))
      return Status::Error("it is not a regular file");
    std::string text = ReadFile(host);
    while (!text.empty() && text.back() == '\n') text.pop_back();
    return Same(text, ctx.Expand(expected));
  });
}

Check VmHas(VmRef vm, std::string path) {
  return That(Label(vm, path) + " exists", [=](Context& ctx) {
    std::error_code ec;
    return fs::exists(fs::symlink_status(Host(ctx, vm, path), ec)) ? Status::Ok()
                                                                   : Status::Error("it does not");
  });
}

Check VmLacks(VmRef vm, std::string path) {
  return That("no " + Label(vm, path), [=](Context& ctx) {
    std::error_code ec;
    if (VmUpper(ctx, vm.id(ctx)).starts_with("/nonexistent/"))
      return Status::Error("the VM has no sandbox to look into");
    return fs::exists(fs::symlink_status(Host(ctx, vm, path), ec)) ? Status::Error("it exists")
                                                                   : Status::Ok();
  });
}

Check VmDirHolds(VmRef vm, std::string path, std::string expected) {
  return That(Label(vm, path) + " holds [" + expected + "]", [=](Context& ctx) {
    std::error_code ec;
    std::vector<std::string> names;
    for (auto it = fs::directory_iterator(Host(ctx, vm, path), ec);
         !ec && it != fs::directory_iterator(); it.increment(ec))
      names.push_back(it->path().filename());
    if (ec) return Status::Error("it cannot be listed: " + ec.message());
    std::sort(names.begin(), names.end());
    std::string joined;
    for (const auto& n : names) joined += (joined.empty() ? "" : " ") + n;
    return Same(joined, expected);
  });
}

Check VmNoEntryNamed(VmRef vm, std::vector<std::string> dirs, std::string text) {
  std::string where;
  for (const auto& d : dirs) where += " " + d;
  return That("no entry named *" + text + "* in" + where + " of " + vm.what, [=](Context& ctx) {
    for (const std::string& dir : dirs) {
      std::error_code ec;
      auto it = fs::directory_iterator(Host(ctx, vm, dir), ec);
      if (ec) return Status::Error(dir + " cannot be listed: " + ec.message());
      for (; !ec && it != fs::directory_iterator(); it.increment(ec))
        if (it->path().filename().string().find(text) != std::string::npos)
          return Status::Error(it->path().string() + " is there");
    }
    return Status::Ok();
  });
}

Check VmFileMode(VmRef vm, std::string path, std::string expected) {
  return That(Label(vm, path) + " has mode " + expected, [=](Context& ctx) {
    struct stat st {};
    if (::lstat(Host(ctx, vm, path).c_str(), &st) != 0) return Status::Error("it does not exist");
    char mode[8];
    std::snprintf(mode, sizeof mode, "%o", static_cast<unsigned>(st.st_mode & 07777));
    return Same(mode, expected);
  });
}

Check VmFileSha256(VmRef vm, std::string path, std::string expected) {
  return That(Label(vm, path) + " has SHA-256 " + expected, [=](Context& ctx) {
    return Same(Sha256OfFile(Host(ctx, vm, path)), ctx.Expand(expected));
  });
}

Check VmCommandPrints(VmRef vm, std::string what, std::string script, std::string expected) {
  return That(what, [=](Context& ctx) -> Status {
    std::string body = "{\"command\":[\"sh\",\"-c\"," + Quote(script) + "]}";
    auto answer = ctx.vers->Api("POST", "/vm/" + vm.id(ctx) + "/exec", body);
    if (!answer.ok()) return answer.status();
    auto out = Field(answer.value(), "/stdout");
    if (!out.ok()) return out.status();
    std::string text = out.value();
    while (!text.empty() && text.back() == '\n') text.pop_back();  // as $(…) does
    return Same(text, ctx.Expand(expected));
  });
}

Moment VmFileWritten(VmRef vm, std::string path) {
  return {Label(vm, path) + " written", [=](Context& ctx) {
            std::error_code ec;
            auto size = fs::file_size(Host(ctx, vm, path), ec);
            return !ec && size > 0;
          }};
}

}  // namespace vers::acceptance
