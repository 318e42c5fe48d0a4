// Declarative config validators over a block's top-level attributes, the
// counterparts of terraform-plugin-framework-validators' resourcevalidator
// (ExactlyOneOf, AtLeastOneOf, ConflictsWith, RequiredTogether-like
// AlsoRequires). A resource lists them in its schema:
//
//   schema_.block.validators = {schema::ExactlyOneOf({kA.commit_id, kA.tag_name, kA.ref})};
//
// An attribute counts as set when it is not null: an unknown value will be
// known later and counts as set (unlike the Go validators, which skip the
// check then). Each error names the attribute path it is on, what was wrong
// and what is accepted; `why`, when given, is appended as the reason.
#pragma once

#include <string>
#include <vector>

#include "plugin/schema/attr.h"
#include "plugin/schema/schema.h"

namespace tfplugin::schema {

// Exactly one of `attrs` is set. None: an error on the first; several: an
// error on the second one set.
ConfigValidator ExactlyOneOf(std::vector<AttrRef> attrs, std::string why = {});
// At least one of `attrs` is set; otherwise an error on the first.
ConfigValidator AtLeastOneOf(std::vector<AttrRef> attrs, std::string why = {});
// When `attr` is set, none of `others` is; otherwise an error on `attr`.
ConfigValidator ConflictsWith(AttrRef attr, std::vector<AttrRef> others, std::string why = {});
// When `attr` is set, every one of `others` is too; otherwise an error on
// `attr` naming the missing ones.
ConfigValidator AlsoRequires(AttrRef attr, std::vector<AttrRef> others, std::string why = {});

}  // namespace tfplugin::schema
