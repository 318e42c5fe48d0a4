// The framework server: what terraform-plugin-framework's fwserver is to its
// proto6server. rpc/ converts tfplugin6 messages to and from the types in
// messages.h and calls one method here per RPC; this layer holds the rules
// (planning, apply checks, read, import, upgrade, validation) and calls the
// provider's resources. It sees no protobuf, so every rule is unit-tested
// with plain values (test/plugin/server/).
//
// Thread-safety: methods may be called concurrently (gRPC serves RPCs on many
// threads); the server keeps no per-call state, and the provider's types are
// only read after construction.
#pragma once

#include <memory>
#include <string>

#include "plugin/base.h"
#include "plugin/identity.h"
#include "plugin/provider.h"
#include "plugin/server/messages.h"

namespace tfplugin::server {

// Rules of the framework over one provider, owned for the server's lifetime.
class Server {
 public:
  // `identity` names the provider in diagnostics.
  Server(std::unique_ptr<Provider> provider, ProviderIdentity identity);
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The provider and identity given at construction, still owned here.
  Provider& provider() { return *provider_; }
  const ProviderIdentity& identity() const { return identity_; }

  // The schema of a type, for decoding its wire values; null (with an
  // "Unknown ..." error diagnostic) when the provider has no such type.
  const schema::Schema* ResourceSchema(const std::string& type_name, Diagnostics& diags) const;
  const schema::Schema* DataSourceSchema(const std::string& type_name, Diagnostics& diags) const;
  const schema::Schema* EphemeralSchema(const std::string& type_name, Diagnostics& diags) const;

  // PlanResourceChange. The rules, in this order:
  //  1. An unknown type is an error diagnostic; nothing else runs.
  //  2. Private state: the prior private bytes are planned unchanged
  //     (resources keep none of their own).
  //  3. Destroy (proposed null): the plan is null; no rule below runs.
  //  4. The schema's rules (schema::PlanChange), attribute by attribute in
  //     declaration order, depth first (nested attributes and blocks are
  //     planned before the attribute holding them):
  //     a. each nested object is paired with its prior counterpart: list
  //        elements by index, map elements by key, set elements with the prior
  //        element equal to them (a set element has no other identity; one
  //        without an equal prior element is new). A set element equal to its
  //        prior element keeps its prior state: nothing in it becomes unknown.
  //     b. a write-only attribute is planned null;
  //     c. else an attribute that configuration leaves null takes its
  //        default, if it has one;
  //     d. else a computed attribute that configuration leaves null becomes
  //        unknown when the resource is created or anything in it changes
  //        (proposed != prior), as terraform-plugin-framework does;
  //     e. the attribute's plan modifiers run in declaration order, each
  //        seeing the plan so far (so UseStateForUnknown undoes d); one that
  //        asks for replacement adds the attribute's path to RequiresReplace.
  //     Timeouts are a nested block like any other: planned as configured,
  //     never unknown, never a cause of replacement.
  //  5. The resource's ModifyPlan, with config, prior state, the plan of 4 and
  //     the provider's context (null before ConfigureProvider); it may change
  //     the plan and add RequiresReplace paths and diagnostics.
  //  6. RequiresReplace: the paths of 4 in walk order, then those of 5.
  void PlanResourceChange(const PlanRequest& req, PlanResponse& resp) const;

  // ApplyResourceChange: Delete when planned is null (new state null unless
  // it failed), else Create (prior null) or Update. The private bytes of the
  // plan are kept. A create or update must answer a state (on failure, what
  // exists, else the prior state is kept); write-only attributes are nulled
  // in it and an unknown value left in it is an error naming its path. Needs
  // a configured provider.
  void ApplyResourceChange(const ApplyRequest& req, ApplyResponse& resp) const;

  // ReadResource: a null current state stays null. Otherwise the resource's
  // Read; `removed` makes the new state null (Terraform plans to create the
  // object again); an error keeps the current state. Private bytes are kept.
  void ReadResource(const ReadResourceRequest& req, ReadResourceResponse& resp) const;

  // ImportResourceState: a non-empty id, passed to the resource's
  // ImportState; its (possibly partial) state is imported unless it failed.
  void ImportResourceState(const ImportResourceRequest& req, ImportResourceResponse& resp) const;

  // UpgradeResourceState: stored JSON of the current schema version is
  // decoded leniently (attributes since removed are dropped); an older
  // version goes through the resource's UpgradeState; a newer one, or the
  // legacy flatmap format, is an error.
  void UpgradeResourceState(const UpgradeResourceRequest& req, UpgradeResourceResponse& resp) const;

  // Validate*Config: the schema's validators and item counts, then the
  // type's own ValidateConfig. A resource with write-only attributes is an
  // error for a client that does not allow them.
  Diagnostics ValidateProviderConfig(const ValidateConfigRequest& req) const;
  Diagnostics ValidateResourceConfig(const ValidateConfigRequest& req) const;
  Diagnostics ValidateDataResourceConfig(const ValidateConfigRequest& req) const;
  Diagnostics ValidateEphemeralResourceConfig(const ValidateConfigRequest& req) const;

  // ConfigureProvider: the provider's Configure.
  Diagnostics ConfigureProvider(const cty::Value& config, const std::string& terraform_version);

  // ReadDataSource: the data source's Read, which must answer a wholly known
  // state. Needs a configured provider.
  void ReadDataSource(const ReadDataSourceRequest& req, ReadDataSourceResponse& resp) const;

  // OpenEphemeralResource: the ephemeral resource's Open. Needs a configured
  // provider.
  void OpenEphemeralResource(const OpenEphemeralResourceRequest& req,
                             OpenEphemeralResourceResponse& resp) const;

  // A diagnostic for a protocol feature this framework does not offer.
  Diagnostics NotSupported(const std::string& feature) const;
  // A diagnostic for an exception that escaped provider code (a bug).
  Diagnostics InternalError(const std::string& rpc, const std::string& what) const;

 private:
  const Resource* FindResource(const std::string& type_name, Diagnostics& diags) const;
  const DataSource* FindDataSource(const std::string& type_name, Diagnostics& diags) const;
  const EphemeralResource* FindEphemeral(const std::string& type_name, Diagnostics& diags) const;
  // The configured context, or null with an error diagnostic saying so.
  ProviderContext* RequireContext(Diagnostics& diags) const;

  std::unique_ptr<Provider> provider_;
  ProviderIdentity identity_;
};

// Adds an error diagnostic for a value that failed to decode or encode; these
// indicate a protocol mismatch, not a user mistake, and say so.
void AddCodecError(Diagnostics& diags, const std::string& what, const Status& status);

}  // namespace tfplugin::server
