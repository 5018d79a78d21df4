// multipart/form-data bodies as browsers send them, and what is refused as malformed.

#include "http/multipart.hpp"

#include <gtest/gtest.h>

#include "http/request.hpp"

namespace sinmun::http {
namespace {

const std::string kBoundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

std::string Body() {
  return "--" + kBoundary +
         "\r\nContent-Disposition: form-data; name=\"headline\"\r\n\r\n대전시 예산\r\n"
         "--" +
         kBoundary +
         "\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\n첫 줄\r\n\r\n둘째 줄\r\n"
         "--" +
         kBoundary +
         "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"야경 %22밤%22.jpg\"\r\n"
         "Content-Type: image/jpeg\r\n\r\n\xFF\xD8\xFF\r\n--not the boundary\r\n"
         "--" +
         kBoundary +
         "\r\nContent-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n"
         "Content-Type: application/octet-stream\r\n\r\n\r\n"
         "--" +
         kBoundary + "--\r\n";
}

TEST(MultipartTest, SplitsFieldsAndFilesAsBrowsersSendThem) {
  const std::string body = Body();
  const std::optional<std::vector<FormPart>> parts = ParseMultipart(body, kBoundary);
  ASSERT_TRUE(parts.has_value());
  ASSERT_EQ(parts->size(), 4u);
  EXPECT_EQ((*parts)[0].name, "headline");
  EXPECT_EQ((*parts)[0].data, "대전시 예산");
  EXPECT_FALSE((*parts)[0].filename.has_value());
  EXPECT_EQ((*parts)[1].data, "첫 줄\r\n\r\n둘째 줄");
  EXPECT_EQ((*parts)[2].filename, "야경 %22밤%22.jpg");
  EXPECT_EQ((*parts)[2].content_type, "image/jpeg");
  EXPECT_EQ((*parts)[2].data, "\xFF\xD8\xFF\r\n--not the boundary");
  EXPECT_EQ((*parts)[3].filename, "");
  EXPECT_EQ((*parts)[3].data, "");
}

TEST(MultipartTest, TheBoundaryComesFromTheContentType) {
  EXPECT_EQ(MultipartBoundary("multipart/form-data; boundary=" + kBoundary), kBoundary);
  EXPECT_EQ(MultipartBoundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\""), "a b");
  EXPECT_EQ(MultipartBoundary("application/x-www-form-urlencoded"), std::nullopt);
  EXPECT_EQ(MultipartBoundary("multipart/form-data"), std::nullopt);
  EXPECT_EQ(MultipartBoundary("multipart/form-data; boundary=" + std::string(71, 'x')),
            std::nullopt);
}

TEST(MultipartTest, MalformedBodiesAreRefused) {
  const std::string body = Body();
  EXPECT_FALSE(ParseMultipart(body.substr(0, body.size() / 2), kBoundary).has_value());
  EXPECT_FALSE(ParseMultipart("", kBoundary).has_value());
  EXPECT_FALSE(ParseMultipart(body, "other").has_value());
  EXPECT_FALSE(ParseMultipart("--" + kBoundary + "\r\nContent-Type: text/plain\r\n\r\nx\r\n--" +
                                  kBoundary + "--",
                              kBoundary)
                   .has_value());  // no Content-Disposition
  EXPECT_FALSE(ParseMultipart("--" + kBoundary + "\r\nno headers end", kBoundary).has_value());
}

TEST(MultipartTest, RequestFormReadsMultipartTextFields) {
  Request request;
  request.headers.emplace_back("content-type", "multipart/form-data; boundary=" + kBoundary);
  request.body = Body();
  EXPECT_EQ(request.Form("headline"), "대전시 예산");
  EXPECT_EQ(request.Form("photo"), std::nullopt);  // files are not text fields
  EXPECT_EQ(request.FormAll("body").size(), 1u);
  request.body = "garbage";
  EXPECT_EQ(request.Form("headline"), std::nullopt);
}

}  // namespace
}  // namespace sinmun::http
