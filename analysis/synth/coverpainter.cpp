#include "analysis/synth/coverpainter.h"

#include "analysis/synth/prng.h"

#include <QBuffer>
#include <QColor>
#include <QHash>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QRadialGradient>

#include <array>

namespace bytewave::synth {

namespace {

using Glyph = std::array<std::uint8_t, 7>; // 7 rows of 5 bits, most significant bit on the left

const QHash<QChar, Glyph> &font()
{
    static const QHash<QChar, Glyph> glyphs = [] {
        QHash<QChar, Glyph> g;
        auto add = [&g](char c, Glyph rows) { g.insert(QLatin1Char(c), rows); };
        add('A', {0b01110, 0b10001, 0b10001, 0b11111, 0b10001, 0b10001, 0b10001});
        add('B', {0b11110, 0b10001, 0b10001, 0b11110, 0b10001, 0b10001, 0b11110});
        add('C', {0b01110, 0b10001, 0b10000, 0b10000, 0b10000, 0b10001, 0b01110});
        add('D', {0b11110, 0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b11110});
        add('E', {0b11111, 0b10000, 0b10000, 0b11110, 0b10000, 0b10000, 0b11111});
        add('F', {0b11111, 0b10000, 0b10000, 0b11110, 0b10000, 0b10000, 0b10000});
        add('G', {0b01110, 0b10001, 0b10000, 0b10111, 0b10001, 0b10001, 0b01111});
        add('H', {0b10001, 0b10001, 0b10001, 0b11111, 0b10001, 0b10001, 0b10001});
        add('I', {0b01110, 0b00100, 0b00100, 0b00100, 0b00100, 0b00100, 0b01110});
        add('J', {0b00111, 0b00010, 0b00010, 0b00010, 0b00010, 0b10010, 0b01100});
        add('K', {0b10001, 0b10010, 0b10100, 0b11000, 0b10100, 0b10010, 0b10001});
        add('L', {0b10000, 0b10000, 0b10000, 0b10000, 0b10000, 0b10000, 0b11111});
        add('M', {0b10001, 0b11011, 0b10101, 0b10101, 0b10001, 0b10001, 0b10001});
        add('N', {0b10001, 0b10001, 0b11001, 0b10101, 0b10011, 0b10001, 0b10001});
        add('O', {0b01110, 0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b01110});
        add('P', {0b11110, 0b10001, 0b10001, 0b11110, 0b10000, 0b10000, 0b10000});
        add('Q', {0b01110, 0b10001, 0b10001, 0b10001, 0b10101, 0b10010, 0b01101});
        add('R', {0b11110, 0b10001, 0b10001, 0b11110, 0b10100, 0b10010, 0b10001});
        add('S', {0b01111, 0b10000, 0b10000, 0b01110, 0b00001, 0b00001, 0b11110});
        add('T', {0b11111, 0b00100, 0b00100, 0b00100, 0b00100, 0b00100, 0b00100});
        add('U', {0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b01110});
        add('V', {0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b01010, 0b00100});
        add('W', {0b10001, 0b10001, 0b10001, 0b10101, 0b10101, 0b10101, 0b01010});
        add('X', {0b10001, 0b10001, 0b01010, 0b00100, 0b01010, 0b10001, 0b10001});
        add('Y', {0b10001, 0b10001, 0b10001, 0b01010, 0b00100, 0b00100, 0b00100});
        add('Z', {0b11111, 0b00001, 0b00010, 0b00100, 0b01000, 0b10000, 0b11111});
        add('0', {0b01110, 0b10001, 0b10011, 0b10101, 0b11001, 0b10001, 0b01110});
        add('1', {0b00100, 0b01100, 0b00100, 0b00100, 0b00100, 0b00100, 0b01110});
        add('2', {0b01110, 0b10001, 0b00001, 0b00010, 0b00100, 0b01000, 0b11111});
        add('3', {0b11111, 0b00010, 0b00100, 0b00010, 0b00001, 0b10001, 0b01110});
        add('4', {0b00010, 0b00110, 0b01010, 0b10010, 0b11111, 0b00010, 0b00010});
        add('5', {0b11111, 0b10000, 0b11110, 0b00001, 0b00001, 0b10001, 0b01110});
        add('6', {0b00110, 0b01000, 0b10000, 0b11110, 0b10001, 0b10001, 0b01110});
        add('7', {0b11111, 0b00001, 0b00010, 0b00100, 0b01000, 0b01000, 0b01000});
        add('8', {0b01110, 0b10001, 0b10001, 0b01110, 0b10001, 0b10001, 0b01110});
        add('9', {0b01110, 0b10001, 0b10001, 0b01111, 0b00001, 0b00010, 0b01100});
        add('&', {0b01100, 0b10010, 0b10100, 0b01000, 0b10101, 0b10010, 0b01101});
        add('\'', {0b00100, 0b00100, 0b01000, 0, 0, 0, 0});
        add('-', {0, 0, 0, 0b11111, 0, 0, 0});
        add('.', {0, 0, 0, 0, 0, 0b01100, 0b01100});
        add(',', {0, 0, 0, 0, 0b01100, 0b00100, 0b01000});
        add('!', {0b00100, 0b00100, 0b00100, 0b00100, 0b00100, 0, 0b00100});
        add('?', {0b01110, 0b10001, 0b00001, 0b00010, 0b00100, 0, 0b00100});
        add('(', {0b00010, 0b00100, 0b01000, 0b01000, 0b01000, 0b00100, 0b00010});
        add(')', {0b01000, 0b00100, 0b00010, 0b00010, 0b00010, 0b00100, 0b01000});
        add(' ', {0, 0, 0, 0, 0, 0, 0});
        return g;
    }();
    return glyphs;
}

// Upper case without accents ("Zoë" → "ZOE"), dropping what the font cannot draw.
QString printable(const QString &text)
{
    QString out;
    for (const QChar c : text.normalized(QString::NormalizationForm_D).toUpper()) {
        if (c.isMark())
            continue;
        out += font().contains(c) ? c : QLatin1Char(' ');
    }
    return out.simplified();
}

// Greedy word wrap into lines of at most width characters.
QStringList wrap(const QString &text, int width)
{
    QStringList lines;
    QString line;
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString w = word.left(width);
        if (line.isEmpty())
            line = w;
        else if (line.size() + 1 + w.size() <= width)
            line += QLatin1Char(' ') + w;
        else {
            lines << line;
            line = w;
        }
    }
    if (!line.isEmpty())
        lines << line;
    return lines;
}

void drawText(QPainter &p, const QString &raw, int x, int y, int maxWidth, int maxLines,
              int maxScale, const QColor &colour, const QColor &shadow, bool alignRight)
{
    const QString text = printable(raw);
    int scale = maxScale;
    QStringList lines;
    for (; scale >= 2; --scale) {
        lines = wrap(text, std::max(1, maxWidth / (6 * scale)));
        if (lines.size() <= maxLines)
            break;
    }
    scale = std::max(scale, 2);
    while (lines.size() > maxLines)
        lines.removeLast();
    for (int l = 0; l < lines.size(); ++l) {
        const QString &line = lines.at(l);
        const int lineWidth = line.size() * 6 * scale - scale;
        int cx = alignRight ? x + maxWidth - lineWidth : x;
        const int cy = y + l * 9 * scale;
        for (const QChar c : line) {
            const Glyph &g = font()[c];
            for (int row = 0; row < 7; ++row) {
                for (int col = 0; col < 5; ++col) {
                    if (g[std::size_t(row)] & (0x10 >> col)) {
                        const QRect px(cx + col * scale, cy + row * scale, scale, scale);
                        p.fillRect(px.translated(std::max(1, scale / 3), std::max(1, scale / 3)), shadow);
                        p.fillRect(px, colour);
                    }
                }
            }
            cx += 6 * scale;
        }
    }
}

QColor hsv(double h, double s, double v, double a = 1.0)
{
    h -= std::floor(h);
    return QColor::fromHsvF(float(h), float(std::clamp(s, 0.0, 1.0)), float(std::clamp(v, 0.0, 1.0)),
                            float(a));
}

} // namespace

