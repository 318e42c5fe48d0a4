#include "client/vergeio_answer.h"

#include <charconv>

namespace vers::client {

namespace {

using simdjson::dom::element;

// Decimal digits only (VergeIO writes keys as "36").
std::optional<int64_t> DecimalString(std::string_view s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string Snippet(const std::string& body) {
  std::string s = body.substr(0, 200);
  for (char& c : s)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return body.size() > 200 ? s + "…" : s;
}

}  // namespace

void VergeioRow::Fail(const std::string& what) {
  if (status_.ok()) status_ = Status::Error("VergeIO's answer to " + context_ + " " + what);
}

std::optional<element> VergeioRow::Member(const char* field) {
  if (!status_.ok()) return std::nullopt;
  element v;
  if (row_[field].get(v) != simdjson::SUCCESS) {
    Fail("lacks \"" + std::string(field) + "\"");
    return std::nullopt;
  }
  return v;
}

int64_t VergeioRow::Key() {
  auto v = Member("$key");
  if (!v) return 0;
  int64_t key = 0;
  std::string_view text;
  if (v->get_int64().get(key) == simdjson::SUCCESS) {
  } else if (v->get_string().get(text) == simdjson::SUCCESS && DecimalString(text)) {
    key = *DecimalString(text);
  } else {
    Fail("has a \"$key\" that is not an integer");
    return 0;
  }
  if (key <= 0) Fail("has a \"$key\" that is not positive");
  return key;
}

int64_t VergeioRow::Int(const char* field, std::optional<int64_t> null_as) {
  auto v = Member(field);
  if (!v) return 0;
  int64_t n = 0;
  std::string_view text;
  if (v->get_int64().get(n) == simdjson::SUCCESS) return n;
  if (v->get_string().get(text) == simdjson::SUCCESS && DecimalString(text))
    return *DecimalString(text);
  if (v->is_null() && null_as) return *null_as;
  Fail("has a \"" + std::string(field) + "\" that is not an integer");
  return 0;
}

std::string VergeioRow::Str(const char* field) {
  auto v = Member(field);
  if (!v || v->is_null()) return "";
  std::string_view s;
  if (v->get_string().get(s) == simdjson::SUCCESS) return std::string(s);
  Fail("has a \"" + std::string(field) + "\" that is not a string");
  return "";
}

bool VergeioRow::Bool(const char* field) {
  auto v = Member(field);
  if (!v) return false;
  bool b = false;
  if (v->get_bool().get(b) == simdjson::SUCCESS) return b;
  Fail("has a \"" + std::string(field) + "\" that is not true or false");
  return false;
}

Status ReadRows(const std::string& body, const std::string& context, bool want_array,
                const std::function<Status(VergeioRow&)>& each) {
  simdjson::dom::parser parser;
  element doc;
  if (parser.parse(body).get(doc) != simdjson::SUCCESS)
    return Status::Error("VergeIO's answer to " + context +
                         " is not JSON (or was cut short): " + Snippet(body));
  auto one = [&](element e) -> Status {
    if (!e.is_object())
      return Status::Error("VergeIO's answer to " + context + " has a row that is not an object");
    VergeioRow row(e, context);
    Status s = each(row);
    return s.ok() ? row.status() : s;
  };
  simdjson::dom::array rows;
  if (doc.get_array().get(rows) == simdjson::SUCCESS) {
    if (!want_array)
      return Status::Error("VergeIO's answer to " + context + " is a list, not one row");
    for (element e : rows)
      if (Status s = one(e); !s.ok()) return s;
    return Status::Ok();
  }
  if (want_array)
    return Status::Error("VergeIO's answer to " + context + " is not a list: " + Snippet(body));
  std::string_view err;  // an error body that came with a 2xx status
  if (doc["err"].get_string().get(err) == simdjson::SUCCESS)
    return Status::Error("VergeIO answered " + context + " with an error: " + std::string(err));
  return one(doc);
}

Result<int64_t> ReadCreatedKey(const std::string& body, const std::string& context) {
  int64_t key = 0;
  Status s = ReadRows(body, context, /*want_array=*/false, [&key](VergeioRow& row) {
    key = row.Key();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return key;
}

std::string ErrorText(const std::string& body) {
  simdjson::dom::parser parser;
  element doc;
  if (parser.parse(body).get(doc) != simdjson::SUCCESS || !doc.is_object()) return Snippet(body);
  auto text = [&doc](const char* k) -> std::string {
    std::string_view v;
    return doc[k].get_string().get(v) == simdjson::SUCCESS ? std::string(v) : "";
  };
  for (const char* k : {"err", "error", "message"})
    if (std::string t = text(k); !t.empty()) return t;
  return Snippet(body);
}

std::string FilterLiteral(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\\' || c == '\'' || c == '{') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace vers::client
