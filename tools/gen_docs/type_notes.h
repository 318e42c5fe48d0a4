// The notes gen_docs writes after an attribute's name, as the Terraform
// Registry's pages show them (terraform-plugin-docs, internal/schemamd/
// write_type.go and write_attribute_description.go).
#pragma once

#include <string>

#include "plugin/schema/schema.h"
#include "resources/framework.h"

namespace vers::docs {

// "String", "Number", "Boolean", "Dynamic", "List of String", "Map of Object"…
std::string TypeName(const cty::Type& t);

// "" for single nesting, else " List", " Set" or " Map" (after "Attributes"
// or "Block").
const char* NestingName(schema::Nesting n);

// The prose after the type note: the description, what the validators
// accept, what forces a replacement, the default.
std::string Prose(const schema::Attribute& a);

// The object type an attribute of type `t` holds (itself, or its
// collection's element), or null.
const cty::Type* ObjectIn(const cty::Type& t);

}  // namespace vers::docs
