#include "newsroom/demo_picture.hpp"

#include <glib-object.h>
#include <vips/vips.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <numbers>
#include <string>
#include <vector>

#include "core/check.hpp"
#include "newsroom/photo_upload.hpp"
#include "render/picture.hpp"

namespace sinmun::newsroom {
namespace {

using DemoRgb = std::array<double, 3>;

// A small deterministic generator (splitmix64): the same seed gives the same picture on every
// platform, which std:: distributions do not promise.
class DemoPictureRandom {
 public:
  explicit DemoPictureRandom(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double Unit() { return static_cast<double>(Next() >> 11) / 9007199254740992.0; }  // [0, 1)
  double Between(double low, double high) { return low + (high - low) * Unit(); }

 private:
  std::uint64_t state_;
};

// A colour of hue `hue` (0-1) at saturation and value 0-1, as 0-255 RGB.
DemoRgb HsvColour(double hue, double saturation, double value) {
  const double h = std::fmod(hue, 1.0) * 6.0;
  const double c = value * saturation;
  const double x = c * (1 - std::fabs(std::fmod(h, 2.0) - 1));
  const double m = value - c;
  DemoRgb rgb{};
  switch (static_cast<int>(h)) {
    case 0:
      rgb = {c, x, 0};
      break;
    case 1:
      rgb = {x, c, 0};
      break;
    case 2:
      rgb = {0, c, x};
      break;
    case 3:
      rgb = {0, x, c};
      break;
    case 4:
      rgb = {x, 0, c};
      break;
    default:
      rgb = {c, 0, x};
      break;
  }
  return {(rgb[0] + m) * 255, (rgb[1] + m) * 255, (rgb[2] + m) * 255};
}

// An RGB canvas that shapes are blended into.
class DemoCanvas {
 public:
  DemoCanvas(int width, int height)
      : width_(width), height_(height), pixels_(static_cast<size_t>(width) * height * 3) {}

  void Blend(int x, int y, const DemoRgb& colour, double alpha) {
    if (x < 0 || y < 0 || x >= width_ || y >= height_ || alpha <= 0) return;
    unsigned char* pixel = &pixels_[(static_cast<size_t>(y) * width_ + x) * 3];
    for (int c = 0; c < 3; ++c) {
      pixel[c] = static_cast<unsigned char>(
          std::clamp(pixel[c] * (1 - alpha) + colour[c] * alpha, 0.0, 255.0));
    }
  }

  void Gradient(const DemoRgb& from, const DemoRgb& to, double angle) {
    const double dx = std::cos(angle);
    const double dy = std::sin(angle);
    const double span = std::fabs(dx) * width_ + std::fabs(dy) * height_;
    const double offset = std::min(0.0, dx * width_) + std::min(0.0, dy * height_);
    for (int y = 0; y < height_; ++y) {
      for (int x = 0; x < width_; ++x) {
        const double t = (x * dx + y * dy - offset) / span;
        unsigned char* pixel = &pixels_[(static_cast<size_t>(y) * width_ + x) * 3];
        for (int c = 0; c < 3; ++c) {
          pixel[c] = static_cast<unsigned char>(from[c] + (to[c] - from[c]) * t);
        }
      }
    }
  }

  void Circle(double cx, double cy, double radius, const DemoRgb& colour, double alpha) {
    for (int y = std::max(0, static_cast<int>(cy - radius));
         y < std::min(height_, static_cast<int>(cy + radius) + 1); ++y) {
      for (int x = std::max(0, static_cast<int>(cx - radius));
           x < std::min(width_, static_cast<int>(cx + radius) + 1); ++x) {
        const double distance = std::hypot(x - cx, y - cy);
        // One pixel of soft edge, so that the circle is not jagged.
        Blend(x, y, colour, alpha * std::clamp(radius - distance, 0.0, 1.0));
      }
    }
  }

  void Rectangle(int left, int top, int right, int bottom, const DemoRgb& colour, double alpha) {
    for (int y = std::max(0, top); y < std::min(height_, bottom); ++y) {
      for (int x = std::max(0, left); x < std::min(width_, right); ++x) Blend(x, y, colour, alpha);
    }
  }

  // Blends `colour` through a one-band 8-bit mask placed at (left, top).
  void Mask(const unsigned char* mask, int mask_width, int mask_height, int left, int top,
            const DemoRgb& colour) {
    for (int y = 0; y < mask_height; ++y) {
      for (int x = 0; x < mask_width; ++x) {
        Blend(left + x, top + y, colour, mask[static_cast<size_t>(y) * mask_width + x] / 255.0);
      }
    }
  }

