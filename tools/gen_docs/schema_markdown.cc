#include "tools/gen_docs/schema_markdown.h"

#include <algorithm>
#include <string>
#include <vector>

#include "resources/framework.h"
#include "tools/gen_docs/type_notes.h"

namespace vers::docs {
namespace {

using schema::Attribute;
using schema::Block;
using schema::NestedAttributes;
using schema::NestedBlock;
using schema::Nesting;

enum class Group { kRequired, kOptional, kReadOnly };

// Something with a "Nested Schema for `path`" section of its own.
struct Nested {
  std::string anchor;
  std::vector<std::string> path;
  const Block* block = nullptr;             // a nested block's children, or
  const NestedAttributes* attrs = nullptr;  // a nested attribute's, or
  const cty::Type* object = nullptr;        // an object type's, all of them
  Group group = Group::kReadOnly;           // in this group (its holder's)
};

std::string Join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

Group GroupOf(const Attribute& a) {
  if (a.required) return Group::kRequired;
  if (a.optional) return Group::kOptional;
  return Group::kReadOnly;
}

bool AllReadOnly(const Block& b) {
  for (const auto& a : b.attributes)
    if (GroupOf(a) != Group::kReadOnly) return false;
  for (const auto& nb : b.blocks)
    if (nb.min_items > 0 || !AllReadOnly(*nb.block)) return false;
  return true;
}

// As terraform-plugin-docs groups blocks: required when it needs an item,
// read-only when all it holds is (and it is not empty), else optional.
Group GroupOf(const NestedBlock& b) {
  if (b.min_items > 0) return Group::kRequired;
  bool empty = b.block->attributes.empty() && b.block->blocks.empty();
  return !empty && b.max_items == 0 && AllReadOnly(*b.block) ? Group::kReadOnly : Group::kOptional;
}

std::string SeeBelow(const std::string& anchor) {
  return " (see [below for nested schema](#" + anchor + "))";
}

// An object type's attributes, as terraform-plugin-docs lists them (under the
// group title of the attribute that holds it; objects within get sections).
void WriteObject(std::ostream& out, const std::vector<std::string>& path, const cty::Type& object,
                 Group group, std::vector<Nested>& nested) {
  static const char* kTitles[] = {"Required:", "Optional:", "Read-Only:"};
  out << kTitles[static_cast<int>(group)] << "\n\n";
  for (const auto& [name, type] : object.attributes()) {  // a std::map: sorted
    std::vector<std::string> sub = path;
    sub.push_back(name);
    out << "- `" << name << "` (" << TypeName(type) << ")";
    if (const cty::Type* inner = ObjectIn(type)) {
      std::string anchor = "nestedobjatt--" + Join(sub, "--");
      out << SeeBelow(anchor);
      nested.push_back({anchor, sub, nullptr, nullptr, inner, group});
    }
    out << "\n";
  }
  out << "\n";
}

void WriteAttribute(std::ostream& out, const std::vector<std::string>& path, const Attribute& a,
                    std::vector<Nested>& nested) {
  out << "- `" << a.name << "` (";
  if (a.nested) {
    out << "Attributes" << NestingName(a.nested->nesting);
  } else {
    out << TypeName(a.type);
  }
  if (a.sensitive) out << ", Sensitive";
  if (!a.deprecation_message.empty()) out << ", Deprecated";
  if (a.write_only) {
    out << ", [Write-only](https://developer.hashicorp.com/terraform/language/resources/"
           "ephemeral#write-only-arguments)";
  }
  out << ")";
  if (std::string prose = Prose(a); !prose.empty()) out << " " << prose;
  std::string anchor = "nestedatt--" + Join(path, "--");
  if (a.nested) {
    out << SeeBelow(anchor);
    nested.push_back({anchor, path, nullptr, a.nested.get()});
  } else if (const cty::Type* object = ObjectIn(a.type)) {
    out << SeeBelow(anchor);
    nested.push_back({anchor, path, nullptr, nullptr, object, GroupOf(a)});
  }
  out << "\n";
}

void WriteBlockLine(std::ostream& out, const std::vector<std::string>& path, const NestedBlock& b,
                    std::vector<Nested>& nested) {
  out << "- `" << b.type_name << "` (Block" << NestingName(b.nesting);
  if (b.nesting == Nesting::kSingle) {
    Group g = GroupOf(b);
    out << (g == Group::kRequired   ? ", Required"
            : g == Group::kOptional ? ", Optional"
                                    : ", Read-only");
  } else {
    if (b.min_items > 0) out << ", Min: " << b.min_items;
    if (b.max_items > 0) out << ", Max: " << b.max_items;
  }
  if (!b.block->deprecation_message.empty()) out << ", Deprecated";
  out << ")";
  if (!b.block->description.empty()) out << " " << b.block->description;
  std::string anchor = "nestedblock--" + Join(path, "--");
  out << SeeBelow(anchor) << "\n";
  nested.push_back({anchor, path, b.block.get(), nullptr});
}

void WriteNested(std::ostream& out, const std::vector<Nested>& nested);

// One level: its groups, then the nested schemas they point to.
void WriteChildren(std::ostream& out, const std::vector<std::string>& parents,
                   const std::vector<Attribute>& attributes, const std::vector<NestedBlock>* blocks,
                   bool root) {
  static const char* kRootTitles[] = {"### Required", "### Optional", "### Read-Only"};
  static const char* kNestedTitles[] = {"Required:", "Optional:", "Read-Only:"};
  std::vector<Nested> nested;
  for (Group g : {Group::kRequired, Group::kOptional, Group::kReadOnly}) {
    // Attributes and blocks share one name order, as on the Registry.
    std::vector<std::pair<std::string, const void*>> names;
    for (const auto& a : attributes)
      if (GroupOf(a) == g) names.emplace_back(a.name, &a);
    if (blocks != nullptr) {
      for (const auto& b : *blocks)
        if (GroupOf(b) == g) names.emplace_back(b.type_name, &b);
    }
    if (names.empty()) continue;
    std::sort(names.begin(), names.end(),
              [](const auto& x, const auto& y) { return x.first < y.first; });
    int i = static_cast<int>(g);
    out << (root ? kRootTitles[i] : kNestedTitles[i]) << "\n\n";
    for (const auto& [name, item] : names) {
      std::vector<std::string> path = parents;
      path.push_back(name);
      bool is_block = blocks != nullptr && std::any_of(blocks->begin(), blocks->end(),
                                                       [&](const auto& b) { return &b == item; });
      if (is_block) {
        WriteBlockLine(out, path, *static_cast<const NestedBlock*>(item), nested);
      } else {
        WriteAttribute(out, path, *static_cast<const Attribute*>(item), nested);
      }
    }
    out << "\n";
  }
  WriteNested(out, nested);
}

void WriteNested(std::ostream& out, const std::vector<Nested>& nested) {
  for (const auto& n : nested) {
    out << "<a id=\"" << n.anchor << "\"></a>\n### Nested Schema for `" << Join(n.path, ".")
        << "`\n\n";
    if (n.block != nullptr) {
      WriteChildren(out, n.path, n.block->attributes, &n.block->blocks, false);
    } else if (n.attrs != nullptr) {
      WriteChildren(out, n.path, n.attrs->attributes, nullptr, false);
    } else {
      std::vector<Nested> inner;
      WriteObject(out, n.path, *n.object, n.group, inner);
      WriteNested(out, inner);
    }
  }
}

}  // namespace

void WriteSchemaMarkdown(std::ostream& out, const schema::Block& block) {
  out << "## Schema\n\n";
  WriteChildren(out, {}, block.attributes, &block.blocks, true);
}

}  // namespace vers::docs
