// libFuzzer target for the cty JSON codec: arbitrary bytes are decoded
// against a few fixed types; whatever decodes must re-encode, decode back to
// the same value and re-encode to the same text. Any violation aborts.
#include <simdjson.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "plugin/cty/json.h"

namespace {

using tfplugin::cty::Type;
using tfplugin::cty::Value;

const std::vector<Type>& FuzzTypes() {
  static const std::vector<Type> types = [] {
    Type dyn = Type::Dynamic();
    Type leaf = Type::Object({{"y", Type::String()}, {"d", dyn}});
    Type big = Type::Object({{"s", Type::String()},
                             {"n", Type::Number()},
                             {"b", Type::Bool()},
                             {"l", Type::List(Type::String())},
                             {"st", Type::Set(Type::Number())},
                             {"m", Type::Map(dyn)},
                             {"t", Type::Tuple({Type::Bool(), dyn})},
                             {"o", Type::Object({{"x", Type::List(leaf)}})}});
    return std::vector<Type>{dyn,
                             big,
                             Type::List(Type::Map(Type::Number())),
                             Type::Set(leaf),
                             Type::Map(Type::List(dyn)),
                             Type::String(),
                             Type::Bool()};
  }();
  return types;
}

[[noreturn]] void Fail(const char* what, std::string_view input, const std::string& detail) {
  std::fprintf(stderr, "json_fuzzer: %s\ninput: %.*s\ndetail: %s\n", what,
               static_cast<int>(input.size()), input.data(), detail.c_str());
  std::abort();
}

// A decoded document must be valid JSON. simdjson's DOM parser validates
// fully, but rejects numbers beyond double range that cty keeps exactly.
void CheckValidJson(std::string_view input) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  auto e = parser.parse(simdjson::padded_string(input)).get(root);
  if (e && e != simdjson::NUMBER_ERROR) {
    Fail("accepted input that is not valid JSON", input, simdjson::error_message(e));
  }
}

void CheckRoundTrip(const Value& v, const Type& type, std::string_view input) {
  auto encoded = tfplugin::cty::EncodeJson(v, type);
  if (!encoded.ok()) {
    // JSON cannot hold infinities, which decode from the string "Infinity".
    if (encoded.status().message().find("infinity") != std::string::npos) return;
    Fail("decoded value does not encode", input, encoded.status().message());
  }
  auto back = tfplugin::cty::DecodeJson(encoded.value(), type);
  if (!back.ok()) Fail("encoding does not decode", input, back.status().message());
  if (back.value() != v) {
    Fail("round trip changed the value", input,
         tfplugin::cty::DebugString(v) + " vs " + tfplugin::cty::DebugString(back.value()));
  }
  auto again = tfplugin::cty::EncodeJson(back.value(), type);
  if (!again.ok() || again.value() != encoded.value()) {
    Fail("re-encoding is not stable", input, encoded.value());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  for (const Type& type : FuzzTypes()) {
    auto strict = tfplugin::cty::DecodeJson(input, type);
    auto lenient = tfplugin::cty::DecodeJsonLenient(input, type);
    if (strict.ok()) {
      CheckValidJson(input);
      // Whatever strict decoding accepts, lenient decoding accepts unchanged.
      if (!lenient.ok() || lenient.value() != strict.value()) {
        Fail("lenient decoding disagrees with strict", input, lenient.status().message());
      }
      CheckRoundTrip(strict.value(), type, input);
    }
    if (lenient.ok()) {
      CheckValidJson(input);
      CheckRoundTrip(lenient.value(), type, input);
    }
  }
  return 0;
}
