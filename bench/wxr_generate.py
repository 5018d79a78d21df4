#!/usr/bin/python3
"""Writes a synthetic WordPress export (WXR 1.2, as WordPress 6's exporter writes it) for the
import benchmarks: Korean categories (some nested), several authors, drafts, scheduled and
pending posts, pages, attachments, comments with replies, Gutenberg and classic bodies with
[caption] shortcodes, tables, a <script> in some bodies, and CDATA split at "]]>".

    bench/wxr_generate.py --posts 1000 --out export.xml       # about 7 MB
    bench/wxr_generate.py --posts 150000 --out big.xml        # about 1 GB

The same --posts and --seed give the same file. Bodies average about 7 KB, as a regional
paper's articles do.
"""

import argparse
import random
import sys
from datetime import datetime, timedelta, timezone
from urllib.parse import quote

SITE = "https://news.example.kr"

CATEGORIES = [  # (slug source, name, parent)
    ("정치", "정치", None),
    ("국회", "국회", "정치"),
    ("지방자치", "지방자치", "정치"),
    ("경제", "경제", None),
    ("부동산", "부동산", "경제"),
    ("사회", "사회", None),
    ("사건사고", "사건사고", "사회"),
    ("교육", "교육", None),
    ("문화", "문화", None),
    ("스포츠", "스포츠", None),
    ("opinion", "오피니언", None),
]
TAGS = ["선거", "대전시", "세종시", "충남도", "예산", "날씨", "코로나19", "교통", "축제", "청년",
        "일자리", "환경", "의회", "대학", "야구"]
AUTHORS = [("kimreporter", "김민준", "kim@example.kr"), ("lee", "이서연", "lee@example.kr"),
           ("park", "박지훈", "park@example.kr"), ("choi", "최유진", "choi@example.kr"),
           ("jung", "정하늘", "jung@example.kr"), ("desk", "편집국", "desk@example.kr")]
WORDS = ("대전시 세종시 충청남도 의회 예산안 시민 주민 지역 경제 발전 계획 발표 회의 시장 의원 "
         "교육청 학교 학생 교통 도로 버스 지하철 문화 축제 공연 전시 환경 하천 공원 개발 "
         "사업 추진 결정 논의 지원 확대 강화 개선 방안 마련 참석 진행 예정 올해 내년 지난해 "
         "오전 오후 관계자 설명 밝혔다 전했다 강조했다 말했다 했다 있다 없다 위해 따라 통해").split()


def slug(text):
    """WordPress's sanitize_title: lower-case, UTF-8 percent-encoded."""
    return quote(text, safe="").lower()


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def sentence(rng, words=14):
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


# Paragraphs are drawn from a pool made once: making each one word by word took most of the
# time of a 1 GB file.
_POOL = []


def paragraph(rng):
    if not _POOL:
        pool_rng = random.Random(7)
        _POOL.extend(" ".join(sentence(pool_rng) for _ in range(pool_rng.randint(3, 6)))
                     for _ in range(4000))
    return _POOL[rng.randrange(len(_POOL))]


