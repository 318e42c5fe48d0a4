// Conversions between the wire (tfplugin6 protobuf messages) and the
// framework's own types. Everything protocol-shaped stops here.
#pragma once

#include <google/protobuf/repeated_ptr_field.h>

#include "plugin/base.h"
#include "plugin/cty/value.h"
#include "plugin/diagnostics.h"
#include "plugin/schema/schema.h"
#include "tfplugin6/tfplugin6.pb.h"

namespace tfplugin::wire {

// Decodes a DynamicValue (msgpack, or JSON when only that is set) of `type`.
// An entirely empty DynamicValue decodes as null.
Result<cty::Value> DecodeDynamic(const tfplugin6::DynamicValue& dv, const cty::Type& type);
// Encodes as msgpack into `out`; on failure leaves `out` empty and returns the
// error. Numbers go as decimal text (cty::NumberEncoding::kDecimalText), so
// that Terraform holds each number we send exactly as it holds the same
// number read from its JSON state file or parsed from configuration.
Status EncodeDynamic(const cty::Value& value, const cty::Type& type, tfplugin6::DynamicValue* out);

// Appends the wire form to `out` (which the caller owns); these cannot fail.
// Diagnostics keep their order; a schema's attributes and blocks keep theirs.
void ToProto(const AttributePath& path, tfplugin6::AttributePath* out);
void ToProto(const Diagnostics& diags,
             google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>* out);
// The schema's wire form (block, nested blocks, attributes with their flags).
void ToProto(const schema::Schema& schema, tfplugin6::Schema* out);

}  // namespace tfplugin::wire
