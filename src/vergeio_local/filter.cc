#include "vergeio_local/filter.h"

#include <cctype>
#include <charconv>
#include <optional>

namespace vers::vergeio {
namespace {

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}

bool SameWord(std::string_view a, std::string_view keyword) {
  if (a.size() != keyword.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != keyword[i]) return false;
  return true;
}

// A cursor over the filter text.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool AtEnd() {
    SkipSpaces();
    return pos_ == text_.size();
  }
  // A run of letters, digits, '_', '$', '-' and '.' (so "-3" and "1.5" are
  // one word each); empty at a quote or punctuation.
  std::string_view Word() {
    SkipSpaces();
    size_t start = pos_;
    while (pos_ < text_.size() &&
           (IsWordChar(text_[pos_]) || text_[pos_] == '-' || text_[pos_] == '.'))
      ++pos_;
    return text_.substr(start, pos_ - start);
  }
  bool AtQuote() {
    SkipSpaces();
    return pos_ < text_.size() && text_[pos_] == '\'';
  }
  // A '...' literal (see filter.h); nullopt when the grammar refuses it.
  std::optional<std::string> Quoted() {
    std::string out;
    for (++pos_; pos_ < text_.size(); ++pos_) {
      char c = text_[pos_];
      if (c == '\\') {
        if (++pos_ == text_.size()) return std::nullopt;
        out += text_[pos_];
      } else if (c == '{') {
        size_t close = text_.find('}', pos_);
        if (close == std::string_view::npos) return std::nullopt;
        pos_ = close;  // the braced part is consumed
      } else if (c == '\'') {
        ++pos_;
        // 'a''b' (SQL's escape) and 'o'brien': the literal must end here.
        if (pos_ < text_.size() && !std::isspace(static_cast<unsigned char>(text_[pos_])))
          return std::nullopt;
        return out;
      } else {
        out += c;
      }
    }
    return std::nullopt;
  }

 private:
  void SkipSpaces() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  std::string_view text_;
  size_t pos_ = 0;
};

Status Fail(const std::string& message) { return Status::Error("filter: " + message); }

// `type` is null for a field the table does not have: any literal goes.
Result<Value> ReadLiteral(Scanner& s, const std::string& field, const FieldType* type) {
  std::optional<Value> literal;
  if (s.AtQuote()) {
    auto q = s.Quoted();
    if (!q) return Status::Error(std::string(kInvalidArgument));
    literal = Value(std::move(*q));
  } else {
    std::string_view w = s.Word();
    int64_t n = 0;
    auto [end, ec] = std::from_chars(w.data(), w.data() + w.size(), n);
    if (SameWord(w, "true") || SameWord(w, "false")) {
      literal = Value(SameWord(w, "true"));
    } else if (!w.empty() && ec == std::errc() && end == w.data() + w.size()) {
      literal = Value(n);
    } else {
      return Fail("expected a value after " + field + ", got '" + std::string(w) + "'");
    }
  }
  if (type && TypeOf(*literal) != *type)
    return Fail("field " + field + " is " + TypeName(*type) + ", compared with " +
                TypeName(TypeOf(*literal)));
  return std::move(*literal);
}

}  // namespace

bool Filter::Matches(const Row& row) const {
  for (const auto& c : conditions) {
    std::optional<Value> v =
        c.unknown_field ? std::optional<Value>(std::string()) : RowValue(row, c.field);
    bool equal = v.has_value() && *v == c.literal;
    if (equal != c.equal) return false;
  }
  return true;
}

Result<Filter> ParseFilter(std::string_view text, const TableSpec& table) {
  Filter filter;
  Scanner s(text);
  if (s.AtEnd()) return filter;
  while (true) {
    Condition c;
    c.field = std::string(s.Word());
    FieldType type;
    if (c.field.empty()) return Fail("expected a field name");
    c.unknown_field = !table.TypeOf(c.field, &type);
    std::string_view op = s.Word();
    if (SameWord(op, "ne")) {
      c.equal = false;
    } else if (!SameWord(op, "eq")) {
      return Fail("unsupported operator '" + std::string(op) + "' (eq and ne are supported)");
    }
    auto literal = ReadLiteral(s, c.field, c.unknown_field ? nullptr : &type);
    if (!literal.ok()) return literal.status();
    c.literal = std::move(literal).value();
    filter.conditions.push_back(std::move(c));
    if (s.AtEnd()) return filter;
    std::string_view conj = s.Word();
    if (!SameWord(conj, "and"))
      return Fail("expected 'and', got '" + std::string(conj) + "' (only 'and' is supported)");
  }
}

}  // namespace vers::vergeio
