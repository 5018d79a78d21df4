#include "render/renderer.hpp"

#include <filesystem>
#include <fstream>
#include <functional>
#include <kainjow/mustache.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <span>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "render/html_escape.hpp"
#include "render/mustache_data.hpp"
#include "render/template_text.hpp"

namespace sinmun::render {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kExtension = ".mustache";
constexpr std::string_view kLabelsKey = "t";
// The name of the value "\n" that stands for each newline of a template (NewlinesAsTags).
constexpr std::string_view kNewlineKey = "\u00b6";
// The most a thread's render buffer keeps between renders (an article page is 30-40 KB).
constexpr std::size_t kKeptBufferBytes = std::size_t{1} << 20;

// This thread's render buffer, emptied: a page is rendered into it, which keeps its capacity,
// and copied out at its size. A page grown append by append reallocated and copied itself about
// ten times into fresh memory (1.5 % of an idle server's miss, issue #14), and a page kept as
// rendered held up to twice its size.
std::string& RenderBuffer() {
  thread_local std::string buffer;
  buffer.clear();
  return buffer;
}

// The page in `buffer` (RenderBuffer), copied out; a buffer grown by one unusually large page
// is not kept at that size.
std::string CopiedOut(std::string& buffer) {
  std::string html(buffer);
  if (buffer.capacity() > kKeptBufferBytes) std::string().swap(buffer);
  return html;
}

// kainjow's escape hook, given the project's one escaper.
std::string EscapeTemplateHtml(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  AppendHtmlEscaped(out, text);
  return out;
}

// The "stream" kainjow writes a render to: appends to one string.
struct AppendToString {
  std::string& out;
};
AppendToString& operator<<(AppendToString& sink, const std::string& text) {
  sink.out.append(text);
  return sink;
}

// kainjow's own context, but for a dotted name ({{layout.paper.name}}, most names of the
// layout) it walks the segments in place: kainjow splits the name through a stringstream into
// a vector of strings on every lookup, a tenth of a page's render. The same answers: the
// nearest item that has the whole path wins, and an empty last segment ("a.b.") is dropped as
// std::getline drops it.
class DottedNameContext final : public kainjow::mustache::basic_context<std::string> {
 public:
  using Data = kainjow::mustache::data;

  void push(const Data* data) override { items_.push_back(data); }  // innermost last
  void pop() override { items_.pop_back(); }

  const Data* get(const std::string& name) const override {
    if (name.size() == 1 && name[0] == '.') return items_.back();
    if (name.find('.') == std::string::npos) return get_partial(name);
    std::string segment;
    for (auto item = items_.rbegin(); item != items_.rend(); ++item) {
      const Data* found = *item;
      std::size_t from = 0;
      while (found != nullptr) {
        const std::size_t dot = name.find('.', from);
        segment.assign(name, from, dot == std::string::npos ? std::string::npos : dot - from);
        found = found->get(segment);
        if (dot == std::string::npos || dot + 1 == name.size()) break;
        from = dot + 1;
      }
      if (found != nullptr) return found;
    }
    return nullptr;
  }

  const Data* get_partial(const std::string& name) const override {
    for (auto item = items_.rbegin(); item != items_.rend(); ++item) {
      if (const Data* found = (*item)->get(name)) return found;
    }
    return nullptr;
  }

 private:
  std::vector<const Data*> items_;
};

Result<std::string> ReadTemplateFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kUnavailable, "cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Fail(ErrorCode::kUnavailable, "cannot read " + path.string());
  return text.str();
}

// The template `name` of `templates`; kInternal when there is none.
template <typename Templates>
Result<const typename Templates::mapped_type*> FindTemplate(const Templates& templates,
                                                            std::string_view name) {
  const auto found = templates.find(std::string(name));
  if (found == templates.end()) {
    return Fail(ErrorCode::kInternal, "no template named " + std::string(name));
  }
  return &found->second;
}

// The labels of one language, as both renderers give them.
class LabelledRenderer : public Renderer {
 public:
  LabelledRenderer(std::string language, std::map<std::string, std::string, std::less<>> labels)
      : language_(std::move(language)), labels_(std::move(labels)) {}

  std::string Label(std::string_view key) const override {
    const auto found = labels_.find(key);
    return found == labels_.end() ? std::string(key) : found->second;
  }

  const std::string& language() const override { return language_; }

