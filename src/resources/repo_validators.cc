// Validators of repository names and references: the mistakes are named at
// plan time with what is accepted, before anything is sent.
#include "client/repo_refs.h"
#include "resources/framework.h"
#include "resources/repository.h"

namespace vers::resources {
namespace {

schema::Validator FromParser(std::string description,
                             std::function<Status(const std::string&)> parse) {
  return {std::move(description),
          [parse = std::move(parse)](const cty::Value& v, const AttributePath& path,
                                     Diagnostics& diags) {
            Status s = parse(v.AsString());
            if (!s.ok())
              diags.AddError("Invalid reference", path.ToString() + ": " + s.message() + ".", path);
          }};
}

}  // namespace

schema::Validator RepoNameValidator() {
  return {"1-64 letters, digits, `-`, `_` or `.`.",
          [](const cty::Value& v, const AttributePath& path, Diagnostics& diags) {
            if (!client::IsRepoName(v.AsString()))
              diags.AddError("Invalid name",
                             path.ToString() + " is \"" + v.AsString() +
                                 "\"; it must be 1-64 letters, digits, '-', '_' or '.'.",
                             path);
          }};
}

schema::Validator RepoRefValidator() {
  return FromParser("Of the form `repo:tag`.",
                    [](const std::string& text) { return client::ParseRepoRef(text).status(); });
}

schema::Validator PublicRefValidator() {
  return FromParser("Of the form `org/repo:tag`.",
                    [](const std::string& text) { return client::ParsePublicRef(text).status(); });
}

}  // namespace vers::resources
