#include "base/json_writer.h"

#include <charconv>
#include <cmath>

#include "base/json_string.h"

namespace vers {

void JsonWriter::Fail(const char* message) {
  if (status_.ok()) status_ = Status::Error(std::string("JSON writer: ") + message);
}

bool JsonWriter::BeforeValue() {
  if (!ok()) return false;
  if (stack_.empty()) {
    if (done_) {
      Fail("more than one top-level value");
      return false;
    }
    return true;
  }
  Frame& f = stack_.back();
  if (f.object) {
    if (!f.have_key) {
      Fail("object member without a key");
      return false;
    }
    f.have_key = false;  // the separator was written by Key()
    return true;
  }
  if (!f.empty) out_ += ',';
  f.empty = false;
  return true;
}

JsonWriter& JsonWriter::BeginObject() {
  if (!BeforeValue()) return *this;
  out_ += '{';
  stack_.push_back(Frame{true, true, false});
  return *this;
}

JsonWriter& JsonWriter::BeginArray() {
  if (!BeforeValue()) return *this;
  out_ += '[';
  stack_.push_back(Frame{false, true, false});
  return *this;
}

JsonWriter& JsonWriter::End(bool object) {
  if (!ok()) return *this;
  if (stack_.empty() || stack_.back().object != object) {
    Fail(object ? "EndObject without BeginObject" : "EndArray without BeginArray");
    return *this;
  }
  if (stack_.back().have_key) {
    Fail("key without a value");
    return *this;
  }
  stack_.pop_back();
  out_ += object ? '}' : ']';
  AfterValue();
  return *this;
}

JsonWriter& JsonWriter::EndObject() { return End(true); }
JsonWriter& JsonWriter::EndArray() { return End(false); }

JsonWriter& JsonWriter::Key(std::string_view key) {
  if (!ok()) return *this;
  if (stack_.empty() || !stack_.back().object || stack_.back().have_key) {
    Fail("Key outside an object or twice in a row");
    return *this;
  }
  Frame& f = stack_.back();
  if (!f.empty) out_ += ',';
  if (!AppendQuoted(out_, key)) {
    Fail("object key is not valid UTF-8");
    return *this;
  }
  out_ += ':';
  f.empty = false;
  f.have_key = true;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view s) {
  if (!BeforeValue()) return *this;
  if (!AppendQuoted(out_, s)) {
    Fail("string is not valid UTF-8");
    return *this;
  }
  AfterValue();
  return *this;
}

JsonWriter& JsonWriter::Number(std::string_view text) {
  if (!IsNumber(text)) {
    Fail("malformed number");
    return *this;
  }
  return Raw(text);
}

JsonWriter& JsonWriter::Int(int64_t v) { return Raw(std::to_string(v)); }
JsonWriter& JsonWriter::Uint(uint64_t v) { return Raw(std::to_string(v)); }

JsonWriter& JsonWriter::Double(double v) {
  if (!std::isfinite(v)) {
    Fail("NaN or infinity cannot be written as JSON");
    return *this;
  }
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);  // shortest round-trip form
  if (ec != std::errc()) {
    Fail("double formatting failed");
    return *this;
  }
  return Raw(std::string_view(buf, static_cast<size_t>(end - buf)));
}

JsonWriter& JsonWriter::Bool(bool v) { return Raw(v ? "true" : "false"); }
JsonWriter& JsonWriter::Null() { return Raw("null"); }

JsonWriter& JsonWriter::Raw(std::string_view json) {
  if (!BeforeValue()) return *this;
  out_ += json;
  AfterValue();
  return *this;
}

Result<std::string> JsonWriter::Take() {
  Status status = status_;
  if (status.ok() && (!done_ || !stack_.empty())) {
    status = Status::Error("JSON writer: document is incomplete");
  }
  std::string out = std::move(out_);
  *this = JsonWriter();
  if (!status.ok()) return status;
  return out;
}

bool JsonWriter::AppendQuoted(std::string& out, std::string_view s) {
  return AppendJsonString(out, s, JsonEscaping::kMinimal);
}

Result<std::string> JsonWriter::Quote(std::string_view s) {
  std::string out;
  if (!AppendQuoted(out, s)) return Status::Error("string is not valid UTF-8");
  return out;
}

bool JsonWriter::IsNumber(std::string_view t) {
  // number = [ "-" ] int [ frac ] [ exp ]; int = "0" / digit1-9 *DIGIT
  auto digit = [&](size_t i) { return i < t.size() && t[i] >= '0' && t[i] <= '9'; };
  size_t i = 0;
  if (i < t.size() && t[i] == '-') ++i;
  if (!digit(i)) return false;
  if (t[i] == '0') {
    ++i;
  } else {
    while (digit(i)) ++i;
  }
  if (i < t.size() && t[i] == '.') {
    if (!digit(++i)) return false;
    while (digit(i)) ++i;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  return i == t.size();
}

}  // namespace vers
