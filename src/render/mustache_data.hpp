#pragma once
// Private to render/: converts a JSON view model into the data kainjow renders, keeping the
// truth the templates were written for (mstch's: null, false, "", 0 and [] are false).

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "render/template_text.hpp"

namespace sinmun::render {

// mstch's truth of a JSON value: null, false, "", 0 and [] are false.
bool MstchTruth(const nlohmann::json& value);
// A double's text as mstch prints it (a stream's default precision).
std::string MustacheDoubleText(double value);

// null -> false; bool -> bool, or "true"/"false" under a key the templates print or in a
// list (mstch prints them so); "" -> false (prints nothing, like mstch's ""); numbers -> their
// text, except 0 under a key the templates only test as a section (-> false); arrays and
// objects -> lists and objects. Beside each key the templates both test and print, the
// object gets SectionFlagName(key) with mstch's truth of the value (FlagPrintedSections).
// A top-level key equal to `skip_top_key` is left out.
kainjow::mustache::data ToMustacheData(const nlohmann::json& value, const SectionNames& names,
                                       std::string_view skip_top_key = {});

}  // namespace sinmun::render
