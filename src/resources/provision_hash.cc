// vers_provision's id: the SHA-256 of every input, file contents included.
#include "resources/provision.h"
#include "resources/provision_inputs.h"
#include "ssh/local_file.h"
#include "ssh/sha256.h"

namespace vers::resources {

namespace {

// Feeds length-prefixed fields, so that no two different inputs hash alike.
class Hasher {
 public:
  void Field(const std::string& s) {
    uint64_t n = s.size();
    sha_.Update(&n, sizeof n);
    sha_.Update(s.data(), s.size());
  }
  // The file's bytes, then their count.
  Status FileContents(const std::string& path, const std::atomic<bool>* stop) {
    auto file = ssh::LocalFile::OpenRegular(path);
    if (!file.ok()) return file.status();
    std::vector<char> buf(256 * 1024);
    uint64_t total = 0;
    while (true) {
      if (stop != nullptr && stop->load())
        return Status::Cancelled("cancelled while hashing " + path);
      auto n = file.value().Read(buf.data(), buf.size());
      if (!n.ok()) return n.status();
      if (n.value() == 0) break;
      sha_.Update(buf.data(), n.value());
      total += n.value();
    }
    sha_.Update(&total, sizeof total);
    return Status::Ok();
  }
  std::string Hex() { return sha_.HexDigest(); }

 private:
  ssh::Sha256 sha_;
};

}  // namespace

Result<std::string> ProvisionId(const ProvisionInputs& in, const std::atomic<bool>* stop,
                                size_t* failed) {
  Hasher h;
  h.Field("vers_provision/1");
  h.Field(in.vm_id);
  for (size_t i = 0; i < in.uploads.size(); ++i) {
    const UploadItem& u = in.uploads[i];
    h.Field(u.destination);
    h.Field(std::to_string(u.mode));
    if (u.content) {
      h.Field("content");
      h.Field(*u.content);
    } else {
      h.Field("source");
      if (Status s = h.FileContents(*u.source, stop); !s.ok()) {
        if (failed != nullptr) *failed = i;
        return s;
      }
    }
  }
  h.Field("commands");
  for (const auto& c : in.commands) h.Field(c);
  h.Field("environment");
  for (const auto& [k, v] : in.environment) (h.Field(k), h.Field(v));
  h.Field("working_dir");
  h.Field(in.working_dir.value_or(""));
  h.Field("triggers");
  for (const auto& [k, v] : in.triggers) (h.Field(k), h.Field(v));
  return h.Hex();
}

std::optional<std::string> ProvisionIdOrDiagnose(const ProvisionInputs& in,
                                                 const std::atomic<bool>* stop,
                                                 Diagnostics& diags) {
  size_t failed = 0;
  auto id = ProvisionId(in, stop, &failed);
  if (id.ok()) return std::move(id).value();
  const UploadItem& u = in.uploads[failed];
  auto path = ProvisionFilePath(u.config_index, kProvisionFile.source);
  std::string which = "files[" + std::to_string(u.config_index) + "].source";
  if (id.status().code() == Status::Code::kCancelled)
    diags.AddError(
        "Cancelled",
        "Hashing the files to upload was stopped (" + which + ": " + id.status().message() + ").",
        path);
  else
    diags.AddError("Source cannot be read",
                   which + ": " + id.status().message() +
                       ". Sources are hashed into the id when planning, so each must read to its "
                       "end.",
                   path);
  return std::nullopt;
}

}  // namespace vers::resources
