// The tar and manifest of `sinmun backup` (archive/backup_tar.hpp, archive/backup_manifest.hpp):
// what is written comes back byte for byte with its SHA-256, and a hostile or damaged file is
// refused.

#include "archive/backup_tar.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "archive/backup_manifest.hpp"

namespace sinmun::archive {
namespace {

namespace fs = std::filesystem;

class BackupTarTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string path = (fs::temp_directory_path() / "sinmun-tar-XXXXXX").string();
    ASSERT_NE(::mkdtemp(path.data()), nullptr);
    dir_ = path;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Archive(const std::vector<std::pair<std::string, std::string>>& files) {
    std::FILE* out = std::tmpfile();
    TarWriter tar(out);
    for (const auto& [name, text] : files) EXPECT_TRUE(tar.AddText(name, text).has_value()) << name;
    EXPECT_TRUE(tar.Finish().has_value());
    std::string bytes(static_cast<size_t>(std::ftell(out)), '\0');
    std::rewind(out);
    EXPECT_EQ(std::fread(bytes.data(), 1, bytes.size(), out), bytes.size());
    std::fclose(out);
    return bytes;
  }

  Result<std::vector<TarEntry>> Extract(const std::string& bytes, const std::string& into) {
    std::FILE* in = std::tmpfile();
    std::fwrite(bytes.data(), 1, bytes.size(), in);
    std::rewind(in);
    fs::create_directories(dir_ / into);
    Result<std::vector<TarEntry>> entries = ExtractTar(in, (dir_ / into).string());
    std::fclose(in);
    return entries;
  }

  std::string Read(const fs::path& path) {
    std::ifstream in(dir_ / path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  fs::path dir_;
};

TEST_F(BackupTarTest, FilesComeBackWithTheirChecksums) {
  const std::string long_name =
      "uploads/2026/12/" + std::string(90, 'a') + "/기사-사진-" + std::string(40, 'b') + ".jpg";
  ASSERT_GT(long_name.size(), 100u);      // needs ustar's prefix field
  const std::string big(70'000, '\x7f');  // more than one copy chunk, not a block multiple
  const Result<std::vector<TarEntry>> entries =
      Extract(Archive({{"sinmun.toml", "abc"}, {long_name, big}, {"empty", ""}}), "out");
  ASSERT_TRUE(entries.has_value()) << entries.error().detail;
  ASSERT_EQ(entries->size(), 3u);
  EXPECT_EQ(entries->at(0).name, "sinmun.toml");
  EXPECT_EQ(entries->at(0).sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");  // FIPS 180-2
  EXPECT_EQ(entries->at(1).name, long_name);
  EXPECT_EQ(entries->at(1).size, big.size());
  EXPECT_EQ(Read("out/" + long_name), big);
  EXPECT_EQ(Read("out/sinmun.toml"), "abc");
  EXPECT_EQ(fs::status(dir_ / "out/sinmun.toml").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
}

TEST_F(BackupTarTest, ANameThatClimbsOutOfTheFolderIsRefused) {
  std::string bytes = Archive({{"xx/evil", "x"}});
  std::memcpy(bytes.data(), "..", 2);  // now "../evil", with a correct header checksum:
  unsigned sum = 0;
  for (size_t i = 0; i < 512; ++i)
    sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(bytes[i]);
  std::snprintf(bytes.data() + 148, 8, "%06o", sum);
  bytes[155] = ' ';
  const Result<std::vector<TarEntry>> entries = Extract(bytes, "out");
  ASSERT_FALSE(entries.has_value());
  EXPECT_EQ(entries.error().code, ErrorCode::kInvalidInput);
  EXPECT_FALSE(fs::exists(dir_ / "evil"));
}

TEST_F(BackupTarTest, DamagedHeadersAndShortFilesAreRefused) {
  std::string bytes = Archive({{"sinmun.db", std::string(1000, 'd')}});
  std::string damaged = bytes;
  damaged[10] = 'Z';  // inside the name: the header checksum no longer agrees
  EXPECT_EQ(Extract(damaged, "a").error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(Extract(bytes.substr(0, 700), "b").error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(Extract(bytes.substr(0, bytes.size() - 512), "c").error().code,
            ErrorCode::kInvalidInput);  // one end block missing
  EXPECT_TRUE(Extract(bytes, "d").has_value());
}

TEST_F(BackupTarTest, TheManifestMustListEveryFileWithItsChecksum) {
  const std::vector<TarEntry> files = {{"sinmun.db", 3, "aa"}, {"uploads/x.jpg", 1, "bb"}};
  const Result<std::vector<TarEntry>> listed =
      ParseManifest(ManifestJson(files, "2026-12-05T00:00:00Z"));
  ASSERT_TRUE(listed.has_value());
  EXPECT_TRUE(CheckAgainstManifest(files, *listed).has_value());
  EXPECT_FALSE(CheckAgainstManifest({{"sinmun.db", 3, "aa"}, {"uploads/x.jpg", 1, "bc"}}, *listed));
  EXPECT_FALSE(CheckAgainstManifest({{"sinmun.db", 3, "aa"}}, *listed));
  EXPECT_FALSE(CheckAgainstManifest({files[0], files[1], {"extra", 0, "cc"}}, *listed));
  EXPECT_FALSE(ParseManifest(R"({"format": "sinmun-backup", "version": 2, "files": []})"));
  EXPECT_FALSE(ParseManifest("{"));
}

}  // namespace
}  // namespace sinmun::archive
