#include "render/template_text.hpp"

#include <functional>
#include <vector>

namespace sinmun::render {
namespace {

constexpr std::string_view kLabelsPrefix = "t.";

// One {{…}} tag: where it is in the source, its sigil ('\0' for a plain variable) and name.
struct MustacheTag {
  size_t begin = 0;
  size_t end = 0;
  char sigil = '\0';
  std::string_view name;
};

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Calls `visit` for each tag in order (the templates keep the default {{ }} delimiters).
void ForEachMustacheTag(std::string_view source,
                        const std::function<void(const MustacheTag&)>& visit) {
  size_t pos = 0;
  while ((pos = source.find("{{", pos)) != std::string_view::npos) {
    MustacheTag tag;
    tag.begin = pos;
    const bool triple = pos + 2 < source.size() && source[pos + 2] == '{';
    const std::string_view closer = triple ? "}}}" : "}}";
    const size_t contents_at = pos + (triple ? 3 : 2);
    const size_t close = source.find(closer, contents_at);
    if (close == std::string_view::npos) return;
    std::string_view contents = TrimSpaces(source.substr(contents_at, close - contents_at));
    if (triple) {
      tag.sigil = '{';
    } else if (!contents.empty() &&
               std::string_view("&#^/>!=").find(contents.front()) != std::string_view::npos) {
      tag.sigil = contents.front();
      contents.remove_prefix(1);
    }
    tag.name = TrimSpaces(contents);
    tag.end = close + closer.size();
    visit(tag);
    pos = tag.end;
  }
}

std::string_view LastNamePart(std::string_view name) {
  const size_t dot = name.rfind('.');
  return dot == std::string_view::npos ? name : name.substr(dot + 1);
}

bool IsPrinted(char sigil) { return sigil == '\0' || sigil == '{' || sigil == '&'; }
bool IsSectionStart(char sigil) { return sigil == '#' || sigil == '^'; }

Result<std::string> InlineInto(const std::string& name,
                               const std::map<std::string, std::string>& sources,
                               std::vector<std::string>& including) {
  const auto found = sources.find(name);
  if (found == sources.end()) {
    return Fail(ErrorCode::kInvalidInput, "template " +
                                              (including.empty() ? name : including.back()) +
                                              " includes unknown partial " + name);
  }
  for (const std::string& outer : including) {
    if (outer == name) {
      return Fail(ErrorCode::kInvalidInput, "partial " + name + " includes itself");
    }
  }
  const std::string_view source = found->second;
  std::vector<MustacheTag> partials;
  ForEachMustacheTag(source, [&](const MustacheTag& tag) {
    if (tag.sigil == '>') partials.push_back(tag);
  });
  if (partials.empty()) return std::string(source);
  including.push_back(name);
  std::string out;
  size_t copied = 0;
  for (const MustacheTag& tag : partials) {
    Result<std::string> inner = InlineInto(std::string(tag.name), sources, including);
    if (!inner) return inner;
    out.append(source.substr(copied, tag.begin - copied));
    out.append(*inner);
    copied = tag.end;
  }
  out.append(source.substr(copied));
  including.pop_back();
  return out;
}

// Text between tags, or a tag; text is cut after each newline as mstch tokenizes it.
struct TemplatePiece {
  std::string_view text;
  bool tag = false;
  char sigil = '\0';
  bool ends_line = false;
};

std::vector<TemplatePiece> SplitTemplatePieces(std::string_view source) {
  std::vector<TemplatePiece> pieces;
  const auto add_text = [&pieces](std::string_view text) {
    while (!text.empty()) {
      const size_t newline = text.find('\n');
      const size_t length = newline == std::string_view::npos ? text.size() : newline + 1;
      pieces.push_back(
          {.text = text.substr(0, length), .ends_line = newline != std::string_view::npos});
      text.remove_prefix(length);
    }
  };
  size_t copied = 0;
  ForEachMustacheTag(source, [&](const MustacheTag& tag) {
    add_text(source.substr(copied, tag.begin - copied));
    pieces.push_back(
        {.text = source.substr(tag.begin, tag.end - tag.begin), .tag = true, .sigil = tag.sigil});
    copied = tag.end;
  });
  add_text(source.substr(copied));
  // mstch ends a template that ends with a tag with an empty line end, so that last line too
  // can be standalone.
  if (!pieces.empty() && pieces.back().tag) pieces.push_back({.ends_line = true});
  return pieces;
}

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\n") == std::string_view::npos;
}

}  // namespace

