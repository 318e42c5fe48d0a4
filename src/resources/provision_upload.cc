#include "resources/provision_upload.h"

#include "base/log.h"
#include "resources/framework.h"
#include "resources/provision.h"

namespace vers::resources {

namespace {

// files[i].source (or .content), or files[i].<attribute>.
AttributePath FilePath(const UploadItem& u, const schema::Attr<std::string>* attribute = nullptr) {
  return ProvisionFilePath(u.config_index, attribute != nullptr ? *attribute
                                           : u.content          ? kProvisionFile.content
                                                                : kProvisionFile.source);
}

// Removes the temporaries after a failure, quickly and even after a Ctrl-C.
void Discard(ssh::SshSession& ssh, Diagnostics& diags) {
  Status s = ssh.DiscardUploads(ssh::Clock::now() + std::chrono::seconds(10));
  if (!s.ok()) diags.AddWarning("Unfinished uploads left on the VM", s.message() + ".");
}

}  // namespace

std::optional<uint64_t> UploadAll(ssh::SshSession& ssh, const ProvisionInputs& in,
                                  client::Deadline deadline, Diagnostics& diags) {
  uint64_t bytes = 0;
  std::vector<ssh::UploadResult> uploaded;
  for (const auto& u : in.uploads) {
    auto r = u.content ? ssh.UploadContent(*u.content, u.destination, u.mode, deadline)
                       : ssh.UploadFile(*u.source, u.destination, u.mode, deadline);
    if (!r.ok()) {
      diags.AddError("File upload failed",
                     "Uploading to " + u.destination + ": " + r.status().message() +
                         ". The destination was left as it was.",
                     FilePath(u));
      Discard(ssh, diags);
      return std::nullopt;
    }
    bytes += r.value().bytes;
    log::Debug("uploaded", {{"vm_id", in.vm_id},
                            {"destination", u.destination},
                            {"bytes", std::to_string(r.value().bytes)},
                            {"sha256", r.value().sha256},
                            {"ranges_checked", std::to_string(r.value().ranges_checked)}});
    uploaded.push_back(std::move(r).value());
  }
  // One hashing command on the VM for all files, rather than one each.
  size_t failed = SIZE_MAX;
  if (Status v = ssh.VerifySha256(uploaded, deadline, &failed); !v.ok()) {
    if (failed >= in.uploads.size()) {
      diags.AddError("File verification failed", v.message(), kProvisionInputs.files.path());
    } else {
      diags.AddError("File verification failed",
                     v.message() +
                         ". A process on the VM changed it after it was written; no destination "
                         "was touched.",
                     FilePath(in.uploads[failed]));
    }
    Discard(ssh, diags);
    return std::nullopt;
  }
  failed = SIZE_MAX;
  if (Status p = ssh.Publish(uploaded, deadline, &failed); !p.ok()) {
    diags.AddError("Cannot put the files in place", p.message() + ".",
                   failed < in.uploads.size()
                       ? std::optional(FilePath(in.uploads[failed], &kProvisionFile.destination))
                       : std::optional(kProvisionInputs.files.path()));
    Discard(ssh, diags);
    return std::nullopt;
  }
  return bytes;
}

}  // namespace vers::resources
