// The tiny provider: its configuration and its types (tiny_provider.h).
#include "test/plugin/tiny_provider/tiny_provider.h"

#include "test/plugin/tiny_provider/tiny_types.h"

namespace tiny {
namespace {

using tfplugin::schema::Attribute;

struct ProviderAttrs : tfplugin::schema::AttrSet {
  tfplugin::schema::Attr<std::string> directory{this, "directory"};
};
const ProviderAttrs kProvider;

class TinyProvider final : public tfplugin::Provider {
 public:
  TinyProvider() {
    schema_.block.attributes = {
        kProvider.directory.Declare().Required().Description("Where notes are kept.")};
    schema_.attr_sets = {&kProvider};
    resources_.push_back(NewNoteResource());
    data_sources_.push_back(NewEchoDataSource());
  }
  const tfplugin::schema::Schema& GetSchema() const override { return schema_; }
  void Configure(const tfplugin::ConfigureRequest& req,
                 tfplugin::ConfigureResponse& resp) override {
    auto dir = tfplugin::values::Get(req.config, kProvider.directory);
    if (!dir || dir->empty()) {
      resp.diagnostics.AddError("Missing directory", "Set directory to an existing directory.",
                                kProvider.directory.path());
      return;
    }
    context_ = std::make_unique<TinyContext>(*dir);
  }
  tfplugin::ProviderContext* GetContext() override { return context_.get(); }
  void Stop() override {
    if (context_) context_->Stop();
  }
  const std::vector<std::unique_ptr<tfplugin::Resource>>& Resources() const override {
    return resources_;
  }
  const std::vector<std::unique_ptr<tfplugin::DataSource>>& DataSources() const override {
    return data_sources_;
  }
  const std::vector<std::unique_ptr<tfplugin::EphemeralResource>>& EphemeralResources()
      const override {
    return ephemeral_;
  }

 private:
  tfplugin::schema::Schema schema_;
  std::unique_ptr<TinyContext> context_;
  std::vector<std::unique_ptr<tfplugin::Resource>> resources_;
  std::vector<std::unique_ptr<tfplugin::DataSource>> data_sources_;
  std::vector<std::unique_ptr<tfplugin::EphemeralResource>> ephemeral_;
};

}  // namespace

tfplugin::ProviderIdentity Identity() {
  return {.name = "tiny", .source = "example/tiny", .program = "terraform-provider-tiny"};
}

std::unique_ptr<tfplugin::Provider> NewProvider() { return std::make_unique<TinyProvider>(); }

}  // namespace tiny