std::string StripStandaloneLines(std::string_view source) {
  const std::vector<TemplatePiece> pieces = SplitTemplatePieces(source);
  std::string out;
  out.reserve(source.size());
  size_t line_begin = 0;
  bool has_tag = false;
  bool has_text = false;
  for (size_t i = 0; i < pieces.size(); ++i) {
    const TemplatePiece& piece = pieces[i];
    if (piece.tag && !IsPrinted(piece.sigil)) {
      has_tag = true;
    } else if (piece.tag || !IsBlank(piece.text)) {
      has_text = true;
    }
    if (!piece.ends_line && i + 1 < pieces.size()) continue;
    const bool standalone = piece.ends_line && has_tag && !has_text;
    for (size_t j = line_begin; j <= i; ++j) {
      if (standalone && !pieces[j].tag) continue;
      out.append(pieces[j].text);
    }
    line_begin = i + 1;
    has_tag = has_text = false;
  }
  return out;
}

std::string NewlinesAsTags(std::string_view source, std::string_view name) {
  const std::string tag = "{{{" + std::string(name) + "}}}";
  std::string out;
  out.reserve(source.size() + source.size() / 8);
  for (const TemplatePiece& piece : SplitTemplatePieces(source)) {
    if (!piece.tag && piece.ends_line && !piece.text.empty()) {
      out.append(piece.text.substr(0, piece.text.size() - 1));
      out.append(tag);
    } else {
      out.append(piece.text);
    }
  }
  return out;
}

TemplateReferences ScanReferences(std::string_view source) {
  TemplateReferences refs;
  ForEachMustacheTag(source, [&refs](const MustacheTag& tag) {
    if (tag.sigil == '>') {
      refs.partials.emplace(tag.name);
    } else if (tag.sigil == '!' || tag.sigil == '=') {
      return;
    } else if (tag.name == "t") {
      refs.all_labels = true;
    } else if (tag.name.starts_with(kLabelsPrefix)) {
      refs.labels.emplace(tag.name.substr(kLabelsPrefix.size()));
    }
  });
  return refs;
}

SectionNames CollectSectionNames(const std::map<std::string, std::string>& sources) {
  SectionNames names;
  for (const auto& [name, source] : sources) {
    ForEachMustacheTag(source, [&](const MustacheTag& tag) {
      if (tag.name == ".") return;
      if (IsSectionStart(tag.sigil)) names.tested.emplace(LastNamePart(tag.name));
      if (IsPrinted(tag.sigil)) names.printed.emplace(LastNamePart(tag.name));
    });
  }
  for (const std::string& name : names.tested) {
    if (names.printed.contains(name)) names.tested_and_printed.insert(name);
  }
  return names;
}

Result<std::string> InlinePartials(const std::string& name,
                                   const std::map<std::string, std::string>& sources) {
  std::vector<std::string> including;
  return InlineInto(name, sources, including);
}

std::string FlagPrintedSections(std::string_view source,
                                const std::unordered_set<std::string>& tested_and_printed) {
  struct OpenSection {
    char sigil;
    bool flagged;
  };
  std::vector<OpenSection> open;
  std::string out;
  out.reserve(source.size() + source.size() / 16);
  size_t copied = 0;
  ForEachMustacheTag(source, [&](const MustacheTag& tag) {
    if (!IsSectionStart(tag.sigil) && tag.sigil != '/') return;
    const std::string name(tag.name);
    if (IsSectionStart(tag.sigil)) {
      const bool flagged = tested_and_printed.contains(std::string(LastNamePart(tag.name)));
      open.push_back({tag.sigil, flagged});
      if (!flagged) return;
      out.append(source.substr(copied, tag.begin - copied));
      const std::string flag = SectionFlagName(name);
      out.append(tag.sigil == '#' ? "{{#" + flag + "}}{{#" + name + "}}" : "{{^" + flag + "}}");
      copied = tag.end;
      return;
    }
    if (open.empty()) return;  // kainjow reports the unopened section at parse
    const OpenSection closing = open.back();
    open.pop_back();
    if (!closing.flagged) return;
    out.append(source.substr(copied, tag.begin - copied));
    const std::string flag = SectionFlagName(name);
    out.append(closing.sigil == '#' ? "{{/" + name + "}}{{/" + flag + "}}" : "{{/" + flag + "}}");
    copied = tag.end;
  });
  out.append(source.substr(copied));
  return out;
}

}  // namespace sinmun::render
