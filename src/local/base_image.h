// The VMs' base image: a Debian root filesystem built by debootstrap
// (--variant=minbase plus openssh-server and what provisioning needs), owned
// by the VM id range (vm_ids.h). It is the lowest overlay layer of every VM;
// commit layers stack on it.
//
// Built once per machine and cached under `cache_dir` as
// <name>-<hash of the recipe>: a changed recipe gets a new directory. The
// build holds an exclusive flock on <dir>.lock and ends with an atomic
// rename, so concurrent vers-local processes never both build it or see a
// half-built image.
#pragma once

#include <functional>
#include <string>

#include "base/status.h"

namespace vers::local {

// The default cache: $XDG_CACHE_HOME/vers-local/images, else
// $HOME/.cache/vers-local/images.
std::string DefaultImageCacheDir();

// The image's directory name for the current recipe, e.g.
// "debian-bookworm-minbase-1a2b3c4d5e6f".
std::string BaseImageName();

struct BaseImage {
  std::string dir;     // the root filesystem
  bool built = false;  // true when this call built it
  double build_seconds = 0;
};

// Returns the cached image, building it first when missing. `on_build` is
// called (once, before debootstrap runs) when this process is about to build
// it, with the directory being built; the debootstrap log is <dir>.log.
Result<BaseImage> EnsureBaseImage(const std::string& cache_dir,
                                  const std::function<void(const std::string&)>& on_build);

}  // namespace vers::local
