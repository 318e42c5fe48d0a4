// VmManager: base images. The spec (orchestrator.openapi.json, tag "images")
// is the only source: no public client calls these routes. What it leaves
// open is decided here and stated where it is decided:
//  - names: the spec gives no rule; one is a path segment
//    (/images/{image_name}/status), so 1-128 characters without '/',
//    whitespace or control characters, and "default" is the image every VM
//    has (VmCreateVmConfig.image_name), so it is taken (409);
//  - status: model.h (pending, ready, failed);
//  - create (docker or s3 source): vers-local pulls nothing, so the image is
//    recorded as failed with the reason (never as ready);
//  - upload: a tar archive (see image_layer.h) becomes the image's layer.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include "base/uuid.h"
#include "local/fs.h"
#include "local/ids.h"
#include "local/manager.h"

namespace vers::local {
namespace {

Outcome<Done> CheckImageName(const std::string& name) {
  bool ok = !name.empty() && name.size() <= 128;
  for (unsigned char c : name) ok = ok && c > 0x20 && c != 0x7f && c != '/';
  if (!ok)
    return BadRequest("invalid image_name \"" + name.substr(0, 80) +
                      "\": use 1-128 characters without '/', spaces or control characters");
  return Done{};
}

// Writes the archive to a private temporary file; its path.
Outcome<std::string> SpoolArchive(const std::string& data) {
  const char* dir = std::getenv("TMPDIR");
  std::string tmpl = std::string(dir && *dir ? dir : "/tmp") + "/vers-local-upload-XXXXXX";
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) return Internal("cannot spool the upload");
  ::close(fd);
  if (Status st = WriteFileInPlace(tmpl, data); !st.ok()) {
    ::unlink(tmpl.c_str());
    return Internal("cannot spool the upload: " + st.message());
  }
  return tmpl;
}

}  // namespace

std::vector<BaseImageRecord> VmManager::Images() {
  base::MutexLock lock(mu_);
  std::vector<BaseImageRecord> out;
  for (const auto& [name, i] : state_.images) out.push_back(i);
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.created_at < b.created_at; });
  return out;
}

Outcome<BaseImageRecord> VmManager::GetImage(const std::string& name) {
  base::MutexLock lock(mu_);
  auto it = state_.images.find(name);
  if (it == state_.images.end()) return NotFound("image " + name);
  return it->second;
}

Outcome<BaseImageRecord> VmManager::ReserveImageLocked(const ImageParams& p) {
  if (auto n = CheckImageName(p.name); !n.ok()) return n.error();
  if (p.name == "default" || state_.images.count(p.name))
    return Conflict("image " + p.name + " already exists");
  BaseImageRecord i;
  i.id = base::NewRandomUuid();
  i.name = p.name;
  i.description = p.description;
  i.source_type = p.source_type;
  i.size_mib = p.size_mib;
  i.created_at = NowRfc3339();
  i.status = kImagePending;
  state_.images[i.name] = i;
  return i;
}

Outcome<BaseImageRecord> VmManager::CreateImage(const ImageParams& p) {
  base::MutexLock lock(mu_);
  auto i = ReserveImageLocked(p);
  if (!i.ok()) return i;
  BaseImageRecord& rec = state_.images[p.name];
  rec.status = kImageFailed;
  rec.error_message = "vers-local cannot pull " + p.source_type +
                      " images (it has no registry or bucket access); upload a root "
                      "filesystem archive with POST /images/upload instead";
  if (auto s = SaveLocked(); !s.ok()) return s.error();
  return rec;
}

Outcome<BaseImageRecord> VmManager::UploadImage(const ImageParams& p, const std::string& archive) {
  BaseImageRecord rec;
  {
    base::MutexLock lock(mu_);
    auto i = ReserveImageLocked(p);
    if (!i.ok()) return i;
    rec = i.value();
    if (auto s = SaveLocked(); !s.ok()) return s.error();
  }
  // Extracted without the lock: other requests go on meanwhile.
  auto spooled = SpoolArchive(archive);
  Status made = spooled.ok() ? rt_.ImportLayer(rec.id, spooled.value())
                             : Status::Error(spooled.error().message);
  if (spooled.ok()) ::unlink(spooled.value().c_str());
  base::MutexLock lock(mu_);
  auto it = state_.images.find(p.name);
  if (it == state_.images.end() || it->second.id != rec.id) {  // deleted meanwhile
    (void)rt_.DropLayer(rec.id);
    return NotFound("image " + p.name);
  }
  it->second.status = made.ok() ? kImageReady : kImageFailed;
  if (!made.ok()) it->second.error_message = made.message();
  if (auto s = SaveLocked(); !s.ok()) return s.error();
  return it->second;
}

Outcome<std::string> VmManager::DeleteImage(const std::string& image_id) {
  base::MutexLock lock(mu_);
  auto it = std::find_if(state_.images.begin(), state_.images.end(),
                         [&](const auto& e) { return e.second.id == image_id; });
  if (it == state_.images.end()) return NotFound("image " + image_id);
  auto uses = [&](const std::vector<std::string>& layers) {
    return std::find(layers.begin(), layers.end(), image_id) != layers.end();
  };
  // The spec's 409 is "Image is in use by VMs"; a commit of such a VM holds
  // the image's layer too, so it keeps the image as well.
  for (const auto& [vid, vm] : state_.vms)
    if (uses(vm.layers)) return Conflict("image " + it->first + " is in use by VM " + vid);
  for (const auto& [cid, c] : state_.commits)
    if (uses(c.layers)) return Conflict("image " + it->first + " is in use by commit " + cid);
  if (Status st = rt_.DropLayer(image_id); !st.ok())
    return Internal("removing the image's layer: " + st.message());
  state_.images.erase(it);
  if (auto s = SaveLocked(); !s.ok()) return s.error();
  return image_id;
}

Outcome<std::vector<std::string>> VmManager::ImageLayersLocked(
    const std::optional<std::string>& image_name) {
  if (!image_name || *image_name == "default") return std::vector<std::string>{};
  auto it = state_.images.find(*image_name);
  if (it == state_.images.end())
    return BadRequest("image_name \"" + *image_name + "\" is not a base image");
  if (it->second.status != kImageReady)
    return BadRequest("image_name \"" + *image_name + "\" is " + it->second.status + ", not ready");
  return std::vector<std::string>{it->second.id};
}

void VmManager::FailInterruptedImagesLocked() {
  for (auto& [name, i] : state_.images) {
    if (i.status != kImagePending) continue;
    i.status = kImageFailed;
    i.error_message = "vers-local stopped while making the image";
  }
}

}  // namespace vers::local