 private:
  std::string language_;
  std::map<std::string, std::string, std::less<>> labels_;
};

// The reference (Renderer::LoadReference): every template parsed once at load, with its
// partials inlined, and each view converted by ToMustacheData and rendered by kainjow.
class KainjowRenderer final : public LabelledRenderer {
 public:
  KainjowRenderer(
      std::string language, std::map<std::string, std::string, std::less<>> labels,
      SectionNames names, kainjow::mustache::data labels_root,
      std::unordered_map<std::string, std::unique_ptr<kainjow::mustache::mustache>> templates)
      : LabelledRenderer(std::move(language), std::move(labels)),
        names_(std::move(names)),
        labels_root_(std::move(labels_root)),
        templates_(std::move(templates)) {}

  Result<std::string> Render(std::string_view name, const nlohmann::json& view) const override {
    const auto found = FindTemplate(templates_, name);
    if (!found) return tl::unexpected(found.error());
    // The labels sit below the view: a lookup that misses the view's names finds {{t.…}}
    // there, and the view's own "t" is left out so that the labels win, as they always did.
    return RenderData(name, ***found, ToMustacheData(view, names_, kLabelsKey));
  }

  Result<std::vector<std::string>> RenderEach(std::span<const std::string_view> names,
                                              const nlohmann::json& view) const override {
    std::vector<kainjow::mustache::mustache*> found;
    for (const std::string_view name : names) {
      const auto each = FindTemplate(templates_, name);
      if (!each) return tl::unexpected(each.error());
      found.push_back((*each)->get());
    }
    const kainjow::mustache::data data = ToMustacheData(view, names_, kLabelsKey);
    std::vector<std::string> rendered;
    for (std::size_t i = 0; i < names.size(); ++i) {
      Result<std::string> html = RenderData(names[i], *found[i], data);
      if (!html) return tl::unexpected(html.error());
      rendered.push_back(std::move(*html));
    }
    return rendered;
  }

 private:
  // `parsed` (the template `name`) rendered with `data`, a view converted by ToMustacheData.
  Result<std::string> RenderData(std::string_view name, kainjow::mustache::mustache& parsed,
                                 const kainjow::mustache::data& data) const {
    DottedNameContext context;
    context.push(&labels_root_);
    context.push(&data);
    std::string& buffer = RenderBuffer();
    AppendToString sink{buffer};
    // render() is not const, but with no partials or lambdas left it only reads the parsed
    // template (it writes its error message only when a partial or lambda fails), so one
    // parsed template serves every thread.
    parsed.render(context, sink);
    if (!parsed.is_valid()) {
      return Fail(ErrorCode::kInternal,
                  "rendering " + std::string(name) + ": " + parsed.error_message());
    }
    return CopiedOut(buffer);
  }

  SectionNames names_;
  kainjow::mustache::data labels_root_;
  std::unordered_map<std::string, std::unique_ptr<kainjow::mustache::mustache>> templates_;
};

// The templates walked straight over the JSON view (issue #14): converting each view into
// kainjow's data first (a copy of every string and a hash map per object) and walking that
// through kainjow's std::function callbacks and per-line buffer was most of a page's render.
// The walk gives what kainjow gives over ToMustacheData's conversion, byte for byte (the
// reference renderer, LoadReference, is kept to check it):
// - a value is what ToMustacheData makes of it under its key (mstch's truth, "true"/"false"
//   for a printed or listed bool, a number's text, SectionFlagName beside the keys both
//   tested and printed, the view's own "t" left out for the labels);
// - a name is looked up as DottedNameContext does: the innermost item that has the whole
//   dotted path wins; "." is the innermost item;
// - sections, inverted sections and variables act as in kainjow's render_component, and a
//   line (text up to a newline of the parsed template, or the end) that is empty or only
//   spaces and tabs is dropped, with its newline, once a section was entered on it.

// One segment of a name (`b` of `a.b`), classified at load.
struct WalkSegment {
  std::string name;
  std::string flag_of;  // the key this segment is the flag of ("" when it is not one)
  // What ToMustacheData makes of a value under this key: a bool prints as "true"/"false"
  // (some template prints the key), a 0 is false (some template only tests it).
  bool printed = false;
  bool zero_is_false = false;
  bool is_labels_key = false;  // "t": left out of the view's top level
  // Sorts after every ASCII key (the newline's "¶"): an object whose last key sorts before it
  // lacks it, which is told without a search.
  bool after_ascii = false;
};

