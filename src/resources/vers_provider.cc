#include "resources/vers_provider.h"

#include "base/log.h"
#include "datasources/endpoint.h"
#include "datasources/image_layers.h"
#include "datasources/images.h"
#include "datasources/repositories.h"
#include "datasources/vms.h"
#include "plugin/schema/validators.h"
#include "plugin/values.h"
#include "resources/account.h"
#include "resources/base_image.h"
#include "resources/framework.h"
#include "resources/image_layer.h"
#include "resources/provision.h"
#include "resources/repository.h"
#include "resources/ssh_key_ephemeral.h"
#include "resources/vergeio_metadata.h"
#include "resources/vergeio_snapshot.h"
#include "resources/vergeio_vm_settings.h"
#include "resources/vm.h"
#include "resources/vm_commit.h"
#include "resources/vm_file.h"
#include "resources/vm_restore.h"

namespace vers::provider {

const ProviderAttrs kProvider;

using schema::Attribute;

namespace {

schema::Schema ProviderSchema() {
  schema::Schema s;
  s.block.description =
      "The vers provider manages [Vers](https://vers.sh) micro-VMs and the layered images built "
      "from their commits.";
  s.block.attributes = {
      kProvider.api_key.Declare().Optional().Sensitive().Description(
          "Vers API key. Defaults to the `VERS_API_KEY` environment variable. Needed "
          "only when resources call the API, not to validate or plan."),
      kProvider.base_url.Declare().Optional().Description(
          "Base URL of the Vers API. Defaults to `VERS_BASE_URL`, else "
          "`https://api.vers.sh/api/v1`. Must be `https://`; `http://` is accepted "
          "only for a loopback host (a local vers-local server)."),
      kProvider.vm_domain.Declare().Optional().Description(
          "Domain under which VMs answer SSH-over-TLS as `<vm_id>.<vm_domain>`. "
          "Defaults to `VERS_VM_DOMAIN`, else derived from `base_url` as the Vers "
          "CLI does: `api.<domain>` gives `vm.<domain>` (`api.vers.sh` gives "
          "`vm.vers.sh`), a loopback host gives `vm.localhost`, and any other host "
          "gives `vm.vers.sh` with a warning to set it."),
      kProvider.ssh_tls_port.Declare()
          .Optional()
          .Description("TCP port of the SSH-over-TLS front that `<vm_id>.<vm_domain>` answers "
                       "on. Defaults to `VERS_SSH_TLS_PORT`, else 443 (Vers's front). Set it for "
                       "a private deployment or vers-local, which prints its front's port as "
                       "`ssh_tls_port` when ready. The `ssh_port` of the API's `ssh_key` answer "
                       "is the port forwarded to the VM inside Vers, not this one.")
          .Validate(schema::validators::IntBetween(1, 65535)),
      kProvider.ca_cert_file.Declare().Optional().Description(
          "PEM file of CA certificates to trust for the API and VM endpoints, "
          "for private deployments and vers-local. The system trust store is "
          "used when unset."),
      kProvider.insecure.Declare().Optional().Description(
          "Skip TLS certificate verification. Only for throwaway test setups; "
          "prefer `ca_cert_file`."),
      kProvider.store_ssh_private_key.Declare().Optional().Description(
          "Record each VM's SSH private key in resource state as `ssh_private_key` "
          "(default `true`). Set `false` to keep keys out of state: "
          "`vers_provision` fetches the key itself, and the `vers_vm_ssh_key` "
          "ephemeral resource gives it to other uses without storing it."),
  };
  s.block.blocks = {VergeioBlock()};
  s.attr_sets = {&kProvider};
  return s;
}

}  // namespace

VersProvider::VersProvider() : schema_(ProviderSchema()) {
  resources_.push_back(std::make_unique<resources::Vm>());
  resources_.push_back(std::make_unique<resources::VmCommit>());
  resources_.push_back(std::make_unique<resources::VmRestore>());
  resources_.push_back(std::make_unique<resources::VmBranch>());
  resources_.push_back(std::make_unique<resources::CommitTag>());
  resources_.push_back(std::make_unique<resources::Repository>());
  resources_.push_back(std::make_unique<resources::RepositoryTag>());
  resources_.push_back(std::make_unique<resources::BaseImage>());
  resources_.push_back(std::make_unique<resources::EnvVar>());
  resources_.push_back(std::make_unique<resources::DomainResource>());
  resources_.push_back(std::make_unique<resources::Provision>());
  resources_.push_back(std::make_unique<resources::ImageLayer>());
  resources_.push_back(std::make_unique<resources::VmFile>());
  resources_.push_back(std::make_unique<resources::VergeioSnapshot>());
  resources_.push_back(std::make_unique<resources::VergeioMetadata>());
  resources_.push_back(std::make_unique<resources::VergeioVmSettings>());
  ephemeral_.push_back(std::make_unique<resources::VmSshKey>());
  data_sources_.push_back(std::make_unique<datasources::Endpoint>());
  data_sources_.push_back(std::make_unique<datasources::Vms>());
  data_sources_.push_back(std::make_unique<datasources::OneVm>());
  data_sources_.push_back(std::make_unique<datasources::Commits>());
  data_sources_.push_back(std::make_unique<datasources::RepositoryData>());
  data_sources_.push_back(std::make_unique<datasources::PublicRepositories>());
  data_sources_.push_back(std::make_unique<datasources::PublicRepository>());
  data_sources_.push_back(std::make_unique<datasources::ImageLayers>());
  data_sources_.push_back(std::make_unique<datasources::Images>());
}

void VersProvider::ValidateConfig(const ValidateRequest& req, ValidateResponse& resp) const {
  cty::Value url = values::Raw(req.config, kProvider.base_url);
  if (url.is_known() && !url.is_null()) {
    CheckBaseUrl(url.AsString(), kProvider.base_url.path(), "base_url", resp.diagnostics);
  }
  cty::Value domain = values::Raw(req.config, kProvider.vm_domain);
  if (domain.is_known() && !domain.is_null()) {
    const std::string& d = domain.AsString();
    bool ok =
        !d.empty() && d.size() <= 253 && d.front() != '.' && d.back() != '.' &&
        d.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.") ==
            std::string::npos;
    if (!ok) {
      resp.diagnostics.AddError("Invalid vm_domain",
                                "vm_domain \"" + d +
                                    "\" is not a DNS domain name. Give a name "
                                    "such as \"vm.vers.sh\" (letters, digits, '-' and '.').",
                                kProvider.vm_domain.path());
    }
  }
}

void VersProvider::Configure(const ConfigureRequest& req, ConfigureResponse& resp) {
  Settings settings = ResolveSettings(req.config, resp.diagnostics);
  cty::Value block = values::Raw(req.config, kProvider.vergeio);
  auto vergeio = ResolveVergeio(block, resp.diagnostics, /*required=*/!block.is_null());
  if (resp.diagnostics.HasError()) return;
  if (settings.api_key) log::AddSecret(*settings.api_key);
  if (vergeio) log::AddSecret(vergeio->client.password);
  log::Debug("provider configured", {{"base_url", settings.base_url},
                                     {"vm_domain", settings.vm_domain},
                                     {"ssh_tls_port", std::to_string(settings.ssh_tls_port)},
                                     {"terraform_version", req.terraform_version}});
  std::lock_guard<std::mutex> lock(mu_);
  context_ = std::make_shared<VersContext>(std::move(settings), std::move(vergeio));
}

ProviderContext* VersProvider::GetContext() {
  std::lock_guard<std::mutex> lock(mu_);
  return context_.get();
}

void VersProvider::Stop() {
  std::lock_guard<std::mutex> lock(mu_);
  if (context_) context_->Stop();
}

}  // namespace vers::provider
