// Photo processing rate (issue #19): one 12-megapixel JPEG (4000 x 3000) through the upload
// pipeline the newsroom uses (newsroom::StoreUploadedPhoto: decode, EXIF rotation, 400, 800
// and 1600 px variants as JPEG and WebP, written and recorded in a SQLite store), N times in
// a row on one thread, and the photos per second.
//   build/bench/photo_bench [photos] [jpeg file]   (figures in docs/BENCHMARKS.md)
// Without a file the picture is drawn by the demo's painter (newsroom/demo_picture.hpp): a
// gradient with shapes and text, which compresses far better than a photograph, so a real
// camera file is the fairer input when one is at hand.
#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <variant>

#include "newsroom/demo_picture.hpp"
#include "newsroom/photo_upload.hpp"
#include "store/store.hpp"

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  const int photos = argc > 1 ? std::atoi(argv[1]) : 10;
  if (photos < 1) {
    std::fputs("usage: photo_bench [photos >= 1] [jpeg file]\n", stderr);
    return 2;
  }
  std::string jpeg;
  if (argc > 2) {
    std::ifstream in(argv[2], std::ios::binary);
    jpeg.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  } else {
    sinmun::Result<std::string> drawn =
        sinmun::newsroom::DrawDemoPicture("사진 처리 속도 12MP", 19, 4000, 3000);
    if (!drawn) {
      std::fputs("cannot draw the test picture\n", stderr);
      return 1;
    }
    jpeg = std::move(*drawn);
  }

  std::string folder = (fs::temp_directory_path() / "sinmun-photo-bench-XXXXXX").string();
  if (::mkdtemp(folder.data()) == nullptr) return 1;
  const fs::path root(folder);
  auto store = sinmun::store::OpenStore("sqlite:" + (root / "bench.db").string());
  if (!store) {
    std::fputs("cannot open the store\n", stderr);
    return 1;
  }
  const std::string uploads = (root / "uploads").string();

  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < photos; ++i) {
    const sinmun::newsroom::PhotoUploadResult done =
        sinmun::newsroom::StoreUploadedPhoto(**store, {uploads, (root / "originals").string()},
                                             jpeg, /*by=*/1, /*at=*/1'780'000'000 + i);
    if (!std::holds_alternative<sinmun::store::PhotoId>(done)) {
      std::fputs("the upload failed\n", stderr);
      return 1;
    }
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  std::printf("%d photos of %zu bytes (%s) in %.2f s: %.2f photos/s, %.0f ms each\n", photos,
              jpeg.size(), argc > 2 ? argv[2] : "drawn, 4000x3000 JPEG", took.count(),
              photos / took.count(), took.count() * 1000 / photos);
  std::error_code ignored;
  fs::remove_all(root, ignored);
  return 0;
}
