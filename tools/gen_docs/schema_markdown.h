// The "## Schema" section of a documentation page, laid out as the Terraform
// Registry shows provider docs (the layout of hashicorp/terraform-plugin-docs,
// internal/schemamd/render.go: groups Required / Optional / Read-Only, names
// sorted, nested attributes and blocks each under an anchored "Nested Schema
// for `path`" heading, "(String, Sensitive)"-style type notes).
#pragma once

#include <ostream>

#include "plugin/schema/schema.h"
#include "resources/framework.h"

namespace vers::docs {

// Writes "## Schema" and everything under it for `block` (a resource's, data
// source's, ephemeral resource's or the provider's root block).
void WriteSchemaMarkdown(std::ostream& out, const schema::Block& block);

}  // namespace vers::docs