def body(rng, post_id, year, month):
    upload = f"{SITE}/wp-content/uploads/{year}/{month:02d}/photo-{post_id}.jpg"
    gutenberg = rng.random() < 0.6
    parts = []
    for i in range(rng.randint(6, 10)):
        if gutenberg:
            parts.append(f"<!-- wp:paragraph -->\n<p>{paragraph(rng)}</p>\n<!-- /wp:paragraph -->")
        else:
            parts.append(paragraph(rng))
        if i == 1:
            if gutenberg:
                parts.append(
                    f'<!-- wp:image {{"id":{post_id + 1}}} -->\n<figure class="wp-block-image">'
                    f'<img src="{upload}" alt="" class="wp-image-{post_id + 1}"/><figcaption>'
                    f"{sentence(rng, 6)}</figcaption></figure>\n<!-- /wp:image -->")
            else:
                parts.append(
                    f'[caption id="attachment_{post_id + 1}" align="aligncenter" width="640"]'
                    f'<img class="size-large" src="{upload}" alt="현장" width="640" '
                    f'height="427" /> {sentence(rng, 6)}[/caption]')
        if i == 3 and rng.random() < 0.3:
            parts.append("<h3>" + sentence(rng, 4) + "</h3>")
        if i == 4 and rng.random() < 0.15:
            rows = "".join(f"<tr><td>{rng.choice(WORDS)}</td><td>{rng.randint(1, 99)}.{rng.randint(0, 9)}%</td></tr>"
                           for _ in range(4))
            parts.append(f'<figure class="wp-block-table"><table><thead><tr><th>구분</th><th>비율'
                         f"</th></tr></thead><tbody>{rows}</tbody></table></figure>")
        if i == 5 and rng.random() < 0.05:
            parts.append('<p>광고<script>document.write("tracker")</script></p>'
                         '<iframe src="https://www.youtube.com/embed/x"></iframe>')
        if i == 6 and rng.random() < 0.02:
            parts.append("<p>코드 예: a[b[0]]> 1 그리고 ]]> 끝</p>")
    return "\n\n".join(parts)


def comments(rng, post_id, when):
    out = []
    count = rng.choice([0, 0, 0, 1, 2, 3])
    for c in range(count):
        comment_id = post_id * 10 + c
        parent = post_id * 10 if c > 0 and rng.random() < 0.5 else 0
        date = (when + timedelta(hours=c + 1)).strftime("%Y-%m-%d %H:%M:%S")
        out.append(
            f"\t\t<wp:comment>\n\t\t\t<wp:comment_id>{comment_id}</wp:comment_id>\n"
            f"\t\t\t<wp:comment_author>{cdata('독자' + str(c))}</wp:comment_author>\n"
            f"\t\t\t<wp:comment_author_email>{cdata('reader@example.kr')}</wp:comment_author_email>\n"
            f"\t\t\t<wp:comment_author_url></wp:comment_author_url>\n"
            f"\t\t\t<wp:comment_author_IP>{cdata('192.0.2.1')}</wp:comment_author_IP>\n"
            f"\t\t\t<wp:comment_date>{cdata(date)}</wp:comment_date>\n"
            f"\t\t\t<wp:comment_date_gmt>{cdata(date)}</wp:comment_date_gmt>\n"
            f"\t\t\t<wp:comment_content>{cdata(sentence(rng, 8))}</wp:comment_content>\n"
            f"\t\t\t<wp:comment_approved>{cdata('1')}</wp:comment_approved>\n"
            f"\t\t\t<wp:comment_type>{cdata('comment')}</wp:comment_type>\n"
            f"\t\t\t<wp:comment_parent>{parent}</wp:comment_parent>\n"
            f"\t\t\t<wp:comment_user_id>0</wp:comment_user_id>\n\t\t</wp:comment>\n")
    return "".join(out)


