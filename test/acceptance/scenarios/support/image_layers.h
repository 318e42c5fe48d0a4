// The longer parts of scenarios/image_layers.cc: two workspaces racing to
// build one new layer, and the checks on the layer cache.
#pragma once

#include <string>

#include "actions.h"

namespace vers::acceptance {

// A workspace of one layer on {{WORKER_COMMIT}} whose command waits for
// /tmp/go in its build VM (the gate the race opens).
extern const char kRaceTf[];

// While the racing applies run: waits until both have started a build VM
// (both missed the cache; at most 2 minutes, after which {{BUILD_VMS}} tells
// how many did), remembers their number as {{BUILD_VMS}}, then creates
// /tmp/go in each over SSH, as a user would.
Action ReleaseBothBuilds();

// The layers output of this workspace names the same layers as that of the
// case's workspace WS1, with their commits, each adopted from the cache.
Check LayersAdoptedFrom(std::string ws1);

// The tags of the repository image-layers are EXPECTED (expanded,
// space-separated, in any order) / number COUNT.
Check CachedTagsAre(std::string expected);
Check CachedTagCount(int count);

}  // namespace vers::acceptance
