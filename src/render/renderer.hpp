#pragma once
// Turns a view model into HTML with the Mustache templates in templates/ (parsed once at load
// by kainjow's Mustache parser, then walked straight over the JSON view). kainjow and
// nlohmann's full header stay inside render/: callers include only json_fwd.

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace sinmun::render {

class Renderer {
 public:
  // Loads every templates_dir/**/*.mustache (named by relative path without extension:
  // "site/article", "partials/header") and the labels of messages_dir/<language>.json.
  // kUnavailable when a folder or file cannot be read; kInvalidInput for bad messages JSON
  // or an unknown language.
  static Result<std::shared_ptr<const Renderer>> Load(const std::string& templates_dir,
                                                      const std::string& messages_dir,
                                                      const std::string& language);
  // The same templates rendered as before the walk over the JSON view (issue #14): each view
  // converted into kainjow's data and rendered by kainjow. Kept for tests to check that
  // Load's renderer gives the same bytes; not for serving.
  static Result<std::shared_ptr<const Renderer>> LoadReference(const std::string& templates_dir,
                                                               const std::string& messages_dir,
                                                               const std::string& language);
  virtual ~Renderer() = default;

  // Renders template `name` with `view`; the labels are available to every template as
  // {{t.key}}. Values are HTML-escaped unless a template uses {{{triple}}} mustaches.
  // kInternal for an unknown template name. Thread safe.
  virtual Result<std::string> Render(std::string_view name, const nlohmann::json& view) const = 0;
  // Each of `names` rendered with the same `view`, converted for the templates once: parts of
  // a page made together from one view model. Fails as Render does, at the first that fails.
  virtual Result<std::vector<std::string>> RenderEach(std::span<const std::string_view> names,
                                                      const nlohmann::json& view) const = 0;

  // One label, for text built outside templates (titles, JSON); the key itself when missing.
  virtual std::string Label(std::string_view key) const = 0;
  virtual const std::string& language() const = 0;
};

}  // namespace sinmun::render