// A value of the view as its converted data would be: the JSON under it and what the key it
// was found under makes of it, or a section flag.
struct WalkValue {
  const nlohmann::json* json = nullptr;
  bool printed = true;  // no key (the top, a list's item): a bool prints
  bool zero_is_false = false;
  bool top = false;  // the view itself: its "t" is not seen
  int8_t flag = -1;  // a section flag's value, or -1
};

// A name ({{a.b}}, {{#a}}, {{.}}) split and classified at load.
struct WalkName {
  bool innermost = false;  // "."
  std::vector<WalkSegment> segments;
  // What the name finds in the labels (the outermost item, the same for every render), found
  // at load.
  std::optional<WalkValue> in_labels;
};

// A template as kainjow parses it (its own parser, so the tree is the one kainjow walked),
// compiled into nodes whose names are split and classified once, at load.
struct WalkNode {
  enum class Kind { kText, kNewline, kVariable, kRaw, kSection, kInverted };
  Kind kind = Kind::kText;
  std::string text;
  WalkName name;
  std::vector<WalkNode> children;
};

using JsonType = nlohmann::json::value_t;

enum class WalkKind { kFalse, kTrue, kString, kList, kObject };

WalkKind KindOf(const WalkValue& value) {
  if (value.flag >= 0) return value.flag != 0 ? WalkKind::kTrue : WalkKind::kFalse;
  const nlohmann::json& json = *value.json;
  switch (json.type()) {
    case JsonType::boolean:
      if (value.printed) return WalkKind::kString;
      return json.get<bool>() ? WalkKind::kTrue : WalkKind::kFalse;
    case JsonType::number_integer:
      return json.get<std::int64_t>() == 0 && value.zero_is_false ? WalkKind::kFalse
                                                                  : WalkKind::kString;
    case JsonType::number_unsigned:
      return json.get<std::uint64_t>() == 0 && value.zero_is_false ? WalkKind::kFalse
                                                                   : WalkKind::kString;
    case JsonType::number_float:
      return json.get<double>() == 0 && value.zero_is_false ? WalkKind::kFalse : WalkKind::kString;
    case JsonType::string:
      return json.get_ref<const std::string&>().empty() ? WalkKind::kFalse : WalkKind::kString;
    case JsonType::array:
      return WalkKind::kList;
    case JsonType::object:
      return WalkKind::kObject;
    case JsonType::null:
    case JsonType::discarded:
    case JsonType::binary:
      break;
  }
  return WalkKind::kFalse;
}

// The text of a value of kind kString, in `scratch` when it has to be made.
std::string_view TextOf(const WalkValue& value, std::string& scratch) {
  const nlohmann::json& json = *value.json;
  switch (json.type()) {
    case JsonType::boolean:
      return json.get<bool>() ? "true" : "false";
    case JsonType::number_integer:
      scratch = std::to_string(json.get<std::int64_t>());
      return scratch;
    case JsonType::number_unsigned:
      scratch = std::to_string(json.get<std::uint64_t>());
      return scratch;
    case JsonType::number_float:
      scratch = MustacheDoubleText(json.get<double>());
      return scratch;
    case JsonType::string:
      return json.get_ref<const std::string&>();
    default:
      return {};
  }
}

// ToMustacheData's object member `segment` of `from`, if it has one.
bool Member(const WalkValue& from, const WalkSegment& segment, WalkValue& found) {
  if (from.flag >= 0 || !from.json->is_object()) return false;
  const auto& object = from.json->get_ref<const nlohmann::json::object_t&>();
  const bool absent =
      (from.top && segment.is_labels_key) ||
      (segment.after_ascii && (object.empty() || object.rbegin()->first < segment.name));
  if (!absent) {
    const auto member = object.find(segment.name);
    if (member != object.end()) {
      found = WalkValue{.json = &member->second,
                        .printed = segment.printed,
                        .zero_is_false = segment.zero_is_false};
      return true;
    }
  }
  if (segment.flag_of.empty() || (from.top && segment.flag_of == kLabelsKey)) return false;
  const auto flagged = object.find(segment.flag_of);
  if (flagged == object.end()) return false;
  found =
      WalkValue{.json = &flagged->second, .flag = static_cast<int8_t>(MstchTruth(flagged->second))};
  return true;
}

