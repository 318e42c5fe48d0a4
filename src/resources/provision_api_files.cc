// vers_provision's files over the API (transport = "api"): each file is
// written under a temporary name next to its destination, in pieces of
// kApiUploadChunk (the first piece is the temporary file itself, with the
// file's mode and create_dirs; later pieces are parts appended to it on the
// VM), then all are checked by size and SHA-256 with one command, then
// renamed into place with one command. The spec has no append or offset for
// PUT /vm/{id}/files: pieces joined by a command are how a file of any size
// fits requests of bounded size.
#include <fstream>
#include <map>
#include <sstream>

#include "base/log.h"
#include "base/uuid.h"
#include "resources/framework.h"
#include "resources/provision.h"
#include "resources/provision_api.h"
#include "ssh/session.h"
#include "ssh/sha256.h"

namespace vers::resources {
namespace {

struct Uploaded {
  size_t index = 0;  // in `uploads`
  std::string temp, destination, sha256;
  uint64_t bytes = 0;
};

// files[i].source, or files[i].content.
AttributePath FilePath(const UploadItem& u) {
  return ProvisionFilePath(u.config_index,
                           u.content ? kProvisionFile.content : kProvisionFile.source);
}

std::string Q(const std::string& s) { return ssh::ShellQuote(s); }

// Sends one file in pieces; its size and hash as sent.
Result<Uploaded> SendFile(client::VersClient& api, const std::string& vm_id, const UploadItem& u,
                          const std::string& temp, client::Deadline deadline) {
  Uploaded up;
  up.temp = temp;
  up.destination = u.destination;
  ssh::Sha256 hash;
  std::ifstream file;
  if (u.source) {
    file.open(*u.source, std::ios::binary);
    if (!file) return Status::Error("cannot open " + *u.source);
  }
  std::string piece(kApiUploadChunk, '\0');
  std::vector<std::string> parts;
  size_t offset = 0;
  for (int n = 0;; ++n) {
    size_t got = 0;
    if (u.content) {
      got = std::min(kApiUploadChunk, u.content->size() - offset);
      piece.assign(*u.content, offset, got);
      offset += got;
    } else {
      piece.resize(kApiUploadChunk);
      file.read(piece.data(), static_cast<std::streamsize>(piece.size()));
      got = static_cast<size_t>(file.gcount());
      if (file.bad()) return Status::Error("reading " + *u.source + " failed");
      piece.resize(got);
    }
    if (n > 0 && got == 0) break;
    hash.Update(piece.data(), piece.size());
    up.bytes += got;
    std::string target = n == 0 ? temp : temp + ".part" + std::to_string(n);
    // The first piece makes the temporary file, with its mode and the
    // destination's directories; parts are private until joined.
    Status s = api.WriteFile(vm_id, target, piece, n == 0 ? u.mode : 0600, n == 0, deadline);
    if (!s.ok()) return s;
    if (n > 0) parts.push_back(target);
    if (got < kApiUploadChunk) break;
  }
  if (!parts.empty()) {
    std::string script = "cat";
    for (const auto& p : parts) script += " " + Q(p);
    script += " >> " + Q(temp) + " && rm -f";
    for (const auto& p : parts) script += " " + Q(p);
    auto joined =
        RunHelperOverApi(api, vm_id, "Joining the pieces of " + u.destination, script, deadline);
    if (!joined.ok()) return joined.status();
  }
  up.sha256 = hash.HexDigest();
  return up;
}

// One line "<size> <sha256 or -> <destination, its directory resolved>" per
// file, from one command.
std::string CheckScript(const std::vector<Uploaded>& files) {
  std::string s =
      "h() { if command -v sha256sum >/dev/null 2>&1; then sha256sum <\"$1\" | cut -c1-64; "
      "elif command -v openssl >/dev/null 2>&1; then openssl dgst -sha256 -r <\"$1\" | cut -c1-64; "
      "else echo -; fi; }\n";
  for (const auto& f : files)
    s += "f=" + Q(f.temp) + "; d=" + Q(f.destination) +
         "; printf '%s %s %s\\n' \"$(($(wc -c <\"$f\")))\" \"$(h \"$f\")\" "
         "\"$(readlink -f -- \"${d%/*}/\")/${d##*/}\"\n";
  return s;
}

void Discard(client::VersClient& api, const std::string& vm_id,
             const std::vector<std::string>& temps, Diagnostics& diags) {
  if (temps.empty()) return;
  std::string script = "rm -f";
  for (const auto& t : temps) script += " " + Q(t) + " " + Q(t) + ".part*";
  auto s = RunHelperOverApi(api, vm_id, "Removing the unfinished uploads", script,
                            std::chrono::steady_clock::now() + std::chrono::seconds(20), true);
  if (!s.ok()) diags.AddWarning("Unfinished uploads left on the VM", s.status().message() + ".");
}

}  // namespace

std::optional<uint64_t> UploadAllOverApi(client::VersClient& api, const ProvisionInputs& in,
                                         client::Deadline deadline, Diagnostics& diags) {
  std::vector<Uploaded> sent;
  std::vector<std::string> temps;
  uint64_t bytes = 0;
  for (size_t i = 0; i < in.uploads.size(); ++i) {
    const auto& u = in.uploads[i];
    std::string temp =
        ssh::ParentDir(u.destination) + "/.vers-upload-" + base::NewRandomUuid().substr(0, 8);
    temps.push_back(temp);
    auto r = SendFile(api, in.vm_id, u, temp, deadline);
    if (!r.ok()) {
      diags.AddError("File upload failed",
                     "Uploading to " + u.destination + ": " + r.status().message() +
                         ". The destination was left as it was.",
                     FilePath(u));
      Discard(api, in.vm_id, temps, diags);
      return std::nullopt;
    }
    r.value().index = i;
    bytes += r.value().bytes;
    log::Debug("uploaded", {{"vm_id", in.vm_id},
                            {"destination", u.destination},
                            {"bytes", std::to_string(r.value().bytes)},
                            {"sha256", r.value().sha256}});
    sent.push_back(std::move(r).value());
  }
  if (sent.empty()) return bytes;
  auto listing =
      RunHelperOverApi(api, in.vm_id, "Checking the uploaded files", CheckScript(sent), deadline);
  if (!listing.ok()) {
    diags.AddError("File verification failed", listing.status().message(),
                   kProvisionInputs.files.path());
    Discard(api, in.vm_id, temps, diags);
    return std::nullopt;
  }
  std::istringstream lines(listing.value());
  std::map<std::string, const Uploaded*> resolved;  // the file each destination is on the VM
  for (const auto& f : sent) {
    std::string line, size, sha, real;
    std::getline(lines, line);
    std::istringstream fields(line);
    fields >> size >> sha;
    std::getline(fields >> std::ws, real);
    bool size_ok = size == std::to_string(f.bytes);
    bool sha_ok = sha == "-" || sha == f.sha256;
    if (!size_ok || !sha_ok) {
      diags.AddError("File verification failed",
                     f.destination + " on the VM is " + size + " bytes with SHA-256 " + sha +
                         ", not the " + std::to_string(f.bytes) + " bytes with SHA-256 " +
                         f.sha256 + " sent; no destination was touched.",
                     FilePath(in.uploads[f.index]));
      Discard(api, in.vm_id, temps, diags);
      return std::nullopt;
    }
    // Two destinations that are one file on the VM (through a symlinked
    // directory): the second would replace the first.
    auto [it, fresh] = resolved.emplace(real, &f);
    if (!fresh) {
      diags.AddError("Cannot put the files in place",
                     it->second->destination + " and " + f.destination + " are the same file " +
                         real + " on the VM; no destination was touched.",
                     FilePath(in.uploads[it->second->index]));
      Discard(api, in.vm_id, temps, diags);
      return std::nullopt;
    }
  }
  // A directory at a destination is refused before anything is renamed.
  std::string publish = "for d in";
  for (const auto& f : sent) publish += " " + Q(f.destination);
  publish +=
      "; do if [ -d \"$d\" ] && [ ! -L \"$d\" ]; then echo \"$d is a directory\" >&2; exit 3; "
      "fi; done\nset -e\n";
  for (const auto& f : sent) publish += "mv -f -- " + Q(f.temp) + " " + Q(f.destination) + "\n";
  auto placed = RunHelperOverApi(api, in.vm_id, "Putting the files in place", publish, deadline);
  if (!placed.ok()) {
    diags.AddError("Cannot put the files in place", placed.status().message() + ".",
                   kProvisionInputs.files.path());
    Discard(api, in.vm_id, temps, diags);
    return std::nullopt;
  }
  return bytes;
}

}  // namespace vers::resources
