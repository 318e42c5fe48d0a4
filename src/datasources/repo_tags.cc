#include "datasources/repo_tags.h"

#include "resources/framework.h"

namespace vers::datasources {

namespace {

// One element of `tags`.
struct TagAttrs : schema::AttrSet {
  schema::Attr<std::string> name{this, "name"};
  schema::Attr<std::string> reference{this, "reference"};
  schema::Attr<std::string> commit_id{this, "commit_id"};
  schema::Attr<std::string> description{this, "description"};
  schema::Attr<std::string> created_at{this, "created_at"};
  schema::Attr<std::string> updated_at{this, "updated_at"};
};
const TagAttrs kTag;

struct TagsAttrs : schema::AttrSet {
  schema::Attr<cty::Value> tags{this, "tags", kTag.ListType()};
};
const TagsAttrs kTags;

}  // namespace

schema::Attribute TagsAttribute() {
  return kTags.tags.Declare().Computed().Description(
      "The tags: `name`, `reference` (`repo:tag`), `commit_id`, `description`, "
      "`created_at`, `updated_at`.");
}

const schema::AttrSet& TagsAttrSet() { return kTags; }

values::ObjectBuilder& SetTags(values::ObjectBuilder& b, const std::vector<client::RepoTag>& tags) {
  cty::Value::Elements list;
  for (const auto& t : tags) {
    list.push_back(values::ObjectBuilder(kTag.ObjectType())
                       .Set(kTag.name, t.tag_name)
                       .Set(kTag.reference, t.reference)
                       .Set(kTag.commit_id, t.commit_id)
                       .SetOrNull(kTag.description, t.description)
                       .Set(kTag.created_at, t.created_at)
                       .Set(kTag.updated_at, t.updated_at)
                       .Build());
  }
  return b.Set(kTags.tags, cty::Value::List(kTag.ObjectType(), std::move(list)));
}

}  // namespace vers::datasources
