// tiny_note: a text kept in a file of the provider's directory.
#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "plugin/schema/plan_modifiers.h"
#include "test/plugin/tiny_provider/tiny_types.h"

namespace tiny {
namespace {

using tfplugin::AttributePath;
using tfplugin::cty::Type;
using tfplugin::cty::Value;
using tfplugin::schema::Attribute;
namespace plan = tfplugin::schema::plan;
namespace values = tfplugin::values;

TinyContext& Ctx(tfplugin::ProviderContext& ctx) { return static_cast<TinyContext&>(ctx); }

bool WriteNote(const TinyContext& ctx, const std::string& id, const std::string& text) {
  std::ofstream out(ctx.NotePath(id), std::ios::trunc);
  out << text;
  return static_cast<bool>(out.flush());
}

// The planned entries with every unknown serial numbered revision*100+1,
// +2, ... in set order: an element the plan kept shows its first revision.
Value NumberEntries(const Value& entries, int64_t revision) {
  if (entries.is_null() || !entries.is_known()) return entries;
  int64_t next = revision * 100 + 1;
  Value::Elements out;
  for (const auto& e : entries.AsElements()) {
    values::ObjectBuilder b(e);
    if (!e.GetAttr("serial").is_known()) b.SetInt("serial", next++);
    out.push_back(b.Build());
  }
  return Value::Set(entries.type().element(), std::move(out));
}

class NoteResource final : public tfplugin::Resource {
 public:
  NoteResource() {
    schema_.block.attributes = {
        Attribute::String("id").Computed().Modify(plan::UseStateForUnknown()),
        Attribute::String("text").Required(),
        Attribute::Number("size").Default(Value::Int(1)).Modify(plan::RequiresReplace()),
        Attribute::Number("revision").Computed(),
        Attribute::Nested(
            "entries", tfplugin::schema::Nesting::kSet,
            {Attribute::String("name").Required(), Attribute::Number("serial").Computed()})
            .Optional(),
    };
  }
  std::string TypeName() const override { return "tiny_note"; }
  const tfplugin::schema::Schema& GetSchema() const override { return schema_; }

  void Create(const tfplugin::CreateRequest& req, tfplugin::StateResponse& resp) const override {
    std::string id = "note-" + *values::String(req.plan, "text");
    for (char& c : id) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
    Save(Ctx(req.ctx), id, req.plan, 1, resp);
  }
  void Update(const tfplugin::UpdateRequest& req, tfplugin::StateResponse& resp) const override {
    Save(Ctx(req.ctx), *values::String(req.state, "id"), req.plan,
         *values::Int(req.state, "revision") + 1, resp);
  }
  void Read(const tfplugin::ReadRequest& req, tfplugin::ReadResponse& resp) const override {
    std::ifstream in(Ctx(req.ctx).NotePath(*values::String(req.state, "id")));
    if (!in) {
      resp.removed = true;
      return;
    }
    std::stringstream text;
    text << in.rdbuf();
    resp.state = values::ObjectBuilder(req.state).SetString("text", text.str()).Build();
  }
  void Delete(const tfplugin::DeleteRequest& req, tfplugin::DeleteResponse&) const override {
    std::remove(Ctx(req.ctx).NotePath(*values::String(req.state, "id")).c_str());
  }
  void ImportState(const tfplugin::ImportRequest& req,
                   tfplugin::ImportResponse& resp) const override {
    resp.state = values::ObjectBuilder(tfplugin::ImportById(schema_, req.id))
                     .SetInt("size", 1)
                     .SetInt("revision", 1)
                     .Build();
  }

 private:
  void Save(const TinyContext& ctx, const std::string& id, const Value& plan, int64_t revision,
            tfplugin::StateResponse& resp) const {
    if (!WriteNote(ctx, id, *values::String(plan, "text"))) {
      resp.diagnostics.AddError("Could not write the note",
                                "Check that " + ctx.directory() + " exists and is writable.");
      return;
    }
    resp.state = values::ObjectBuilder(plan)
                     .SetString("id", id)
                     .SetInt("revision", revision)
                     .Set("entries", NumberEntries(plan.GetAttr("entries"), revision))
                     .Build();
  }

  tfplugin::schema::Schema schema_;
};

class EchoDataSource final : public tfplugin::DataSource {
 public:
  EchoDataSource() {
    schema_.block.attributes = {Attribute::String("text").Required(),
                                Attribute::Number("length").Computed()};
  }
  std::string TypeName() const override { return "tiny_echo"; }
  const tfplugin::schema::Schema& GetSchema() const override { return schema_; }
  void Read(const tfplugin::ReadDataRequest& req, tfplugin::StateResponse& resp) const override {
    int64_t length = static_cast<int64_t>(values::String(req.config, "text")->size());
    resp.state = values::ObjectBuilder(req.config).SetInt("length", length).Build();
  }

 private:
  tfplugin::schema::Schema schema_;
};

}  // namespace

std::unique_ptr<tfplugin::Resource> NewNoteResource() { return std::make_unique<NoteResource>(); }
std::unique_ptr<tfplugin::DataSource> NewEchoDataSource() {
  return std::make_unique<EchoDataSource>();
}

}  // namespace tiny