// The whole dotted `name` inside `from`, if `from` has it.
bool Path(const WalkValue& from, const WalkName& name, WalkValue& found) {
  WalkValue at = from;
  for (const WalkSegment& segment : name.segments) {
    if (!Member(at, segment, at)) return false;
  }
  found = at;
  return true;
}

class TemplateWalk {
 public:
  TemplateWalk(std::string& out, const nlohmann::json& labels_root, const nlohmann::json& view)
      : out_(out), line_start_(out.size()) {
    stack_.push_back(WalkValue{.json = &labels_root});
    stack_.push_back(WalkValue{.json = &view, .top = true});
  }

  void Walk(const std::vector<WalkNode>& nodes) {
    for (const WalkNode& node : nodes) {
      switch (node.kind) {
        case WalkNode::Kind::kText:
          out_.append(node.text);
          break;
        case WalkNode::Kind::kNewline:
          if (!DroppedLine()) out_.append(node.text);
          line_start_ = out_.size();
          break;
        case WalkNode::Kind::kVariable:
        case WalkNode::Kind::kRaw: {
          WalkValue value;
          if (!Find(node.name, value) || KindOf(value) != WalkKind::kString) break;
          const std::string_view text = TextOf(value, scratch_);
          if (node.kind == WalkNode::Kind::kRaw) {
            out_.append(text);
          } else {
            AppendHtmlEscaped(out_, text);
          }
          break;
        }
        case WalkNode::Kind::kSection: {
          WalkValue value;
          if (!Find(node.name, value)) break;
          const WalkKind kind = KindOf(value);
          if (kind == WalkKind::kFalse || (kind == WalkKind::kList && value.json->empty())) break;
          Section(node, &value, kind);
          break;
        }
        case WalkNode::Kind::kInverted: {
          WalkValue value;
          if (!Find(node.name, value)) {
            Section(node, nullptr, WalkKind::kFalse);
            break;
          }
          const WalkKind kind = KindOf(value);
          if (kind == WalkKind::kFalse || (kind == WalkKind::kList && value.json->empty())) {
            Section(node, &value, kind);
          }
          break;
        }
      }
    }
  }

  // kainjow's last line: dropped when empty or blank and a section was entered on it.
  void Finish() { DroppedLine(); }

 private:
  // kainjow's render_current_line at a newline: the line so far is dropped (and the newline
  // with it) when empty or blank and a section was entered on it.
  bool DroppedLine() {
    const bool dropped = section_on_line_ && Blank();
    if (dropped) out_.resize(line_start_);
    section_on_line_ = false;
    return dropped;
  }

  bool Blank() const {
    for (std::size_t i = line_start_; i < out_.size(); ++i) {
      if (out_[i] != ' ' && out_[i] != '\t') return false;
    }
    return true;
  }

  void Section(const WalkNode& node, const WalkValue* value, WalkKind kind) {
    if (value != nullptr && kind == WalkKind::kList && !value->json->empty()) {
      for (const nlohmann::json& item : *value->json) {
        section_on_line_ = true;
        stack_.push_back(WalkValue{.json = &item});
        Walk(node.children);
        stack_.pop_back();
        section_on_line_ = true;
      }
      return;
    }
    section_on_line_ = true;
    if (value != nullptr) stack_.push_back(*value);
    Walk(node.children);
    if (value != nullptr) stack_.pop_back();
    section_on_line_ = true;
  }

  bool Find(const WalkName& name, WalkValue& found) const {
    if (name.innermost) {
      found = stack_.back();
      return true;
    }
    // The items above the labels, innermost first; then the labels, as found at load.
    for (std::size_t i = stack_.size() - 1; i > 0; --i) {
      if (Path(stack_[i], name, found)) return true;
    }
    if (!name.in_labels) return false;
    found = *name.in_labels;
    return true;
  }

  std::string& out_;
  std::size_t line_start_;
  bool section_on_line_ = false;
  std::vector<WalkValue> stack_;
  std::string scratch_;
};

