#pragma once
// WordPress exports for the archive tests, written as WordPress 6's exporter writes them
// (wp-admin/includes/export.php): CDATA for text fields, split at "]]>", categories and tags
// listed again as <wp:term>, authors, terms, then items.

#include <string>
#include <vector>

namespace sinmun::archive::testing {

// An item's <category> lines for the terms of WxrDocument.
inline const std::string kPolitics =
    R"(<category domain="category" nicename="%ec%a0%95%ec%b9%98"><![CDATA[정치]]></category>)";
inline const std::string kAssembly =
    R"(<category domain="category" nicename="%ea%b5%ad%ed%9a%8c"><![CDATA[국회]]></category>)";
inline const std::string kEconomy =
    R"(<category domain="category" nicename="economy"><![CDATA[경제]]></category>)";
inline const std::string kElection =
    R"(<category domain="post_tag" nicename="%ec%84%a0%ea%b1%b0"><![CDATA[선거]]></category>)";

struct FixturePost {
  int id = 0;
  std::string title;
  std::string content;
  std::string excerpt;
  std::string status = "publish";
  std::string type = "post";
  std::string date_gmt = "2023-03-01 00:30:00";
  std::string creator = "kimreporter";
  std::string slug;
  std::string link;
  std::vector<std::string> extra;  // raw XML lines inside <item> (categories, comments)
};

// A published post by kimreporter with the given id, title and body.
FixturePost Post(int id, std::string title = "기사", std::string content = "본문");

// A <wp:comment> line for FixturePost::extra, as export.php writes it.
std::string Comment(int id, int parent, const std::string& author, const std::string& content,
                    const std::string& approved = "1", const std::string& type = "comment");

// What export.php writes around "]]>" in a text field.
std::string Cdata(const std::string& text);

// A WXR 1.2 document: two authors, the categories 정치 (with a child 국회) and 경제 and the
// tag 선거, each also as <wp:term>, then the posts.
std::string WxrDocument(const std::vector<FixturePost>& posts);

// Writes `text` to a new file under the test's temporary folder; returns its path.
std::string WriteTempFile(const std::string& text);

}  // namespace sinmun::archive::testing
