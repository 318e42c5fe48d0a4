// VersClient's base images: create from a source, upload an archive, status,
// list, delete. Creates are reconciled by name (client/reconcile.h).
#include <cctype>

#include "base/json_writer.h"
#include "client/vers_client.h"
#include "client/vers_json.h"

namespace vers::client {
namespace {

using std::optional;
using std::string;

string StatusPath(const string& name) { return "/images/" + EscapePathSegment(name) + "/status"; }

// The "status" of a create or upload answer; an unreadable answer still
// says the job was started.
CreateAttempt<string> WithStatus(CreateAttempt<string> a) {
  if (!a.result.ok()) return a;
  auto status = ParseField(a.result.value(), "status");
  a.result = status.ok() ? status.value() : string("unknown");
  a.may_have_made_it = false;
  return a;
}

string Lower(string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

bool ImageStatusIsReady(const string& status) {
  string s = Lower(status);
  return s == "ready" || s == "completed" || s == "complete" || s == "available" || s == "active" ||
         s == "succeeded";
}

bool ImageStatusIsFailed(const string& status) {
  string s = Lower(status);
  return s == "failed" || s == "error" || s == "errored" || s == "cancelled" || s == "canceled";
}

Result<optional<string>> VersClient::FindStarted(const string& name, Deadline d) {
  auto s = Call("GET", StatusPath(name), "", d, /*see_through=*/true);
  if (s.status().is_not_found()) return optional<string>();
  if (!s.ok()) return s.status();
  auto status = ParseField(s.value(), "status");
  return optional<string>(status.ok() ? status.value() : "unknown");
}

Result<string> VersClient::CreateImage(const string& name, const optional<string>& description,
                                       const ImageSource& source, optional<int64_t> size_mib,
                                       Deadline d) {
  JsonWriter w;
  w.BeginObject().Key("image_name").String(name);
  if (description) w.Key("description").String(*description);
  if (size_mib) w.Key("size_mib").Int(*size_mib);
  w.Key("source").BeginObject().Key("type").String(source.type);
  if (source.type == "s3") {
    w.Key("bucket").String(source.bucket).Key("key").String(source.key);
  } else {
    w.Key("image_ref").String(source.image_ref);
  }
  auto body = w.EndObject().EndObject().Take();
  if (!body.ok()) return body.status();
  return CreateReconciled<string>(
      [&] { return WithStatus(Create("/images/create", body.value(), d)); },
      [&] { return FindStarted(name, d); }, Reconcile("image " + name, d));
}

Result<string> VersClient::UploadImage(const string& name, optional<int64_t> size_mib,
                                       const string& archive_path, Deadline d) {
  string path = "/images/upload?image_name=" + EscapePathSegment(name);
  if (size_mib) path += "&size_mib=" + std::to_string(*size_mib);
  return CreateReconciled<string>([&] { return WithStatus(Upload(path, archive_path, d)); },
                                  [&] { return FindStarted(name, d); },
                                  Reconcile("image " + name, d));
}

Result<BaseImageStatus> VersClient::GetImageStatus(const string& name, Deadline d) {
  auto r = Call("GET", StatusPath(name), "", d);
  if (!r.ok()) return r.status();
  return ParseBaseImageStatus(r.value());
}

Result<std::vector<BaseImage>> VersClient::ListImages(Deadline d) {
  std::vector<BaseImage> all;
  constexpr int64_t kPage = 100;  // "max: 100"
  for (int64_t offset = 0;; offset += kPage) {
    auto r =
        Call("GET", "/images?limit=" + std::to_string(kPage) + "&offset=" + std::to_string(offset),
             "", d);
    if (!r.ok()) return r.status();
    auto page = ParseBaseImagePage(r.value());
    if (!page.ok()) return page.status();
    for (auto& i : page.value().images) all.push_back(std::move(i));
    if (page.value().images.empty() || static_cast<int64_t>(all.size()) >= page.value().total)
      break;
  }
  return all;
}

Result<BaseImage> VersClient::FindImage(const string& name, Deadline d) {
  auto all = ListImages(d);
  if (!all.ok()) return all.status();
  for (auto& i : all.value())
    if (i.image_name == name) return i;
  return Status::NotFound("base image " + name + " is not in the account's image list");
}

Status VersClient::DeleteImage(const string& base_image_id, Deadline d) {
  return Call("DELETE", "/images/images/" + EscapePathSegment(base_image_id), "", d).status();
}

}  // namespace vers::client