// A name split as DottedNameContext splits it, each segment classified for ToMustacheData.
WalkName CompileName(const std::string& name, const SectionNames& names,
                     const nlohmann::json& labels_root) {
  WalkName compiled;
  if (name.size() == 1 && name[0] == '.') {
    compiled.innermost = true;
    return compiled;
  }
  const auto segment_of = [&names](std::string text) {
    WalkSegment segment;
    segment.printed = names.printed.contains(text);
    segment.zero_is_false = !names.tested_and_printed.contains(text) && names.tested.contains(text);
    segment.is_labels_key = text == kLabelsKey;
    segment.after_ascii = !text.empty() && static_cast<unsigned char>(text[0]) >= 0x80;
    if (!text.empty() && text.back() == '?') {
      std::string base = text.substr(0, text.size() - 1);
      if (SectionFlagName(base) == text && names.tested_and_printed.contains(base)) {
        segment.flag_of = std::move(base);
      }
    }
    segment.name = std::move(text);
    return segment;
  };
  if (name.find('.') == std::string::npos) {
    compiled.segments.push_back(segment_of(name));
  } else {
    std::size_t from = 0;
    while (true) {
      const std::size_t dot = name.find('.', from);
      compiled.segments.push_back(
          segment_of(name.substr(from, dot == std::string::npos ? std::string::npos : dot - from)));
      if (dot == std::string::npos || dot + 1 == name.size()) break;
      from = dot + 1;
    }
  }
  if (WalkValue found; Path(WalkValue{.json = &labels_root}, compiled, found)) {
    compiled.in_labels = found;
  }
  return compiled;
}

using KainjowComponent = kainjow::mustache::component<std::string>;
using kainjow::mustache::tag_type;

Result<std::vector<WalkNode>> CompileNodes(const std::vector<KainjowComponent>& components,
                                           const SectionNames& names,
                                           const nlohmann::json& labels_root) {
  std::vector<WalkNode> nodes;
  for (const KainjowComponent& component : components) {
    if (component.is_text()) {
      if (component.is_newline()) {
        nodes.push_back(WalkNode{.kind = WalkNode::Kind::kNewline, .text = component.text});
      } else if (!nodes.empty() && nodes.back().kind == WalkNode::Kind::kText) {
        nodes.back().text.append(component.text);  // kainjow appends them one by one
      } else {
        nodes.push_back(WalkNode{.kind = WalkNode::Kind::kText, .text = component.text});
      }
      continue;
    }
    const auto& tag = component.tag;
    WalkNode node;
    switch (tag.type) {
      case tag_type::variable:
        node.kind = WalkNode::Kind::kVariable;
        break;
      case tag_type::unescaped_variable:
        node.kind = WalkNode::Kind::kRaw;
        break;
      case tag_type::section_begin:
      case tag_type::section_begin_inverted: {
        node.kind = tag.type == tag_type::section_begin ? WalkNode::Kind::kSection
                                                        : WalkNode::Kind::kInverted;
        Result<std::vector<WalkNode>> children =
            CompileNodes(component.children, names, labels_root);
        if (!children) return children;
        node.children = std::move(*children);
        break;
      }
      case tag_type::partial:
        // InlinePartials leaves none: kainjow would render a view value as a template here.
        return Fail(ErrorCode::kInvalidInput, "partial " + tag.name + " left in a template");
      default:
        continue;  // comments, delimiter changes
    }
    node.name = CompileName(tag.name, names, labels_root);
    nodes.push_back(std::move(node));
  }
  return nodes;
}

// Parsed by kainjow's parser, as kainjow::mustache's constructor parses. The nodes point into
// `labels_root`, which must outlive them.
Result<std::vector<WalkNode>> CompileTemplate(const std::string& text, const SectionNames& names,
                                              const nlohmann::json& labels_root) {
  kainjow::mustache::context<std::string> context;
  kainjow::mustache::context_internal<std::string> internal{context};
  KainjowComponent root;
  std::string error;
  kainjow::mustache::parser<std::string> parser{text, internal, root, error};
  if (!error.empty()) return Fail(ErrorCode::kInvalidInput, error);
  return CompileNodes(root.children, names, labels_root);
}

class WalkRenderer final : public LabelledRenderer {
 public:
  WalkRenderer(std::string language, std::map<std::string, std::string, std::less<>> labels,
               std::shared_ptr<const nlohmann::json> labels_root,
               std::unordered_map<std::string, std::vector<WalkNode>> templates)
      : LabelledRenderer(std::move(language), std::move(labels)),
        labels_root_(std::move(labels_root)),
        templates_(std::move(templates)) {}

  Result<std::string> Render(std::string_view name, const nlohmann::json& view) const override {
    const auto found = FindTemplate(templates_, name);
    if (!found) return tl::unexpected(found.error());
    return RenderNodes(**found, view);
  }

