#include "render/renderer.hpp"

#include <filesystem>
#include <fstream>
#include <functional>
#include <kainjow/mustache.hpp>
#include <map>
#include <nlohmann/json.hpp>
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

// Every template parsed once at load, with its partials inlined (kainjow would parse a
// partial again on each render that meets it).
class KainjowRenderer final : public Renderer {
 public:
  KainjowRenderer(
      std::string language, std::map<std::string, std::string, std::less<>> labels,
      SectionNames names, kainjow::mustache::data labels_root,
      std::unordered_map<std::string, std::unique_ptr<kainjow::mustache::mustache>> templates)
      : language_(std::move(language)),
        labels_(std::move(labels)),
        names_(std::move(names)),
        labels_root_(std::move(labels_root)),
        templates_(std::move(templates)) {}

  Result<std::string> Render(std::string_view name, const nlohmann::json& view) const override {
    const auto found = templates_.find(std::string(name));
    if (found == templates_.end()) {
      return Fail(ErrorCode::kInternal, "no template named " + std::string(name));
    }
    // The labels sit below the view: a lookup that misses the view's names finds {{t.…}}
    // there, and the view's own "t" is left out so that the labels win, as they always did.
    return RenderData(name, *found->second, ToMustacheData(view, names_, kLabelsKey));
  }

  Result<std::vector<std::string>> RenderEach(std::span<const std::string_view> names,
                                              const nlohmann::json& view) const override {
    std::vector<kainjow::mustache::mustache*> found;
    for (const std::string_view name : names) {
      const auto each = templates_.find(std::string(name));
      if (each == templates_.end()) {
        return Fail(ErrorCode::kInternal, "no template named " + std::string(name));
      }
      found.push_back(each->second.get());
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

  std::string Label(std::string_view key) const override {
    const auto found = labels_.find(key);
    return found == labels_.end() ? std::string(key) : found->second;
  }

  const std::string& language() const override { return language_; }

 private:
  // `parsed` (the template `name`) rendered with `data`, a view converted by ToMustacheData.
  Result<std::string> RenderData(std::string_view name, kainjow::mustache::mustache& parsed,
                                 const kainjow::mustache::data& data) const {
    DottedNameContext context;
    context.push(&labels_root_);
    context.push(&data);
    // Rendered into this thread's buffer, which keeps its capacity, and copied out at its
    // size: a page grown append by append reallocated and copied itself about ten times into
    // fresh memory (1.5 % of an idle server's miss, issue #14), and a page kept as rendered held
    // up to twice its size.
    thread_local std::string buffer;
    buffer.clear();
    AppendToString sink{buffer};
    // render() is not const, but with no partials or lambdas left it only reads the parsed
    // template (it writes its error message only when a partial or lambda fails), so one
    // parsed template serves every thread.
    parsed.render(context, sink);
    if (!parsed.is_valid()) {
      return Fail(ErrorCode::kInternal,
                  "rendering " + std::string(name) + ": " + parsed.error_message());
    }
    std::string html(buffer);
    // A buffer grown by one unusually large page is not kept at that size.
    if (buffer.capacity() > kKeptBufferBytes) std::string().swap(buffer);
    return html;
  }

  std::string language_;
  std::map<std::string, std::string, std::less<>> labels_;
  SectionNames names_;
  kainjow::mustache::data labels_root_;
  std::unordered_map<std::string, std::unique_ptr<kainjow::mustache::mustache>> templates_;
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
// sections flagged and its newlines made tags, parsed once.
Result<std::unordered_map<std::string, std::unique_ptr<kainjow::mustache::mustache>>>
ParseTemplates(const std::map<std::string, std::string>& sources, const SectionNames& names) {
  std::map<std::string, std::string> stripped;
  for (const auto& [name, source] : sources) stripped.emplace(name, StripStandaloneLines(source));
  std::unordered_map<std::string, std::unique_ptr<kainjow::mustache::mustache>> parsed;
  for (const auto& [name, source] : stripped) {
    Result<std::string> inlined = InlinePartials(name, stripped);
    if (!inlined) return tl::unexpected(inlined.error());
    auto parsed_template = std::make_unique<kainjow::mustache::mustache>(
        NewlinesAsTags(FlagPrintedSections(*inlined, names.tested_and_printed), kNewlineKey));
    if (!parsed_template->is_valid()) {
      return Fail(ErrorCode::kInvalidInput,
                  "template " + name + ": " + parsed_template->error_message());
    }
    parsed_template->set_custom_escape(EscapeTemplateHtml);
    parsed.emplace(name, std::move(parsed_template));
  }
  return parsed;
}

}  // namespace

Result<std::shared_ptr<const Renderer>> Renderer::Load(const std::string& templates_dir,
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
  SectionNames names = CollectSectionNames(*sources);
  Result<std::unordered_map<std::string, std::unique_ptr<kainjow::mustache::mustache>>> parsed =
      ParseTemplates(*sources, names);
  if (!parsed) return tl::unexpected(parsed.error());
  nlohmann::json labels_json = nlohmann::json::object();
  for (const auto& [key, text] : *labels) labels_json[key] = text;
  kainjow::mustache::data labels_root = ToMustacheData(
      nlohmann::json{{std::string(kLabelsKey), labels_json}, {std::string(kNewlineKey), "\n"}},
      names);
  return std::make_shared<const KainjowRenderer>(language, std::move(*labels), std::move(names),
                                                 std::move(labels_root), std::move(*parsed));
}

}  // namespace sinmun::render
