#pragma once
// Private to render/: the templates as text, before kainjow parses them once at load.
// kainjow re-parses a partial on every render that meets it, and takes only false and empty
// lists as false where mstch (which the templates were written for) also takes null, "" and
// 0. So partials are inlined and sections that test a number are rewritten here, at load.

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/error.hpp"

namespace sinmun::render {

// What one template refers to by name: partials ({{> name}}) and labels ({{t.key}}).
struct TemplateReferences {
  std::set<std::string> partials;
  std::set<std::string> labels;
  bool all_labels = false;  // {{#t}}…{{/t}} or {{t}}: the whole labels object
};
TemplateReferences ScanReferences(std::string_view source);

// The last part of every name (`b` of `a.b`) that some template tests as a section
// ({{#b}}, {{^b}}), that some template prints ({{b}}, {{{b}}}, {{&b}}), and that both.
struct SectionNames {
  std::unordered_set<std::string> tested;
  std::unordered_set<std::string> printed;
  std::unordered_set<std::string> tested_and_printed;
};
SectionNames CollectSectionNames(const std::map<std::string, std::string>& sources);

// The template `name` with every {{> partial}} replaced by the partial's text, transitively.
// kInvalidInput for an unknown partial or a partial that includes itself.
Result<std::string> InlinePartials(const std::string& name,
                                   const std::map<std::string, std::string>& sources);

// Rewrites the sections on a name in `tested_and_printed`: {{#n}}…{{/n}} becomes
// {{#n?}}{{#n}}…{{/n}}{{/n?}} and {{^n}}…{{/n}} becomes {{^n?}}…{{/n?}}, where n? is the
// flag the view's converter adds beside n with mstch's truth of n (so n = 0 is false there
// and still prints "0").
std::string FlagPrintedSections(std::string_view source,
                                const std::unordered_set<std::string>& tested_and_printed);

// mstch's standalone lines, applied to the text: on a line with a section, inverted section,
// section end, partial or comment tag and otherwise only spaces and tabs (no variable), the
// spaces, tabs and the line's newline are removed. (mstch would also indent an indented
// standalone partial's lines; no template indents one.) Each template file is stripped on its
// own, before partials are inlined, as mstch strips each template it parses.
std::string StripStandaloneLines(std::string_view source);

// Every newline outside tags replaced by the unescaped tag {{{name}}}, whose value is "\n".
// kainjow drops a line that holds a section tag and renders empty (a false {{#x}}{{y}}{{/x}}
// line), where mstch keeps its newline; with no newline text left, kainjow sees one line.
std::string NewlinesAsTags(std::string_view source, std::string_view name);

// The name of that flag for a key.
inline std::string SectionFlagName(std::string_view key) { return std::string(key) + "?"; }

}  // namespace sinmun::render