  Result<std::vector<std::string>> RenderEach(std::span<const std::string_view> names,
                                              const nlohmann::json& view) const override {
    std::vector<const std::vector<WalkNode>*> found;
    for (const std::string_view name : names) {
      const auto each = FindTemplate(templates_, name);
      if (!each) return tl::unexpected(each.error());
      found.push_back(*each);
    }
    std::vector<std::string> rendered;
    rendered.reserve(found.size());
    for (const std::vector<WalkNode>* nodes : found) rendered.push_back(RenderNodes(*nodes, view));
    return rendered;
  }

 private:
  std::string RenderNodes(const std::vector<WalkNode>& nodes, const nlohmann::json& view) const {
    std::string& buffer = RenderBuffer();
    TemplateWalk walk(buffer, *labels_root_, view);
    walk.Walk(nodes);
    walk.Finish();
    return CopiedOut(buffer);
  }

  std::shared_ptr<const nlohmann::json> labels_root_;  // the nodes point into it
  std::unordered_map<std::string, std::vector<WalkNode>> templates_;
};

Result<std::map<std::string, std::string>> LoadSources(const std::string& templates_dir) {
  std::map<std::string, std::string> sources;
  std::error_code ec;
  const fs::path root(templates_dir);
  fs::recursive_directory_iterator it(root, ec);
  if (ec)
    return Fail(ErrorCode::kUnavailable, "cannot read " + templates_dir + ": " + ec.message());
  for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec)
      return Fail(ErrorCode::kUnavailable, "cannot list " + templates_dir + ": " + ec.message());
    const fs::path& path = it->path();
    if (!it->is_regular_file(ec) || path.extension() != kExtension) continue;
    std::string name = path.lexically_relative(root).replace_extension().generic_string();
    Result<std::string> source = ReadTemplateFile(path);
    if (!source) return tl::unexpected(source.error());
    sources.emplace(std::move(name), std::move(*source));
  }
  if (ec)
    return Fail(ErrorCode::kUnavailable, "cannot list " + templates_dir + ": " + ec.message());
  return sources;
}

Result<std::map<std::string, std::string, std::less<>>> LoadLabels(const std::string& messages_dir,
                                                                   const std::string& language) {
  const bool well_formed =
      language.size() >= 2 && language.size() <= 3 &&
      language.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos;
  if (!well_formed) return Fail(ErrorCode::kInvalidInput, "unknown language '" + language + "'");
  std::error_code ec;
  if (!fs::is_directory(messages_dir, ec)) {
    return Fail(ErrorCode::kUnavailable, "cannot read messages folder " + messages_dir);
  }
  const fs::path path = fs::path(messages_dir) / (language + ".json");
  if (!fs::exists(path, ec)) {
    return Fail(ErrorCode::kInvalidInput,
                "unknown language '" + language + "': no " + path.string());
  }
  Result<std::string> text = ReadTemplateFile(path);
  if (!text) return tl::unexpected(text.error());
  const nlohmann::json json = nlohmann::json::parse(*text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return Fail(ErrorCode::kInvalidInput, path.string() + " is not a JSON object");
  }
  std::map<std::string, std::string, std::less<>> labels;
  for (const auto& [key, value] : json.items()) {
    if (!value.is_string()) {
      return Fail(ErrorCode::kInvalidInput,
                  path.string() + ": label '" + key + "' is not a string");
    }
    labels.emplace(key, value.get<std::string>());
  }
  return labels;
}

// A label a template uses but the messages file lacks is a load error, not a blank on a page.
Result<void> CheckTemplateLabels(const std::map<std::string, std::string>& sources,
                                 const std::map<std::string, std::string, std::less<>>& labels,
                                 const std::string& language) {
  for (const auto& [name, source] : sources) {
    for (const std::string& key : ScanReferences(source).labels) {
      if (!labels.contains(key)) {
        return Fail(ErrorCode::kInvalidInput, "template " + name + " uses label t." + key +
                                                  " missing from messages/" + language + ".json");
      }
    }
  }
  return {};
}

