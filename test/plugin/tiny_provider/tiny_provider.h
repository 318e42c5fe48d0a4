// A second, tiny provider built on the framework library alone (it links
// tfplugin, not the vers provider), so that the framework's tests prove it
// serves any provider. It keeps notes as files in a directory:
//   provider "tiny" { directory = "/some/dir" }
//   resource "tiny_note" "n" { text = "hi" entries = [{ name = "a" }] }
//   data "tiny_echo" "e" { text = "hi" }   # length = 2
// tiny_note: id (computed, kept), text (required, changed in place), size
// (default 1, replaces), revision (computed, +1 per update), entries (a set
// of {name, serial}: serial is computed once per element, revision*100+k).
#pragma once

#include <memory>

#include "plugin/identity.h"
#include "plugin/provider.h"

namespace tiny {

// Who the tiny provider is: "tiny", source example/tiny.
tfplugin::ProviderIdentity Identity();

std::unique_ptr<tfplugin::Provider> NewProvider();

}  // namespace tiny