def item(rng, post_id, kind, status, when, author, terms, content, excerpt, name):
    date_gmt = "0000-00-00 00:00:00" if status == "draft" and rng.random() < 0.5 else \
        when.strftime("%Y-%m-%d %H:%M:%S")
    local = (when + timedelta(hours=9)).strftime("%Y-%m-%d %H:%M:%S")
    path = f"/{name}/" if kind == "page" else f"/{when:%Y/%m/%d}/{name}/"
    link = SITE + path if status in ("publish", "future") else f"{SITE}/?p={post_id}"
    out = [
        f"\t<item>\n\t\t<title>{cdata(sentence(rng, 6)[:-1])}</title>\n",
        f"\t\t<link>{link}</link>\n",
        f"\t\t<pubDate>{when:%a, %d %b %Y %H:%M:%S} +0000</pubDate>\n",
        f"\t\t<dc:creator>{cdata(author)}</dc:creator>\n",
        f'\t\t<guid isPermaLink="false">{SITE}/?p={post_id}</guid>\n',
        "\t\t<description></description>\n",
        f"\t\t<content:encoded>{cdata(content)}</content:encoded>\n",
        f"\t\t<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>\n",
        f"\t\t<wp:post_id>{post_id}</wp:post_id>\n",
        f"\t\t<wp:post_date>{cdata(local)}</wp:post_date>\n",
        f"\t\t<wp:post_date_gmt>{cdata(date_gmt)}</wp:post_date_gmt>\n",
        f"\t\t<wp:post_modified>{cdata(local)}</wp:post_modified>\n",
        f"\t\t<wp:post_modified_gmt>{cdata(date_gmt)}</wp:post_modified_gmt>\n",
        f"\t\t<wp:comment_status>{cdata('open')}</wp:comment_status>\n",
        f"\t\t<wp:ping_status>{cdata('open')}</wp:ping_status>\n",
        f"\t\t<wp:post_name>{cdata(name)}</wp:post_name>\n",
        f"\t\t<wp:status>{cdata(status)}</wp:status>\n",
        "\t\t<wp:post_parent>0</wp:post_parent>\n\t\t<wp:menu_order>0</wp:menu_order>\n",
        f"\t\t<wp:post_type>{cdata(kind)}</wp:post_type>\n",
        f"\t\t<wp:post_password>{cdata('')}</wp:post_password>\n",
        "\t\t<wp:is_sticky>0</wp:is_sticky>\n",
    ]
    if kind == "attachment":
        out.append(f"\t\t<wp:attachment_url>{cdata(content)}</wp:attachment_url>\n")
    for domain, term_slug, term_name in terms:
        out.append(f'\t\t<category domain="{domain}" nicename="{term_slug}">{cdata(term_name)}</category>\n')
    out.append(f"\t\t<wp:postmeta>\n\t\t<wp:meta_key>{cdata('_edit_last')}</wp:meta_key>\n"
               f"\t\t<wp:meta_value>{cdata('1')}</wp:meta_value>\n\t\t</wp:postmeta>\n")
    if kind == "post":
        out.append(comments(rng, post_id, when))
    out.append("\t</item>\n")
    return "".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    start = datetime(2015, 1, 1, tzinfo=timezone.utc)
    span = (datetime(2024, 1, 1, tzinfo=timezone.utc) - start).total_seconds()

    with open(args.out, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8" ?>\n'
                  "<!-- This is a WordPress eXtended RSS file generated by WordPress as an export of your site. -->\n"
                  '<!-- generator="WordPress/6.4.2" created="2024-01-10 05:00" -->\n'
                  '<rss version="2.0"\n\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n'
                  '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
                  '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
                  '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
                  '\txmlns:wp="http://wordpress.org/export/1.2/"\n>\n\n<channel>\n'
                  "\t<title>한밭뉴스</title>\n"
                  f"\t<link>{SITE}</link>\n\t<description>대전·세종·충남 소식</description>\n"
                  "\t<pubDate>Wed, 10 Jan 2024 05:00:00 +0000</pubDate>\n\t<language>ko-KR</language>\n"
                  "\t<wp:wxr_version>1.2</wp:wxr_version>\n"
                  f"\t<wp:base_site_url>{SITE}</wp:base_site_url>\n"
                  f"\t<wp:base_blog_url>{SITE}</wp:base_blog_url>\n\n")
        for number, (login, name, email) in enumerate(AUTHORS, start=2):
            out.write(f"\t<wp:author><wp:author_id>{number}</wp:author_id><wp:author_login>{cdata(login)}"
                      f"</wp:author_login><wp:author_email>{cdata(email)}</wp:author_email>"
                      f"<wp:author_display_name>{cdata(name)}</wp:author_display_name>"
                      f"<wp:author_first_name>{cdata(name[1:])}</wp:author_first_name>"
                      f"<wp:author_last_name>{cdata(name[0])}</wp:author_last_name></wp:author>\n")
        term_ids = {}
        for number, (source, name, parent) in enumerate(CATEGORIES, start=2):
            term_ids[source] = number
            out.write(f"\t<wp:category>\n\t\t<wp:term_id>{number}</wp:term_id>\n"
                      f"\t\t<wp:category_nicename>{cdata(slug(source))}</wp:category_nicename>\n"
                      f"\t\t<wp:category_parent>{cdata(slug(parent) if parent else '')}</wp:category_parent>\n"
                      f"\t\t<wp:cat_name>{cdata(name)}</wp:cat_name>\n\t</wp:category>\n")
        for number, tag in enumerate(TAGS, start=100):
            out.write(f"\t<wp:tag>\n\t\t<wp:term_id>{number}</wp:term_id>\n"
                      f"\t\t<wp:tag_slug>{cdata(slug(tag))}</wp:tag_slug>\n"
                      f"\t\t<wp:tag_name>{cdata(tag)}</wp:tag_name>\n\t</wp:tag>\n")
        # WordPress 6 lists the categories and tags again as terms.
        for source, name, parent in CATEGORIES:
            out.write(f"\t<wp:term><wp:term_id>{term_ids[source]}</wp:term_id><wp:term_taxonomy>"
                      f"{cdata('category')}</wp:term_taxonomy><wp:term_slug>{cdata(slug(source))}"
                      f"</wp:term_slug><wp:term_parent>{cdata(slug(parent) if parent else '')}"
                      f"</wp:term_parent><wp:term_name>{cdata(name)}</wp:term_name></wp:term>\n")
        for number, tag in enumerate(TAGS, start=100):
            out.write(f"\t<wp:term><wp:term_id>{number}</wp:term_id><wp:term_taxonomy>"
                      f"{cdata('post_tag')}</wp:term_taxonomy><wp:term_slug>{cdata(slug(tag))}"
                      f"</wp:term_slug><wp:term_name>{cdata(tag)}</wp:term_name></wp:term>\n")
        out.write("\n\t<generator>https://wordpress.org/?v=6.4.2</generator>\n\n")

        pages = [("about", "회사 소개"), ("privacy", "개인정보처리방침"), ("youth", "청소년보호정책"),
                 ("contact", "제보하기")]
        next_id = 1000
        for page_slug, title in pages:
            content = f"<!-- wp:paragraph -->\n<p>{title}: {paragraph(rng)}</p>\n<!-- /wp:paragraph -->"
            out.write(item(rng, next_id, "page", "publish", start, "desk", [], content, "", page_slug))
            next_id += 1
        for number in range(args.posts):
            post_id = next_id
            next_id += 2  # the attachment takes the next id
            when = start + timedelta(seconds=span * number / max(args.posts, 1))
            roll = rng.random()
            status = ("publish" if roll < 0.90 else "draft" if roll < 0.94 else
                      "future" if roll < 0.96 else "pending" if roll < 0.97 else
                      "private" if roll < 0.98 else "trash")
            if status == "future":
                when = datetime(2030, 1, 1, tzinfo=timezone.utc) + timedelta(hours=number)
            categories = rng.sample(CATEGORIES, rng.choice([1, 1, 1, 2]))
            terms = [("category", slug(c[0]), c[1]) for c in categories]
            terms += [("post_tag", slug(t), t) for t in rng.sample(TAGS, rng.randint(0, 3))]
            excerpt = rng.choice(["", "", sentence(rng, 10),
                                  "- " + sentence(rng, 6) + "\n- " + sentence(rng, 6)])
            content = body(rng, post_id, when.year, when.month)
            author = rng.choice(AUTHORS)[0]
            out.write(item(rng, post_id, "post", status, when, author, terms, content, excerpt,
                           slug(sentence(rng, 3)[:-1].replace(" ", "-"))))
            if number % 5 == 0:
                url = f"{SITE}/wp-content/uploads/{when.year}/{when.month:02d}/photo-{post_id}.jpg"
                out.write(item(rng, post_id + 1, "attachment", "inherit", when, author, [], url, "",
                               f"photo-{post_id}"))
        out.write("</channel>\n</rss>\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