// Each template with mstch's standalone lines stripped, its partials inlined, its printed
// sections flagged and its newlines made tags: the text kainjow parses.
Result<std::map<std::string, std::string>> PrepareTemplates(
    const std::map<std::string, std::string>& sources, const SectionNames& names) {
  std::map<std::string, std::string> stripped;
  for (const auto& [name, source] : sources) stripped.emplace(name, StripStandaloneLines(source));
  std::map<std::string, std::string> prepared;
  for (const auto& [name, source] : stripped) {
    Result<std::string> inlined = InlinePartials(name, stripped);
    if (!inlined) return tl::unexpected(inlined.error());
    prepared.emplace(
        name, NewlinesAsTags(FlagPrintedSections(*inlined, names.tested_and_printed), kNewlineKey));
  }
  return prepared;
}

// What both renderers are made of: the labels, the names the templates use, the templates.
struct LoadedTemplates {
  std::map<std::string, std::string, std::less<>> labels;
  SectionNames names;
  std::map<std::string, std::string> prepared;
  nlohmann::json labels_root;  // {"t": the labels, "¶": "\n"}
};

Result<LoadedTemplates> LoadTemplates(const std::string& templates_dir,
                                      const std::string& messages_dir,
                                      const std::string& language) {
  Result<std::map<std::string, std::string>> sources = LoadSources(templates_dir);
  if (!sources) return tl::unexpected(sources.error());
  Result<std::map<std::string, std::string, std::less<>>> labels =
      LoadLabels(messages_dir, language);
  if (!labels) return tl::unexpected(labels.error());
  if (Result<void> checked = CheckTemplateLabels(*sources, *labels, language); !checked) {
    return tl::unexpected(checked.error());
  }
  LoadedTemplates loaded;
  loaded.names = CollectSectionNames(*sources);
  Result<std::map<std::string, std::string>> prepared = PrepareTemplates(*sources, loaded.names);
  if (!prepared) return tl::unexpected(prepared.error());
  loaded.prepared = std::move(*prepared);
  nlohmann::json labels_json = nlohmann::json::object();
  for (const auto& [key, text] : *labels) labels_json[key] = text;
  loaded.labels_root = nlohmann::json{{std::string(kLabelsKey), std::move(labels_json)},
                                      {std::string(kNewlineKey), "\n"}};
  loaded.labels = std::move(*labels);
  return loaded;
}

}  // namespace

Result<std::shared_ptr<const Renderer>> Renderer::Load(const std::string& templates_dir,
                                                       const std::string& messages_dir,
                                                       const std::string& language) {
  Result<LoadedTemplates> loaded = LoadTemplates(templates_dir, messages_dir, language);
  if (!loaded) return tl::unexpected(loaded.error());
  auto labels_root = std::make_shared<const nlohmann::json>(std::move(loaded->labels_root));
  std::unordered_map<std::string, std::vector<WalkNode>> templates;
  for (const auto& [name, text] : loaded->prepared) {
    Result<std::vector<WalkNode>> compiled = CompileTemplate(text, loaded->names, *labels_root);
    if (!compiled) {
      return Fail(ErrorCode::kInvalidInput, "template " + name + ": " + compiled.error().detail);
    }
    templates.emplace(name, std::move(*compiled));
  }
  return std::make_shared<const WalkRenderer>(language, std::move(loaded->labels),
                                              std::move(labels_root), std::move(templates));
}

Result<std::shared_ptr<const Renderer>> Renderer::LoadReference(const std::string& templates_dir,
                                                                const std::string& messages_dir,
                                                                const std::string& language) {
  Result<LoadedTemplates> loaded = LoadTemplates(templates_dir, messages_dir, language);
  if (!loaded) return tl::unexpected(loaded.error());
  std::unordered_map<std::string, std::unique_ptr<kainjow::mustache::mustache>> parsed;
  for (const auto& [name, text] : loaded->prepared) {
    auto parsed_template = std::make_unique<kainjow::mustache::mustache>(text);
    if (!parsed_template->is_valid()) {
      return Fail(ErrorCode::kInvalidInput,
                  "template " + name + ": " + parsed_template->error_message());
    }
    parsed_template->set_custom_escape(EscapeTemplateHtml);
    parsed.emplace(name, std::move(parsed_template));
  }
  kainjow::mustache::data labels_root = ToMustacheData(loaded->labels_root, loaded->names);
  return std::make_shared<const KainjowRenderer>(language, std::move(loaded->labels),
                                                 std::move(loaded->names), std::move(labels_root),
                                                 std::move(parsed));
}

}  // namespace sinmun::render
