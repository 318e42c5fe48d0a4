// vers_provision's id: the SHA-256 of every input, file contents included.
#include <vector>

#include "resources/framework.h"
#include "resources/input_hasher.h"
#include "resources/provision.h"
#include "resources/provision_inputs.h"
#include "ssh/local_file.h"

namespace vers::resources {

void InputHasher::Field(const std::string& s) {
  uint64_t n = s.size();
  sha_.Update(&n, sizeof n);
  sha_.Update(s.data(), s.size());
}

Status InputHasher::FileContents(const std::string& path, const std::atomic<bool>* stop) {
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

Status InputHasher::Inputs(const ProvisionInputs& in, const std::atomic<bool>* stop,
                           size_t* failed) {
  for (size_t i = 0; i < in.uploads.size(); ++i) {
    const UploadItem& u = in.uploads[i];
    Field(u.destination);
    Field(std::to_string(u.mode));
    if (u.content) {
      Field("content");
      Field(*u.content);
    } else {
      Field("source");
      if (Status s = FileContents(*u.source, stop); !s.ok()) {
        if (failed != nullptr) *failed = i;
        return s;
      }
    }
  }
  Field("commands");
  for (const auto& c : in.commands) Field(c);
  Field("environment");
  for (const auto& [k, v] : in.environment) (Field(k), Field(v));
  Field("working_dir");
  Field(in.working_dir.value_or(""));
  return Status::Ok();
}

void DiagnoseHashFailure(const ProvisionInputs& in, size_t failed, const Status& status,
                         Diagnostics& diags) {
  if (failed >= in.uploads.size()) {
    diags.AddError(status.code() == Status::Code::kCancelled ? "Cancelled" : "Cannot hash inputs",
                   status.message());
    return;
  }
  const UploadItem& u = in.uploads[failed];
  auto path = ProvisionFilePath(u.config_index, kProvisionFile.source);
  std::string which = "files[" + std::to_string(u.config_index) + "].source";
  if (status.code() == Status::Code::kCancelled)
    diags.AddError(
        "Cancelled",
        "Hashing the files to upload was stopped (" + which + ": " + status.message() + ").", path);
  else
    diags.AddError("Source cannot be read",
                   which + ": " + status.message() +
                       ". Sources are hashed when planning, so each must read to its end.",
                   path);
}

Result<std::string> ProvisionId(const ProvisionInputs& in, const std::atomic<bool>* stop,
                                size_t* failed) {
  InputHasher h;
  h.Field("vers_provision/1");
  h.Field(in.vm_id);
  if (Status s = h.Inputs(in, stop, failed); !s.ok()) return s;
  h.Field("triggers");
  for (const auto& [k, v] : in.triggers) (h.Field(k), h.Field(v));
  return h.Hex();
}

std::optional<std::string> ProvisionIdOrDiagnose(const ProvisionInputs& in,
                                                 const std::atomic<bool>* stop,
                                                 Diagnostics& diags) {
  size_t failed = SIZE_MAX;
  auto id = ProvisionId(in, stop, &failed);
  if (id.ok()) return std::move(id).value();
  DiagnoseHashFailure(in, failed, id.status(), diags);
  return std::nullopt;
}

}  // namespace vers::resources
