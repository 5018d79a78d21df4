#include <fmt/format.h>
#include <libxml/xmlreader.h>

#include <charconv>
#include <filesystem>
#include <limits>
#include <memory>
#include <set>
#include <utility>

#include "archive/wxr.hpp"

namespace sinmun::archive {
namespace {

// NONET: nothing is fetched. HUGE: a body may be over libxml2's 10 MB text-node limit.
// Deliberately absent: NOENT (expand entities), DTDLOAD/DTDATTR/DTDVALID (read a DTD).
constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_HUGE | XML_PARSE_NOERROR |
                              XML_PARSE_NOWARNING | XML_PARSE_NOXINCNODE;

struct ReaderDeleter {
  void operator()(xmlTextReader* reader) const { xmlFreeTextReader(reader); }
};

std::string_view View(const xmlChar* text) {
  return text == nullptr ? std::string_view()
                         : std::string_view(reinterpret_cast<const char*>(text));
}

std::int64_t ToInt(std::string_view text) {
  std::int64_t value = 0;
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

// One pass over the file. Element names are compared as "prefix:local" with the prefix
// chosen from the namespace URI, so a file that binds `wp` to another letter reads the same.
class WxrStream {
 public:
  WxrStream(xmlTextReader* reader, std::int64_t size) : reader_(reader), size_(size) {
    xmlTextReaderSetStructuredErrorHandler(reader_, &WxrStream::OnXmlError, this);
  }

  Result<> Run(WxrVisitor& visitor, const std::function<void(const WxrProgress&)>& progress) {
    visitor_ = &visitor;
    progress_ = &progress;
    auto root = NextElement();
    if (!root) return tl::unexpected(root.error());
    if (!*root) return Fail(ErrorCode::kInvalidInput, "the file holds no XML element");
    if (Name() != "rss") {
      return Fail(ErrorCode::kInvalidInput,
                  fmt::format("not a WordPress export: the document is <{}>, not <rss>",
                              View(xmlTextReaderConstName(reader_))));
    }
    if (auto done = ReadChildren([this]() -> Result<> {
          if (Name() != "channel") return Skip();
          return ReadChannel();
        });
        !done) {
      return done;
    }
    // Anything after </rss> (a second root, garbage) is reported by the parser.
    if (auto rest = NextElement(); !rest) return tl::unexpected(rest.error());
    if (!channel_seen_) {
      return Fail(ErrorCode::kInvalidInput, "not a WordPress export: no <channel> in the <rss>");
    }
    return {};
  }

 private:
  static void OnXmlError(void* self, xmlErrorPtr error) {
    auto* stream = static_cast<WxrStream*>(self);
    if (error == nullptr || error->level < XML_ERR_ERROR || !stream->xml_error_.empty()) return;
    std::string message = error->message != nullptr ? error->message : "malformed XML";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    stream->xml_error_ = fmt::format("line {}, column {}: {}", error->line, error->int2, message);
    stream->xml_error_code_ = error->code;
  }

  Error XmlError() const {
    std::string detail = xml_error_.empty() ? "malformed XML" : xml_error_;
    const std::int64_t consumed = xmlTextReaderByteConsumed(reader_);
    if (xml_error_code_ == XML_ERR_DOCUMENT_END || xml_error_code_ == XML_ERR_TAG_NOT_FINISHED ||
        xml_error_code_ == XML_ERR_CDATA_NOT_FINISHED || (size_ > 0 && consumed >= size_)) {
      detail += " (the file ends before the export does: was it cut short?)";
    }
    if (xml_error_code_ == XML_ERR_UNDECLARED_ENTITY ||
        xml_error_code_ == XML_WAR_UNDECLARED_ENTITY) {
      detail += " (entities are not expanded)";
    }
    return Error{ErrorCode::kInvalidInput, std::move(detail)};
  }

  // Advances one node; false at the end of the document.
  Result<bool> Advance() {
    const int status = xmlTextReaderRead(reader_);
    if (status < 0 || !xml_error_.empty()) return tl::unexpected(XmlError());
    if (status == 0) return false;
    const int type = xmlTextReaderNodeType(reader_);
    if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
      return Fail(ErrorCode::kInvalidInput,
                  "the file has a <!DOCTYPE>; WordPress exports have none and sinmun reads no "
                  "DTD (entity definitions could expand without limit or read other files)");
    }
    if (type == XML_READER_TYPE_ENTITY_REFERENCE) {
      return Fail(ErrorCode::kInvalidInput, "the file uses an entity that is not expanded");
    }
    return true;
  }

  // Moves to the next element start anywhere below; false at the end of the document.
  Result<bool> NextElement() {
    while (true) {
      auto more = Advance();
      if (!more || !*more) return more;
      if (xmlTextReaderNodeType(reader_) == XML_READER_TYPE_ELEMENT) return true;
    }
  }

  std::string Name() const {
    const std::string_view uri = View(xmlTextReaderConstNamespaceUri(reader_));
    const std::string_view local = View(xmlTextReaderConstLocalName(reader_));
    constexpr std::string_view kWordPress = "http://wordpress.org/export/";
    std::string prefix;
    if (uri.empty()) {
    } else if (uri.starts_with(kWordPress) && uri.ends_with("/excerpt/")) {
      prefix = "excerpt:";
    } else if (uri.starts_with(kWordPress)) {
      prefix = "wp:";
    } else if (uri == "http://purl.org/rss/1.0/modules/content/") {
      prefix = "content:";
    } else if (uri == "http://purl.org/dc/elements/1.1/") {
      prefix = "dc:";
    } else {
      prefix = "?:";
    }
    return prefix + std::string(local);
  }

  std::string Attribute(const char* name) const {
    xmlChar* value = xmlTextReaderGetAttribute(reader_, BAD_CAST name);
    std::string result(View(value));
    xmlFree(value);
    return result;
  }

  // Calls `on_child` at each child element of the current element, which must consume it
  // whole (ReadText, Skip or a nested ReadChildren); returns after the element's end.
  template <typename OnChild>
  Result<> ReadChildren(OnChild&& on_child) {
    if (xmlTextReaderIsEmptyElement(reader_)) return {};
    while (true) {
      auto more = Advance();
      if (!more) return tl::unexpected(more.error());
      if (!*more) return Fail(ErrorCode::kInvalidInput, "the file ends inside an element");
      const int type = xmlTextReaderNodeType(reader_);
      if (type == XML_READER_TYPE_END_ELEMENT) return {};
      if (type != XML_READER_TYPE_ELEMENT) continue;
      if (auto done = on_child(); !done) return done;
    }
  }

  // The text of the current element: text and CDATA joined in order, so a CDATA section the
  // exporter split at "]]>" comes back whole. Consumes the element.
  Result<std::string> ReadText() {
    std::string text;
    if (xmlTextReaderIsEmptyElement(reader_)) return text;
    int depth = 0;
    while (true) {
      auto more = Advance();
      if (!more) return tl::unexpected(more.error());
      if (!*more) return Fail(ErrorCode::kInvalidInput, "the file ends inside an element");
      switch (xmlTextReaderNodeType(reader_)) {
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
          text += View(xmlTextReaderConstValue(reader_));
          break;
        case XML_READER_TYPE_ELEMENT:
          if (!xmlTextReaderIsEmptyElement(reader_)) ++depth;
          break;
        case XML_READER_TYPE_END_ELEMENT:
          if (depth == 0) return text;
          --depth;
          break;
        default:
          break;
      }
    }
  }

  Result<> Skip() {
    auto text = ReadText();
    if (!text) return tl::unexpected(text.error());
    return {};
  }

  // Reads the current element's text into `field`.
  Result<> Into(std::string& field) {
    auto text = ReadText();
    if (!text) return tl::unexpected(text.error());
    field = std::move(*text);
    return {};
  }
  Result<> Into(std::int64_t& field) {
    auto text = ReadText();
    if (!text) return tl::unexpected(text.error());
    field = ToInt(*text);
    return {};
  }

  Result<> ReadChannel() {
    channel_seen_ = true;
    auto done = ReadChildren([this]() -> Result<> {
      const std::string name = Name();
      if (name == "title") return Into(site_.title);
      if (name == "link") return Into(site_.link);
      if (name == "wp:wxr_version") return Into(site_.wxr_version);
      if (name == "wp:base_site_url") return Into(site_.base_site_url);
      if (name == "wp:base_blog_url") return Into(site_.base_blog_url);
      if (name == "wp:author") return ReadAuthor();
      if (name == "wp:category") return ReadTerm("category");
      if (name == "wp:tag") return ReadTerm("post_tag");
      if (name == "wp:term") return ReadTerm("");
      if (name == "item") return ReadItem();
      return Skip();
    });
    if (!done) return done;
    return SiteKnown();
  }

  // The site head goes to the visitor once, before the first author, term or item; by then
  // a WXR file has said its version (export.php writes it third in the channel).
  Result<> SiteKnown() {
    if (site_sent_) return {};
    if (site_.wxr_version.empty()) {
      return Fail(ErrorCode::kInvalidInput,
                  "not a WordPress export: the RSS channel has no <wp:wxr_version> (an ordinary "
                  "RSS feed? Export from WordPress with Tools → Export)");
    }
    if (site_.wxr_version != "1.0" && site_.wxr_version != "1.1" && site_.wxr_version != "1.2") {
      return Fail(
          ErrorCode::kInvalidInput,
          fmt::format("WXR version {} is not one sinmun reads (1.0, 1.1, 1.2)", site_.wxr_version));
    }
    site_sent_ = true;
    return visitor_->OnSite(site_);
  }

  Result<> ReadAuthor() {
    if (auto known = SiteKnown(); !known) return known;
    WxrAuthor author;
    auto done = ReadChildren([&]() -> Result<> {
      const std::string name = Name();
      if (name == "wp:author_id") return Into(author.id);
      if (name == "wp:author_login") return Into(author.login);
      if (name == "wp:author_email") return Into(author.email);
      if (name == "wp:author_display_name") return Into(author.display_name);
      if (name == "wp:author_first_name") return Into(author.first_name);
      if (name == "wp:author_last_name") return Into(author.last_name);
      return Skip();
    });
    if (!done) return done;
    return visitor_->OnAuthor(author);
  }

  // `taxonomy` is "" for <wp:term>, which names its own.
  Result<> ReadTerm(std::string taxonomy) {
    if (auto known = SiteKnown(); !known) return known;
    WxrTerm term;
    term.taxonomy = std::move(taxonomy);
    auto done = ReadChildren([&]() -> Result<> {
      const std::string name = Name();
      if (name == "wp:term_id") return Into(term.id);
      if (name == "wp:term_taxonomy") return Into(term.taxonomy);
      if (name == "wp:category_nicename" || name == "wp:tag_slug" || name == "wp:term_slug") {
        return Into(term.slug);
      }
      if (name == "wp:category_parent" || name == "wp:term_parent") return Into(term.parent_slug);
      if (name == "wp:cat_name" || name == "wp:tag_name" || name == "wp:term_name") {
        return Into(term.name);
      }
      if (name == "wp:category_description" || name == "wp:tag_description" ||
          name == "wp:term_description") {
        return Into(term.description);
      }
      return Skip();
    });
    if (!done) return done;
    // WordPress 6 lists categories and tags again among the terms: pass each on once. A term
    // without an id (hand-made files) is keyed by its slug.
    const std::string key = term.id != 0 ? std::to_string(term.id) : "slug:" + term.slug;
    if (!terms_seen_.insert({term.taxonomy, key}).second) return {};
    return visitor_->OnTerm(term);
  }

  Result<> ReadComment(WxrComment& comment) {
    return ReadChildren([&]() -> Result<> {
      const std::string name = Name();
      if (name == "wp:comment_id") return Into(comment.id);
      if (name == "wp:comment_author") return Into(comment.author);
      if (name == "wp:comment_author_email") return Into(comment.author_email);
      if (name == "wp:comment_author_url") return Into(comment.author_url);
      if (name == "wp:comment_date_gmt") return Into(comment.date_gmt);
      if (name == "wp:comment_content") return Into(comment.content);
      if (name == "wp:comment_approved") return Into(comment.approved);
      if (name == "wp:comment_type") return Into(comment.type);
      if (name == "wp:comment_parent") return Into(comment.parent);
      return Skip();
    });
  }

  Result<> ReadItem() {
    if (auto known = SiteKnown(); !known) return known;
    WxrItem item;
    auto done = ReadChildren([&]() -> Result<> {
      const std::string name = Name();
      if (name == "title") return Into(item.title);
      if (name == "link") return Into(item.link);
      if (name == "guid") return Into(item.guid);
      if (name == "dc:creator") return Into(item.creator);
      if (name == "content:encoded") return Into(item.content);
      if (name == "excerpt:encoded") return Into(item.excerpt);
      if (name == "wp:post_id") return Into(item.post_id);
      if (name == "wp:post_date") return Into(item.post_date);
      if (name == "wp:post_date_gmt") return Into(item.post_date_gmt);
      if (name == "wp:post_modified_gmt") return Into(item.post_modified_gmt);
      if (name == "wp:post_name") return Into(item.post_name);
      if (name == "wp:status") return Into(item.status);
      if (name == "wp:post_parent") return Into(item.post_parent);
      if (name == "wp:menu_order") return Into(item.menu_order);
      if (name == "wp:post_type") return Into(item.post_type);
      if (name == "wp:post_password") return Into(item.post_password);
      if (name == "wp:attachment_url") return Into(item.attachment_url);
      if (name == "category") {
        WxrItemTerm term{.domain = Attribute("domain"), .slug = Attribute("nicename"), .name = ""};
        if (auto text = Into(term.name); !text) return text;
        item.terms.push_back(std::move(term));
        return {};
      }
      if (name == "wp:postmeta") {
        std::pair<std::string, std::string> meta;
        auto read = ReadChildren([&]() -> Result<> {
          const std::string field = Name();
          if (field == "wp:meta_key") return Into(meta.first);
          if (field == "wp:meta_value") return Into(meta.second);
          return Skip();
        });
        if (!read) return read;
        item.meta.push_back(std::move(meta));
        return {};
      }
      if (name == "wp:comment") {
        WxrComment comment;
        if (auto read = ReadComment(comment); !read) return read;
        item.comments.push_back(std::move(comment));
        return {};
      }
      return Skip();
    });
    if (!done) return done;
    if (auto taken = visitor_->OnItem(std::move(item)); !taken) return taken;
    ++items_;
    if (*progress_) {
      (*progress_)(WxrProgress{
          .items = items_, .bytes_read = xmlTextReaderByteConsumed(reader_), .bytes_total = size_});
    }
    return {};
  }

  xmlTextReader* reader_;
  std::int64_t size_;
  WxrVisitor* visitor_ = nullptr;
  const std::function<void(const WxrProgress&)>* progress_ = nullptr;
  std::string xml_error_;
  int xml_error_code_ = 0;
  WxrSite site_;
  bool site_sent_ = false;
  bool channel_seen_ = false;
  std::set<std::pair<std::string, std::string>> terms_seen_;
  std::int64_t items_ = 0;
};

}  // namespace

Result<> ReadWxr(const std::string& path, WxrVisitor& visitor,
                 const std::function<void(const WxrProgress&)>& progress) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error)
    return Fail(ErrorCode::kNotFound, fmt::format("cannot read {}: {}", path, error.message()));
  std::unique_ptr<xmlTextReader, ReaderDeleter> reader(
      xmlReaderForFile(path.c_str(), nullptr, kParseOptions));
  if (!reader) return Fail(ErrorCode::kNotFound, fmt::format("cannot open {}", path));
  WxrStream stream(reader.get(), static_cast<std::int64_t>(size));
  return stream.Run(visitor, progress);
}

Result<> ReadWxrText(std::string_view xml, WxrVisitor& visitor) {
  if (xml.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    return Fail(ErrorCode::kInvalidInput, "the export is over 2 GB: read it from its file");
  }
  std::unique_ptr<xmlTextReader, ReaderDeleter> reader(xmlReaderForMemory(
      xml.data(), static_cast<int>(xml.size()), nullptr, nullptr, kParseOptions));
  if (!reader) return Fail(ErrorCode::kInvalidInput, "the export cannot be read");
  WxrStream stream(reader.get(), static_cast<std::int64_t>(xml.size()));
  return stream.Run(visitor, {});
}

}  // namespace sinmun::archive
