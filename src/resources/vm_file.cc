// vers_vm_file. Sources: the spec (VmWriteFileRequest {path, content_b64,
// mode "Defaults to 0644", create_dirs}; GET /vm/{vm_id}/files?path= answers
// VmReadFileResponse {content_b64}; VmExecRequest.command is argv) and Vers's
// server (its write handler sets the mode after writing; a read failure is a
// 500, so existence and mode come from `stat`, which says which).
#include "resources/vm_file.h"

#include <cstdio>

#include "plugin/schema/config_validators.h"
#include "plugin/schema/plan_modifiers.h"
#include "plugin/schema/timeouts.h"
#include "plugin/values.h"
#include "resources/framework.h"
#include "resources/provision_files.h"
#include "resources/vm_common.h"

namespace vers::resources {

namespace plan = schema::plan;
using cty::Value;

namespace {

struct Attrs : schema::AttrSet {
  schema::Attr<std::string> vm_id{this, "vm_id"};
  schema::Attr<std::string> path{this, "path"};
  schema::Attr<std::string> content{this, "content"};
  schema::Attr<std::string> sensitive_content{this, "sensitive_content"};
  schema::Attr<std::string> mode{this, "mode"};
  schema::Attr<bool> create_dirs{this, "create_dirs"};
  schema::Attr<std::string> id{this, "id"};
};
const Attrs kA;

schema::Validator PathValidator() {
  return {"An absolute path without control characters, not ending in `/`.",
          [](const Value& v, const AttributePath& at, Diagnostics& diags) {
            const std::string& p = v.AsString();
            bool ok = p.size() > 1 && p.size() <= 4096 && p[0] == '/' && p.back() != '/';
            for (unsigned char c : p) ok = ok && c >= 0x20 && c != 0x7f;
            if (!ok)
              diags.AddError("Invalid path",
                             at.ToString() +
                                 " must be an absolute file path (e.g. /etc/app.conf) "
                                 "without control characters, not ending in /.",
                             at);
          }};
}

schema::Validator ModeValidator() {
  return {"Octal permissions, e.g. `\"0644\"`.",
          [](const Value& v, const AttributePath& at, Diagnostics& diags) {
            if (!ParseMode(v.AsString()))
              diags.AddError("Invalid mode",
                             at.ToString() + " \"" + v.AsString() +
                                 "\" is not an octal permission such as \"0644\" or \"755\".",
                             at);
          }};
}

// An exec of `argv`, run as is: no shell sees the path.
client::ExecRequest Argv(std::vector<std::string> argv) {
  client::ExecRequest r;
  r.command = std::move(argv);
  return r;
}

// The planned file written to its VM; the new state, or a diagnostic.
void Write(const Value& plan, ProviderContext& ctx, const char* op, StateResponse& resp) {
  client::VersClient* api = provider::VersContext::From(ctx).Client(resp.diagnostics);
  auto vm = values::Get(plan, kA.vm_id), path = values::Get(plan, kA.path);
  if (api == nullptr || !vm || !path) return;
  auto content = values::Get(plan, kA.content);
  if (!content) content = values::Get(plan, kA.sensitive_content);
  Status s = api->WriteFile(*vm, *path, content.value_or(""),
                            ParseMode(values::Get(plan, kA.mode).value_or("0644")).value_or(0644),
                            values::Get(plan, kA.create_dirs).value_or(false),
                            DeadlineFor(plan, op, std::chrono::minutes(5)));
  if (!s.ok()) return AddApiError(resp.diagnostics, "Cannot write " + *path + " on VM " + *vm, s);
  resp.state = values::ObjectBuilder(plan).Set(kA.id, *vm).Build();
}

schema::Schema VmFileSchema() {
  schema::Schema s;
  auto replace = plan::RequiresReplace;
  s.block.description =
      "A file on a running VM, written through the Vers API (no SSH). It is read back on every "
      "refresh: a changed content or mode is written again, a deleted file is recreated. "
      "Destroying it removes the file. An import reads the content into `sensitive_content`.";
  s.block.attributes = {
      kA.vm_id.Declare().Required().Description("The VM.").Modify(replace()),
      kA.path.Declare()
          .Required()
          .Description("Absolute path of the file on the VM.")
          .Validate(PathValidator())
          .Modify(replace()),
      kA.content.Declare().Optional().Description(
          "The file's content, shown in plans. One of `content` and `sensitive_content`."),
      kA.sensitive_content.Declare().Optional().Sensitive().Description(
          "The file's content, never shown in plans nor logged (instead of "
          "`content`)."),
      kA.mode.Declare()
          .Default(Value::String("0644"))
          .Description("The file's permissions.")
          .Validate(ModeValidator()),
      kA.create_dirs.Declare()
          .Default(Value::Bool(false))
          .Description("Create the missing parent directories."),
      kA.id.Declare()
          .Computed()
          .Description("The VM's id, as in the import id `<vm_id>:<path>` (a VM's files share it).")
          .Modify(plan::UseStateForUnknown()),
  };
  s.block.validators = {schema::ExactlyOneOf({kA.content, kA.sensitive_content})};
  s.block.blocks = {schema::TimeoutsBlock({"create", "read", "update", "delete"})};
  s.attr_sets = {&kA};
  return s;
}

}  // namespace

VmFile::VmFile() : WithSchema("vers_vm_file", VmFileSchema()) {}

void VmFile::Create(const CreateRequest& req, StateResponse& resp) const {
  Write(req.plan, req.ctx, "create", resp);
}

void VmFile::Update(const UpdateRequest& req, StateResponse& resp) const {
  Write(req.plan, req.ctx, "update", resp);
}

void VmFile::Read(const ReadRequest& req, ReadResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto vm = values::Get(req.state, kA.vm_id), path = values::Get(req.state, kA.path);
  if (api == nullptr || !vm || !path) return;
  auto d = DeadlineFor(req.state, "read", std::chrono::minutes(5));
  auto stat = api->Exec(*vm, Argv({"stat", "-c", "%a", "--", *path}), d);
  if (stat.status().is_not_found() || (stat.ok() && stat.value().exit_code != 0)) {
    resp.removed = true;  // the VM or the file is gone
    return;
  }
  auto bytes = stat.ok() ? api->ReadFile(*vm, *path, d) : stat.status();
  if (!bytes.ok())
    return AddApiError(resp.diagnostics, "Cannot read " + *path + " on VM " + *vm, bytes.status());
  values::ObjectBuilder out(req.state);
  // The configured spelling of the mode is kept while it means the same.
  const std::string& printed = stat.value().stdout_text;  // "644\n"
  int mode = ParseMode(printed.substr(0, printed.find('\n'))).value_or(0);
  if (ParseMode(values::Get(req.state, kA.mode).value_or("")) != mode) {
    char octal[8];
    std::snprintf(octal, sizeof octal, "%04o", mode & 07777);
    out.Set(kA.mode, octal);
  }
  // An import knows neither spelling: the content is then held as sensitive,
  // since the configuration it meets may declare it so and a plan would
  // otherwise print it.
  bool sensitive =
      values::IsSet(req.state, kA.sensitive_content) || !values::IsSet(req.state, kA.content);
  out.Set(sensitive ? kA.sensitive_content : kA.content, bytes.value());
  resp.state = out.Set(kA.id, *vm).Build();
}

void VmFile::Delete(const DeleteRequest& req, DeleteResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto vm = values::Get(req.state, kA.vm_id), path = values::Get(req.state, kA.path);
  if (api == nullptr || !vm || !path) return;
  auto rm = api->Exec(*vm, Argv({"rm", "-f", "--", *path}),
                      DeadlineFor(req.state, "delete", std::chrono::minutes(5)));
  if (rm.status().is_not_found()) return;  // the VM, and its file, are gone
  if (!rm.ok()) return AddApiError(resp.diagnostics, "Cannot delete " + *path, rm.status());
  if (rm.value().exit_code != 0)
    resp.diagnostics.AddError("Cannot delete " + *path + " on VM " + *vm,
                              "rm exited with status " + std::to_string(rm.value().exit_code) +
                                  ": " + rm.value().stderr_text);
}

void VmFile::ImportState(const ImportRequest& req, ImportResponse& resp) const {
  size_t colon = req.id.find(':');
  if (colon == std::string::npos || req.id.compare(colon + 1, 1, "/") != 0)
    return resp.diagnostics.AddError("Invalid import id",
                                     "\"" + req.id + "\" is not `<vm_id>:<absolute path>`.");
  resp.state = values::ObjectBuilder(ImportById(GetSchema(), req.id.substr(0, colon)))
                   .Set(kA.vm_id, req.id.substr(0, colon))
                   .Set(kA.path, req.id.substr(colon + 1))
                   .Set(kA.create_dirs, false)
                   .Build();
}

}  // namespace vers::resources
