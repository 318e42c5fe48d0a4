// libFuzzer target: DecodeMsgpack on arbitrary bytes against a few fixed
// types. Whatever decodes must re-encode, and decoding that must give back an
// equal value whose encoding is byte-identical (the codec is a fixed point).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "plugin/cty/msgpack.h"

namespace {

using tfplugin::cty::Type;

const std::vector<Type>& FuzzTypes() {
  static const std::vector<Type> types = [] {
    Type rule = Type::Object({{"name", Type::String()}, {"ports", Type::List(Type::Number())}});
    return std::vector<Type>{
        Type::Dynamic(),
        Type::Number(),
        Type::String(),
        Type::Object({{"id", Type::String()},
                      {"count", Type::Number()},
                      {"enabled", Type::Bool()},
                      {"tags", Type::Map(Type::String())},
                      {"rules", Type::Set(rule)},
                      {"pair", Type::Tuple({Type::String(), Type::Dynamic()})},
                      {"any", Type::Dynamic()}}),
        Type::List(Type::Dynamic()),
        Type::Map(Type::List(Type::Number())),
    };
  }();
  return types;
}

[[noreturn]] void Fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "msgpack_fuzzer: %s: %s\n", what, detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the type, so the corpus explores all of them.
  const Type& type = FuzzTypes()[data[0] % FuzzTypes().size()];
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto decoded = tfplugin::cty::DecodeMsgpack(bytes, type);
  if (!decoded.ok()) return 0;
  auto encoded = tfplugin::cty::EncodeMsgpack(decoded.value(), type);
  if (!encoded.ok()) Fail("re-encode failed", encoded.status().message());
  auto again = tfplugin::cty::DecodeMsgpack(encoded.value(), type);
  if (!again.ok()) Fail("decode of re-encoding failed", again.status().message());
  if (again.value() != decoded.value())
    Fail("round trip changed the value", DebugString(decoded.value()));
  auto encoded_again = tfplugin::cty::EncodeMsgpack(again.value(), type);
  if (!encoded_again.ok() || encoded_again.value() != encoded.value()) {
    Fail("encoding is not stable", DebugString(decoded.value()));
  }
  return 0;
}
