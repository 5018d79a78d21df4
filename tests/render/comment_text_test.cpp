// A reader's comment as HTML (issue #16): escaped text, kept line breaks, safe links.
#include "render/comment_text.hpp"

#include <gtest/gtest.h>

namespace sinmun::render {
namespace {

TEST(CommentTextTest, MarkupArrivesAsText) {
  EXPECT_EQ(CommentBodyHtml("<script>alert('x')</script> & \"따옴표\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;따옴표&quot;");
}

TEST(CommentTextTest, LineBreaksAreKept) {
  EXPECT_EQ(CommentBodyHtml("첫 줄\r\n둘째 줄\n\n넷째 줄"),
            "첫 줄<br>\n둘째 줄<br>\n<br>\n넷째 줄");
}

TEST(CommentTextTest, AddressesBecomeLinksThatPassNoCredit) {
  EXPECT_EQ(CommentBodyHtml("출처: https://example.com/a?b=1&c=2."),
            "출처: <a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"nofollow ugc noopener\">"
            "https://example.com/a?b=1&amp;c=2</a>.");
  // A quote or bracket ends the address: it cannot leave the attribute.
  EXPECT_EQ(CommentBodyHtml("http://x.kr/\"onmouseover=\"alert(1)"),
            "<a href=\"http://x.kr/\" rel=\"nofollow ugc noopener\">http://x.kr/</a>"
            "&quot;onmouseover=&quot;alert(1)");
  EXPECT_EQ(CommentBodyHtml("javascript:alert(1) http:// 끝"), "javascript:alert(1) http:// 끝");
}

}  // namespace
}  // namespace sinmun::render
