// Turning an uploaded root filesystem archive into a read-only overlay layer.
#pragma once

#include <string>

#include "base/status.h"

namespace vers::local {

// Extracts the tar archive `archive` (plain, gzip, xz, bzip2 or zstd: GNU
// tar detects which) into the new directory `dest`, keeping numeric owners
// and modes, then owned by the VM id range (vm_ids.h) like the base image.
// GNU tar refuses members that would land outside `dest` (absolute names,
// "..", links out). Device nodes, FIFOs and sockets are dropped: a VM gets
// its devices from its own minimal /dev. On failure the error says why in
// words a user can act on (tar's own first message); `dest` may be left
// partly filled for the caller to remove.
Status ExtractRootfsArchive(const std::string& archive, const std::string& dest);

}  // namespace vers::local
