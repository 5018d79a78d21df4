#pragma once
// Private to render/: converts a JSON view model into the node tree mstch renders.

#include <mstch/mstch.hpp>
#include <nlohmann/json.hpp>

namespace sinmun::render {

// null -> empty node, bool -> bool, integers that fit an int -> int (larger ones -> their
// decimal text, since mstch has no 64-bit integers), floats -> double, strings, arrays and
// objects -> their mstch counterparts.
mstch::node ToMstch(const nlohmann::json& value);

}  // namespace sinmun::render
