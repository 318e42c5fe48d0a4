// SshSession's publishing of uploads: temporaries renamed into place once
// verified, or removed.
#include <map>
#include <random>

#include "ssh/session.h"
#include "ssh/sftp_packet.h"

namespace vers::ssh {

namespace {

// The last component of an absolute path.
std::string BaseName(const std::string& path) { return path.substr(path.find_last_of('/') + 1); }

}  // namespace

std::string SshSession::TemporaryFor(const std::string& destination) {
  if (upload_token_.empty()) {
    // Random per session, so that sessions uploading next to each other
    // (and leftovers of a lost connection) never meet; the open is
    // exclusive all the same.
    std::random_device random;
    static const char* kDigits = "0123456789abcdef";
    for (int i = 0; i < 12; ++i) upload_token_ += kDigits[random() % 16];
  }
  return ParentDir(destination) + "/.vers-upload-" + upload_token_ + "-" +
         std::to_string(uploads_started_++);
}

Status SshSession::Publish(const std::vector<UploadResult>& files, Clock::time_point deadline,
                           size_t* failed) {
  if (files.empty()) return Status::Ok();
  if (Status s = StartWriter(deadline); !s.ok()) return s;
  if (!writer_->supports_posix_rename())
    return Status::Error(
        "the VM's SFTP server cannot replace a file in one step (it lacks OpenSSH's "
        "posix-rename@openssh.com extension), so uploads cannot be put in place safely");
  // Round trip 1: what is at each destination, and where each directory
  // really is.
  using Op = SftpWriter::PathOp;
  std::vector<SftpWriter::PathRequest> checks;
  std::map<std::string, size_t> dirs;  // directory -> index of its realpath request
  for (const auto& f : files) checks.push_back({Op::kStat, f.destination, ""});
  for (const auto& f : files) {
    std::string dir = ParentDir(f.destination);
    if (dir.empty()) dir = "/";
    if (dirs.emplace(dir, checks.size()).second) checks.push_back({Op::kRealPath, dir, ""});
  }
  auto checked = writer_->Paths(checks, deadline);
  if (!checked.ok()) return checked.status().Annotate("checking the destinations on the VM: ");
  std::map<std::string, size_t> real;  // the file each destination is on the VM -> index
  for (size_t i = 0; i < files.size(); ++i) {
    const std::string& d = files[i].destination;
    auto fail = [&](const std::string& why) {
      if (failed != nullptr) *failed = i;
      return Status::Error(why);
    };
    if (checked.value()[i].is_directory)
      return fail(d + " is a directory on the VM (or a symlink to one); a file cannot replace it");
    std::string dir = ParentDir(d);
    const auto& where = checked.value()[dirs.at(dir.empty() ? "/" : dir)];
    if (!where.error.empty())
      return fail("cannot resolve the directory of " + d + " on the VM: " + where.error);
    std::string resolved = where.resolved + (where.resolved == "/" ? "" : "/") + BaseName(d);
    auto [it, inserted] = real.emplace(resolved, i);
    if (!inserted) {
      if (failed != nullptr) *failed = it->second;
      return Status::Error(files[it->second].destination + " and " + d + " are the same file " +
                           resolved +
                           " on the VM (a symlinked directory in a path): the second "
                           "would replace the first");
    }
  }
  // Round trip 2: every rename.
  std::vector<SftpWriter::PathRequest> renames;
  for (const auto& f : files) renames.push_back({Op::kRename, f.remote_path, f.destination});
  auto renamed = writer_->Paths(renames, deadline);
  if (!renamed.ok()) return renamed.status().Annotate("putting the uploads in place on the VM: ");
  Status first;
  for (size_t i = 0; i < files.size(); ++i) {
    if (renamed.value()[i].error.empty()) {
      unpublished_.erase(files[i].remote_path);
    } else if (first.ok()) {
      if (failed != nullptr) *failed = i;
      first =
          Status::Error("cannot put " + files[i].destination + " in place on the VM (renaming " +
                        files[i].remote_path + "): " + renamed.value()[i].error);
    }
  }
  return first;
}

Status SshSession::DiscardUploads(Clock::time_point deadline) {
  if (unpublished_.empty()) return Status::Ok();
  std::vector<SftpWriter::PathRequest> removals;
  for (const auto& t : unpublished_) removals.push_back({SftpWriter::PathOp::kRemove, t, ""});
  auto left = [this](const std::string& why) {
    std::string names;
    for (const auto& t : unpublished_) names += (names.empty() ? "" : ", ") + t;
    return Status::Error("could not remove the unfinished uploads on the VM (" + why +
                         "); they may be left: " + names);
  };
  if (Status s = StartWriter(deadline, /*heed_stop=*/false); !s.ok()) return left(s.message());
  auto removed = writer_->Paths(removals, deadline, /*heed_stop=*/false);
  if (!removed.ok()) return left(removed.status().message());
  for (size_t i = 0; i < removals.size(); ++i) {
    // Never created (the upload failed before its open): nothing to remove.
    const auto& r = removed.value()[i];
    if (r.error.empty() || r.status == sftp::kNoSuchFile) unpublished_.erase(removals[i].path);
  }
  return unpublished_.empty() ? Status::Ok() : left("the server refused");
}

}  // namespace vers::ssh
