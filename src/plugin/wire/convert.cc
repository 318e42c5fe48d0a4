#include "plugin/wire/convert.h"

#include "plugin/cty/json.h"
#include "plugin/cty/msgpack.h"
#include "plugin/cty/type_json.h"

namespace tfplugin::wire {

Result<cty::Value> DecodeDynamic(const tfplugin6::DynamicValue& dv, const cty::Type& type) {
  if (!dv.msgpack().empty()) return cty::DecodeMsgpack(dv.msgpack(), type);
  if (!dv.json().empty()) return cty::DecodeJson(dv.json(), type);
  return cty::Value::Null(type);
}

// Why text: Terraform before v1.15 decides whether a refresh-only plan has
// anything to apply with reflect.DeepEqual over the refreshed and the prior
// state (managed objects, whose cached value holds each number's big.Float,
// and root output values): hashicorp/terraform v1.11.4
// internal/terraform/context_plan.go (plan.Applyable in RefreshOnlyMode),
// internal/states/state_equal.go, internal/states/instance_object.go (Encode
// keeps decodeValueCache). Prior numbers come from the state's JSON through
// cty.ParseNumberVal (a 512-bit big.Float); a msgpack int decodes through
// cty.NumberIntVal to a 64-bit big.Float of the same value, which DeepEqual
// tells apart, so `plan -refresh-only -detailed-exitcode` exited 2 after "No
// changes" for every object or output with a number. A str number decodes
// through cty.ParseNumberVal as JSON does (go-cty v1.16 cty/msgpack/unmarshal.go,
// cty/json/unmarshal.go). Terraform 1.15 compares bytes instead (commit
// 659d5e2218, "remove the use of reflect.DeepEqual for states"); OpenTofu
// v1.12 exits 0 either way. Value semantics are the same either way.
Status EncodeDynamic(const cty::Value& value, const cty::Type& type, tfplugin6::DynamicValue* out) {
  auto bytes = cty::EncodeMsgpack(value, type, cty::NumberEncoding::kDecimalText);
  if (!bytes.ok()) return bytes.status();
  out->set_msgpack(std::move(bytes).value());
  return Status::Ok();
}

void ToProto(const AttributePath& path, tfplugin6::AttributePath* out) {
  for (const auto& step : path.steps()) {
    auto* s = out->add_steps();
    switch (step.kind) {
      case AttributePath::Step::Kind::kAttribute:
        s->set_attribute_name(step.name);
        break;
      case AttributePath::Step::Kind::kKey:
        s->set_element_key_string(step.name);
        break;
      case AttributePath::Step::Kind::kIndex:
        s->set_element_key_int(step.index);
        break;
    }
  }
}

void ToProto(const Diagnostics& diags,
             google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>* out) {
  for (const auto& d : diags.items()) {
    auto* p = out->Add();
    p->set_severity(d.severity == Diagnostic::Severity::kError ? tfplugin6::Diagnostic::ERROR
                                                               : tfplugin6::Diagnostic::WARNING);
    p->set_summary(d.summary);
    p->set_detail(d.detail);
    if (d.path && !d.path->empty()) ToProto(*d.path, p->mutable_attribute());
  }
}

namespace {

void AttributeToProto(const schema::Attribute& a, tfplugin6::Schema::Attribute* out);

void NestedToProto(const schema::NestedAttributes& n, tfplugin6::Schema::Object* out) {
  for (const auto& a : n.attributes) AttributeToProto(a, out->add_attributes());
  switch (n.nesting) {
    case schema::Nesting::kSingle:
      out->set_nesting(tfplugin6::Schema::Object::SINGLE);
      break;
    case schema::Nesting::kList:
      out->set_nesting(tfplugin6::Schema::Object::LIST);
      break;
    case schema::Nesting::kSet:
      out->set_nesting(tfplugin6::Schema::Object::SET);
      break;
    case schema::Nesting::kMap:
      out->set_nesting(tfplugin6::Schema::Object::MAP);
      break;
  }
}

void AttributeToProto(const schema::Attribute& a, tfplugin6::Schema::Attribute* out) {
  out->set_name(a.name);
  if (a.nested) {
    NestedToProto(*a.nested, out->mutable_nested_type());
  } else {
    out->set_type(cty::EncodeTypeJson(a.type));
  }
  out->set_description(a.description);
  out->set_description_kind(tfplugin6::MARKDOWN);
  out->set_required(a.required);
  out->set_optional(a.optional);
  out->set_computed(a.computed);
  out->set_sensitive(a.sensitive);
  out->set_write_only(a.write_only);
  out->set_deprecated(!a.deprecation_message.empty());
  out->set_deprecation_message(a.deprecation_message);
}

void BlockToProto(const schema::Block& b, tfplugin6::Schema::Block* out) {
  for (const auto& a : b.attributes) AttributeToProto(a, out->add_attributes());
  for (const auto& nb : b.blocks) {
    auto* p = out->add_block_types();
    p->set_type_name(nb.type_name);
    BlockToProto(*nb.block, p->mutable_block());
    switch (nb.nesting) {
      case schema::Nesting::kSingle:
        p->set_nesting(tfplugin6::Schema::NestedBlock::SINGLE);
        break;
      case schema::Nesting::kList:
        p->set_nesting(tfplugin6::Schema::NestedBlock::LIST);
        break;
      case schema::Nesting::kSet:
        p->set_nesting(tfplugin6::Schema::NestedBlock::SET);
        break;
      case schema::Nesting::kMap:
        p->set_nesting(tfplugin6::Schema::NestedBlock::MAP);
        break;
    }
    p->set_min_items(nb.min_items);
    p->set_max_items(nb.max_items);
  }
  out->set_description(b.description);
  out->set_description_kind(tfplugin6::MARKDOWN);
  out->set_deprecated(!b.deprecation_message.empty());
  out->set_deprecation_message(b.deprecation_message);
}

}  // namespace

void ToProto(const schema::Schema& schema, tfplugin6::Schema* out) {
  out->set_version(schema.version);
  BlockToProto(schema.block, out->mutable_block());
  out->mutable_block()->set_version(schema.version);
}

}  // namespace tfplugin::wire
