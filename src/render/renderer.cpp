#include "render/renderer.hpp"

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mstch/mstch.hpp>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "render/html_escape.hpp"
#include "render/json_to_mstch.hpp"

namespace sinmun::render {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kExtension = ".mustache";
constexpr std::string_view kLabelsPrefix = "t.";

// mstch's escape hook, given the project's one escaper.
std::string EscapeHtml(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  AppendHtmlEscaped(out, text);
  return out;
}

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kUnavailable, "cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Fail(ErrorCode::kUnavailable, "cannot read " + path.string());
  return text.str();
}

// What one template refers to by name: partials ({{> name}}) and labels ({{t.key}}).
struct References {
  std::set<std::string> partials;
  std::set<std::string> labels;
  bool all_labels = false;  // {{#t}}…{{/t}} or {{t}}: the whole labels object
};

References ScanReferences(std::string_view source) {
  References refs;
  size_t pos = 0;
  while ((pos = source.find("{{", pos)) != std::string_view::npos) {
    pos += 2;
    char sigil = pos < source.size() ? source[pos] : '\0';
    if (sigil == '{' || sigil == '&' || sigil == '#' || sigil == '^' || sigil == '/' ||
        sigil == '>') {
      ++pos;
    } else {
      sigil = '\0';
    }
    while (pos < source.size() && source[pos] == ' ') ++pos;
    const size_t start = pos;
    while (pos < source.size() && source[pos] != ' ' && source[pos] != '}') ++pos;
    const std::string_view name = source.substr(start, pos - start);
    if (sigil == '>') {
      refs.partials.emplace(name);
    } else if (name == "t") {
      refs.all_labels = true;
    } else if (name.starts_with(kLabelsPrefix)) {
      refs.labels.emplace(name.substr(kLabelsPrefix.size()));
    }
  }
  return refs;
}

class MstchRenderer final : public Renderer {
 public:
  // What a render of one template needs, computed once at load: the source, only the
  // partials it reaches (mstch re-parses every partial it is handed on every render) and
  // only the labels it uses (copied into each render's root).
  struct Prepared {
    std::string source;
    std::map<std::string, std::string> partials;
    mstch::node labels;
  };

  MstchRenderer(std::string language, std::map<std::string, std::string, std::less<>> labels,
                std::unordered_map<std::string, Prepared> templates)
      : language_(std::move(language)),
        labels_(std::move(labels)),
        templates_(std::move(templates)) {}

  Result<std::string> Render(std::string_view name, const nlohmann::json& view) const override {
    const auto found = templates_.find(std::string(name));
    if (found == templates_.end()) {
      return Fail(ErrorCode::kInternal, "no template named " + std::string(name));
    }
    const Prepared& prepared = found->second;
    try {
      mstch::map root;
      if (view.is_object()) {
        for (const auto& [key, item] : view.items()) root.emplace(key, ToMstch(item));
      }
      root.insert_or_assign("t", prepared.labels);
      return mstch::render(prepared.source, root, prepared.partials);
    } catch (const std::exception& e) {
      return Fail(ErrorCode::kInternal, "rendering " + std::string(name) + ": " + e.what());
    }
  }

  std::string Label(std::string_view key) const override {
    const auto found = labels_.find(key);
    return found == labels_.end() ? std::string(key) : found->second;
  }

  const std::string& language() const override { return language_; }

 private:
  std::string language_;
  std::map<std::string, std::string, std::less<>> labels_;
  std::unordered_map<std::string, Prepared> templates_;
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
    Result<std::string> source = ReadFile(path);
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
  Result<std::string> text = ReadFile(path);
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

// Resolves each template's partials (transitively) and labels; an include of a missing
// partial or a label missing from the messages file is a load error, not a blank on a page.
Result<std::unordered_map<std::string, MstchRenderer::Prepared>> Prepare(
    const std::map<std::string, std::string>& sources,
    const std::map<std::string, std::string, std::less<>>& labels, const std::string& language) {
  std::map<std::string, References> refs;
  for (const auto& [name, source] : sources) refs.emplace(name, ScanReferences(source));

  mstch::map all_labels;
  for (const auto& [key, text] : labels) all_labels.emplace(key, text);

  std::unordered_map<std::string, MstchRenderer::Prepared> prepared;
  for (const auto& [name, source] : sources) {
    std::set<std::string> reached;
    std::vector<std::string> pending{name};
    bool wants_all_labels = false;
    mstch::map used_labels;
    while (!pending.empty()) {
      const std::string current = std::move(pending.back());
      pending.pop_back();
      const References& r = refs.at(current);
      wants_all_labels = wants_all_labels || r.all_labels;
      for (const std::string& key : r.labels) {
        const auto label = labels.find(key);
        if (label == labels.end()) {
          return Fail(ErrorCode::kInvalidInput, "template " + current + " uses label t." + key +
                                                    " missing from messages/" + language + ".json");
        }
        used_labels.emplace(key, label->second);
      }
      for (const std::string& partial : r.partials) {
        if (!refs.contains(partial)) {
          return Fail(ErrorCode::kInvalidInput,
                      "template " + current + " includes unknown partial " + partial);
        }
        if (reached.insert(partial).second) pending.push_back(partial);
      }
    }
    MstchRenderer::Prepared entry;
    entry.source = source;
    for (const std::string& partial : reached) entry.partials.emplace(partial, sources.at(partial));
    entry.labels = wants_all_labels ? mstch::node(all_labels) : mstch::node(std::move(used_labels));
    prepared.emplace(name, std::move(entry));
  }
  return prepared;
}

}  // namespace

Result<std::shared_ptr<const Renderer>> Renderer::Load(const std::string& templates_dir,
                                                       const std::string& messages_dir,
                                                       const std::string& language) {
  static std::once_flag escape_once;
  std::call_once(escape_once, [] { mstch::config::escape = EscapeHtml; });

  Result<std::map<std::string, std::string>> sources = LoadSources(templates_dir);
  if (!sources) return tl::unexpected(sources.error());
  Result<std::map<std::string, std::string, std::less<>>> labels =
      LoadLabels(messages_dir, language);
  if (!labels) return tl::unexpected(labels.error());
  Result<std::unordered_map<std::string, MstchRenderer::Prepared>> prepared =
      Prepare(*sources, *labels, language);
  if (!prepared) return tl::unexpected(prepared.error());
  return std::make_shared<const MstchRenderer>(language, std::move(*labels), std::move(*prepared));
}

}  // namespace sinmun::render
