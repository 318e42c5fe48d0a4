// tiny_note: a text kept in a file of the provider's directory.
#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "plugin/schema/plan_modifiers.h"
#include "plugin/with_schema.h"
#include "test/plugin/tiny_provider/tiny_types.h"

namespace tiny {
namespace {

using tfplugin::AttributePath;
using tfplugin::cty::Type;
using tfplugin::cty::Value;
using tfplugin::schema::Attribute;
namespace plan = tfplugin::schema::plan;
namespace values = tfplugin::values;

// One element of tiny_note's `entries`.
struct EntryAttrs : tfplugin::schema::AttrSet {
  tfplugin::schema::Attr<std::string> name{this, "name"};
  tfplugin::schema::Attr<int64_t> serial{this, "serial"};
};
const EntryAttrs kEntry;

struct NoteAttrs : tfplugin::schema::AttrSet {
  tfplugin::schema::Attr<std::string> id{this, "id"};
  tfplugin::schema::Attr<std::string> text{this, "text"};
  tfplugin::schema::Attr<int64_t> size{this, "size"};
  tfplugin::schema::Attr<int64_t> revision{this, "revision"};
  tfplugin::schema::Attr<Value> entries{this, "entries", Type::Set(kEntry.ObjectType())};
};
const NoteAttrs kNote;

struct EchoAttrs : tfplugin::schema::AttrSet {
  tfplugin::schema::Attr<std::string> text{this, "text"};
  tfplugin::schema::Attr<int64_t> length{this, "length"};
};
const EchoAttrs kEcho;

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
    if (!values::IsKnown(e, kEntry.serial)) b.Set(kEntry.serial, next++);
    out.push_back(b.Build());
  }
  return Value::Set(entries.type().element(), std::move(out));
}

tfplugin::schema::Schema NoteSchema() {
  tfplugin::schema::Schema s;
  s.block.attributes = {
      kNote.id.Declare().Computed().Modify(plan::UseStateForUnknown()),
      kNote.text.Declare().Required(),
      kNote.size.Declare().Default(Value::Int(1)).Modify(plan::RequiresReplace()),
      kNote.revision.Declare().Computed(),
      Attribute::Nested(kNote.entries.name(), tfplugin::schema::Nesting::kSet,
                        {kEntry.name.Declare().Required(), kEntry.serial.Declare().Computed()})
          .Optional(),
  };
  s.attr_sets = {&kNote};
  return s;
}

class NoteResource final : public tfplugin::WithSchema<tfplugin::Resource> {
 public:
  NoteResource() : WithSchema("tiny_note", NoteSchema()) {}

  void Create(const tfplugin::CreateRequest& req, tfplugin::StateResponse& resp) const override {
    std::string id = "note-" + *values::Get(req.plan, kNote.text);
    for (char& c : id) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
    Save(Ctx(req.ctx), id, req.plan, 1, resp);
  }
  void Update(const tfplugin::UpdateRequest& req, tfplugin::StateResponse& resp) const override {
    Save(Ctx(req.ctx), *values::Get(req.state, kNote.id), req.plan,
         *values::Get(req.state, kNote.revision) + 1, resp);
  }
  void Read(const tfplugin::ReadRequest& req, tfplugin::ReadResponse& resp) const override {
    std::ifstream in(Ctx(req.ctx).NotePath(*values::Get(req.state, kNote.id)));
    if (!in) {
      resp.removed = true;
      return;
    }
    std::stringstream text;
    text << in.rdbuf();
    resp.state = values::ObjectBuilder(req.state).Set(kNote.text, text.str()).Build();
  }
  void Delete(const tfplugin::DeleteRequest& req, tfplugin::DeleteResponse&) const override {
    std::remove(Ctx(req.ctx).NotePath(*values::Get(req.state, kNote.id)).c_str());
  }
  void ImportState(const tfplugin::ImportRequest& req,
                   tfplugin::ImportResponse& resp) const override {
    resp.state = values::ObjectBuilder(tfplugin::ImportById(GetSchema(), req.id))
                     .Set(kNote.size, 1)
                     .Set(kNote.revision, 1)
                     .Build();
  }

 private:
  void Save(const TinyContext& ctx, const std::string& id, const Value& plan, int64_t revision,
            tfplugin::StateResponse& resp) const {
    if (!WriteNote(ctx, id, *values::Get(plan, kNote.text))) {
      resp.diagnostics.AddError("Could not write the note",
                                "Check that " + ctx.directory() + " exists and is writable.");
      return;
    }
    resp.state = values::ObjectBuilder(plan)
                     .Set(kNote.id, id)
                     .Set(kNote.revision, revision)
                     .Set(kNote.entries, NumberEntries(values::Raw(plan, kNote.entries), revision))
                     .Build();
  }
};

tfplugin::schema::Schema EchoSchema() {
  tfplugin::schema::Schema s;
  s.block.attributes = {kEcho.text.Declare().Required(), kEcho.length.Declare().Computed()};
  s.attr_sets = {&kEcho};
  return s;
}

class EchoDataSource final : public tfplugin::WithSchema<tfplugin::DataSource> {
 public:
  EchoDataSource() : WithSchema("tiny_echo", EchoSchema()) {}
  void Read(const tfplugin::ReadDataRequest& req, tfplugin::StateResponse& resp) const override {
    int64_t length = static_cast<int64_t>(values::Get(req.config, kEcho.text)->size());
    resp.state = values::ObjectBuilder(req.config).Set(kEcho.length, length).Build();
  }
};

}  // namespace

std::unique_ptr<tfplugin::Resource> NewNoteResource() { return std::make_unique<NoteResource>(); }
std::unique_ptr<tfplugin::DataSource> NewEchoDataSource() {
  return std::make_unique<EchoDataSource>();
}

}  // namespace tiny
