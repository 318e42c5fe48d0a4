// WithSchema: the one place a provider's types keep their type name and
// schema. A resource, data source or ephemeral resource derives from
// WithSchema<Resource> (or <DataSource>, <EphemeralResource>), passes its
// name and its schema, built once, to this constructor, and declares only its
// own operations; TypeName() and GetSchema() are answered here.
#pragma once

#include <string>
#include <type_traits>
#include <utility>

#include "plugin/data_source.h"
#include "plugin/resource.h"
#include "plugin/schema/schema.h"

namespace tfplugin {

// `Kind` is one of the framework's type contracts (Resource, DataSource,
// EphemeralResource); the derived class implements the rest of it. The name
// and schema are immutable after construction, so the const, concurrent calls
// the contracts allow may read them without synchronization, and the
// reference GetSchema() returns stays valid for the object's life.
template <class Kind>
class WithSchema : public Kind {
  static_assert(std::is_same_v<Kind, Resource> || std::is_same_v<Kind, DataSource> ||
                    std::is_same_v<Kind, EphemeralResource>,
                "WithSchema<Kind>: Kind is Resource, DataSource or EphemeralResource");

 public:
  // The name given to the constructor.
  std::string TypeName() const final { return type_name_; }
  // The schema given to the constructor.
  const schema::Schema& GetSchema() const final { return schema_; }

 protected:
  // `type_name` as written in configurations (e.g. "vers_vm"); `schema` is
  // the type's complete schema (its attributes, blocks, validators and the
  // descriptor sets they are checked against).
  WithSchema(std::string type_name, schema::Schema schema)
      : type_name_(std::move(type_name)), schema_(std::move(schema)) {}

 private:
  const std::string type_name_;
  const schema::Schema schema_;
};

}  // namespace tfplugin
