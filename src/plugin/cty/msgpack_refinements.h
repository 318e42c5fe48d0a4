// Unknown values in the msgpack encoding, with go-cty's refinements.
//
// A plain unknown is the extension d4 00 00 (fixext1, type 0, one zero byte).
// A refined unknown is extension type 12 whose body is a msgpack map from
// small integer keys to what is known:
//   1: bool          nullness (go-cty only writes false: "definitely not null")
//   2: str           string prefix (strings only; at most 256 bytes are kept)
//   3: [number,bool] number lower bound and whether it is inclusive
//   4: [number,bool] number upper bound and whether it is inclusive
//   5: int           collection length lower bound (list, set, map only)
//   6: int           collection length upper bound
// Part of the msgpack codec (msgpack.h); not meant for other callers.
#pragma once

#include "plugin/base.h"
#include "plugin/cty/msgpack_wire.h"
#include "plugin/cty/type.h"
#include "plugin/cty/value.h"

namespace tfplugin::cty {

// Writes an unknown of position type `type` with `refinements`, keeping only
// the refinements that apply to the type and are not trivial (a -Infinity
// lower bound, a zero length lower bound, an empty prefix...), in go-cty's key
// order, so re-encoding what Go sent is byte-identical. A Dynamic position
// never carries refinements. Refinements claiming "definitely null" are
// written as a plain null, which is what such an unknown means.
void WriteUnknown(MsgpackWriter& writer, const Refinements& refinements, const Type& type);

// Decodes an unknown from an extension whose header was just read: body of at
// most one byte is a plain unknown, longer ones must be type 12 and at most
// 1 KiB. Unknown keys are skipped; refinements that do not apply to `type`,
// inconsistent bounds and malformed entries are errors. Trivial refinements
// are dropped as WriteUnknown drops them; nullness true gives a null value.
Result<Value> ReadUnknown(const WireHeader& header, MsgpackReader& reader, const Type& type);

}  // namespace tfplugin::cty
