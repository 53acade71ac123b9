#pragma once

// Album covers for the demo library: a gradient, shapes in the style's visual idiom (a
// synthwave sun, Blue-Note-like blocks for jazz, rings for techno...), and the album title and
// artist set in a built-in 5×7 pixel font. The font is our own on purpose: QPainter::drawText
// needs a QGuiApplication (a font database), and the CLI and tests run as QCoreApplication.
// Deterministic for the seed.

#include "analysis/synth/tagwriter.h"
#include "analysis/synth/trackparams.h"

#include <QImage>

#include <cstdint>

namespace bytewave::synth {

class CoverPainter
{
public:
    static constexpr int kSize = 500;

    static QImage render(const QString &albumTitle, const QString &artist, Style style,
                         std::uint64_t seed, int size = kSize);

    // JPEG (quality 88) when Qt's JPEG plugin is present, PNG otherwise.
    static Cover encode(const QImage &image);
};

} // namespace bytewave::synth
