// The tiny provider's context and types (see tiny_provider.h).
#pragma once

#include <memory>
#include <string>

#include "plugin/data_source.h"
#include "plugin/resource.h"
#include "plugin/values.h"

namespace tiny {

class TinyContext final : public tfplugin::ProviderContext {
 public:
  explicit TinyContext(std::string directory) : directory_(std::move(directory)) {}
  // The file that holds note `id`.
  std::string NotePath(const std::string& id) const { return directory_ + "/" + id + ".note"; }
  const std::string& directory() const { return directory_; }

 private:
  std::string directory_;
};

std::unique_ptr<tfplugin::Resource> NewNoteResource();
std::unique_ptr<tfplugin::DataSource> NewEchoDataSource();

}  // namespace tiny