  int width() const { return width_; }
  int height() const { return height_; }
  const std::vector<unsigned char>& pixels() const { return pixels_; }

 private:
  int width_;
  int height_;
  std::vector<unsigned char> pixels_;
};

struct DemoVipsUnref {
  void operator()(VipsImage* image) const { g_object_unref(image); }
};
using DemoVipsImage = std::unique_ptr<VipsImage, DemoVipsUnref>;

// Writes `title` white on a dark band along the bottom; leaves the canvas as it is when the
// text cannot be laid out (no font, no pango).
void DrawTitle(DemoCanvas& canvas, std::string_view title) {
  const int margin = canvas.width() / 20;
  VipsImage* text_raw = nullptr;
  const std::string text(title);
  const std::string font = "Noto Sans CJK KR Bold " + std::to_string(canvas.height() / 12);
  if (vips_text(&text_raw, text.c_str(), "font", font.c_str(), "width", canvas.width() - 2 * margin,
                nullptr) != 0) {
    vips_error_clear();
    return;
  }
  const DemoVipsImage text_image(text_raw);
  size_t size = 0;
  void* memory = vips_image_write_to_memory(text_image.get(), &size);
  if (memory == nullptr) {
    vips_error_clear();
    return;
  }
  const int mask_width = text_image->Xsize;
  const int mask_height = text_image->Ysize;
  const int top = canvas.height() - margin - mask_height;
  canvas.Rectangle(0, top - margin / 2, canvas.width(), canvas.height(), {0, 0, 0}, 0.35);
  if (size >= static_cast<size_t>(mask_width) * mask_height) {
    canvas.Mask(static_cast<const unsigned char*>(memory), mask_width, mask_height, margin, top,
                {255, 255, 255});
  }
  g_free(memory);
}

}  // namespace

Result<std::string> DrawDemoPicture(std::string_view title, std::uint64_t seed, int width,
                                    int height) {
  SINMUN_CHECK(width >= 64 && height >= 64 && width <= 4000 && height <= 4000);
  render::InitVips();
  DemoPictureRandom random(seed);
  const double hue = random.Unit();
  DemoCanvas canvas(width, height);
  canvas.Gradient(HsvColour(hue, 0.55, 0.95),
                  HsvColour(hue + random.Between(0.08, 0.3), 0.75, 0.45),
                  random.Between(0, 2 * std::numbers::pi));
  const int circles = 3 + static_cast<int>(random.Unit() * 4);
  for (int i = 0; i < circles; ++i) {
    canvas.Circle(random.Between(0, width), random.Between(0, height),
                  random.Between(0.05, 0.3) * height,
                  HsvColour(hue + random.Between(0.3, 0.7), 0.5, 1.0), random.Between(0.2, 0.5));
  }
  const int bars = 1 + static_cast<int>(random.Unit() * 3);
  for (int i = 0; i < bars; ++i) {
    const int left = static_cast<int>(random.Between(0, width * 0.8));
    const int top = static_cast<int>(random.Between(0, height * 0.6));
    canvas.Rectangle(left, top, left + static_cast<int>(random.Between(0.1, 0.4) * width),
                     top + static_cast<int>(random.Between(0.03, 0.12) * height),
                     HsvColour(hue + 0.5, 0.2, 1.0), random.Between(0.15, 0.35));
  }
  DrawTitle(canvas, title);

  DemoVipsImage image(vips_image_new_from_memory(canvas.pixels().data(), canvas.pixels().size(),
                                                 width, height, 3, VIPS_FORMAT_UCHAR));
  if (!image) return Fail(ErrorCode::kInternal, "vips: " + std::string(vips_error_buffer()));
  image->Type = VIPS_INTERPRETATION_sRGB;
  void* buffer = nullptr;
  size_t length = 0;
  if (vips_jpegsave_buffer(image.get(), &buffer, &length, "Q", 90, nullptr) != 0) {
    std::string detail = vips_error_buffer();
    vips_error_clear();
    return Fail(ErrorCode::kInternal, "vips jpegsave: " + detail);
  }
  std::string jpeg(static_cast<const char*>(buffer), length);
  g_free(buffer);
  return jpeg;
}

}  // namespace sinmun::newsroom