QImage CoverPainter::render(const QString &albumTitle, const QString &artist, Style style,
                        std::uint64_t seed, int size)
{
    Prng rng(seed);
    QImage image(size, size, QImage::Format_RGB32);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const double k = size / 500.0; // every coordinate below is on a 500-pixel canvas
    p.scale(k, k);

    const bool dark = style == Style::Techno || style == Style::DrumAndBass || style == Style::Synthwave
        || style == Style::Jazz || rng.chance(0.3);
    const bool soft = style == Style::Ambient || style == Style::Ballad;
    const double hue = rng.uniform();
    const double hue2 = hue + rng.uniform(0.08, 0.45);
    const double sat = soft ? rng.uniform(0.2, 0.45) : rng.uniform(0.5, 0.95);
    const QColor c1 = hsv(hue, sat, dark ? rng.uniform(0.12, 0.3) : rng.uniform(0.7, 0.95));
    const QColor c2 = hsv(hue2, sat, dark ? rng.uniform(0.3, 0.55) : rng.uniform(0.45, 0.8));
    const QColor accent = hsv(hue2 + 0.5, std::min(1.0, sat + 0.2), dark ? 0.95 : 0.25);

    const double angle = rng.uniform(0.0, 2.0 * 3.14159265358979);
    QLinearGradient bg(250 - 250 * std::cos(angle), 250 - 250 * std::sin(angle),
                       250 + 250 * std::cos(angle), 250 + 250 * std::sin(angle));
    bg.setColorAt(0, c1);
    bg.setColorAt(1, c2);
    p.fillRect(QRectF(0, 0, 500, 500), bg);
    p.setPen(Qt::NoPen);

    switch (style) {
    case Style::Synthwave: {
        QLinearGradient sun(250, 90, 250, 330);
        sun.setColorAt(0, hsv(0.13, 0.8, 1.0));
        sun.setColorAt(1, hsv(0.9, 0.8, 0.95));
        p.setBrush(sun);
        p.drawEllipse(QPointF(250, 230), 130, 130);
        p.setBrush(c1);
        for (int i = 0; i < 6; ++i)
            p.drawRect(QRectF(100, 250 + i * 14, 300, 3 + i));
        p.setPen(QPen(hsv(0.85, 0.9, 1.0, 0.8), 2));
        for (int i = 0; i <= 10; ++i)
            p.drawLine(QPointF(250, 360), QPointF(-250 + i * 100, 500));
        for (int i = 0; i < 6; ++i)
            p.drawLine(QPointF(0, 360 + i * i * 4 + i * 4), QPointF(500, 360 + i * i * 4 + i * 4));
        break;
    }
    case Style::Techno:
    case Style::DrumAndBass:
    case Style::House: {
        p.setBrush(Qt::NoBrush);
        const QPointF centre(rng.uniform(150, 350), rng.uniform(150, 300));
        const int rings = rng.range(6, 14);
        for (int i = rings; i > 0; --i) {
            p.setPen(QPen(hsv(hue2 + i * 0.02, sat, 0.9, 0.25 + 0.5 * (i % 2)), rng.uniform(2, 9)));
            p.drawEllipse(centre, i * 24.0, i * 24.0);
        }
        break;
    }
    case Style::Jazz: {
        for (int i = 0; i < 5; ++i) {
            p.setBrush(hsv(hue + 0.1 * i, sat, rng.uniform(0.5, 0.95), 0.9));
            p.drawRect(QRectF(rng.uniform(0, 350), rng.uniform(0, 300), rng.uniform(60, 250), rng.uniform(40, 180)));
        }
        break;
    }
    case Style::Rock:
    case Style::Punk: {
        p.setBrush(accent);
        const double w = rng.uniform(40, 110);
        for (int i = -2; i < 6; i += 2) {
            QPainterPath band;
            band.moveTo(i * 110, 500);
            band.lineTo(i * 110 + w, 500);
            band.lineTo(i * 110 + w + 400, 0);
            band.lineTo(i * 110 + 400, 0);
            band.closeSubpath();
            p.drawPath(band);
        }
        break;
    }
    case Style::Ambient:
    case Style::Ballad: {
        for (int i = 0; i < 7; ++i) {
            const QPointF c(rng.uniform(0, 500), rng.uniform(0, 420));
            const double r = rng.uniform(60, 220);
            QRadialGradient glow(c, r);
            glow.setColorAt(0, hsv(hue2 + rng.uniform(-0.1, 0.1), sat, 1.0, 0.55));
            glow.setColorAt(1, hsv(hue2, sat, 1.0, 0.0));
            p.setBrush(glow);
            p.drawEllipse(c, r, r);
        }
        break;
    }
    default: { // hip-hop, funk, reggae, pop: a record, stripes and dots
        const int stripes = rng.range(3, 6);
        for (int i = 0; i < stripes; ++i) {
            p.setBrush(hsv(hue + i * 0.12, sat, 0.9, 0.8));
            p.drawRect(QRectF(0, 60 + i * 300.0 / stripes, 500, 300.0 / stripes * 0.6));
        }
        p.setBrush(QColor(20, 20, 20));
        const QPointF rec(rng.uniform(180, 320), rng.uniform(180, 280));
        p.drawEllipse(rec, 120, 120);
        p.setBrush(accent);
        p.drawEllipse(rec, 40, 40);
        p.setBrush(QColor(20, 20, 20));
        p.drawEllipse(rec, 5, 5);
        break;
    }
    }

    // Title at the bottom, artist at the top, on a translucent band so they stay legible.
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0, 0, 0, 90));
    p.drawRect(QRectF(0, 380, 500, 120));
    const QColor ink = QColor(250, 250, 245);
    const QColor shade = QColor(0, 0, 0, 160);
    drawText(p, albumTitle, 24, 396, 452, 2, 6, ink, shade, false);
    drawText(p, artist, 24, 24, 452, 1, 4, ink, shade, rng.chance(0.5));
    p.end();
    return image;
}

Cover CoverPainter::encode(const QImage &image)
{
    Cover cover;
    cover.width = image.width();
    cover.height = image.height();
    QBuffer buffer(&cover.data);
    buffer.open(QIODevice::WriteOnly);
    if (image.save(&buffer, "JPG", 88)) {
        cover.mimeType = QStringLiteral("image/jpeg");
        return cover;
    }
    cover.data.clear();
    buffer.seek(0);
    image.save(&buffer, "PNG");
    cover.mimeType = QStringLiteral("image/png");
    return cover;
}

} // namespace bytewave::synth
