// Writes docs/taste-skip-curve.svg: the skip severity of rewardmodel.h, plotted from the very
// function the engine uses, for a 240 s and a 30 s track.
//   taste-plot-skip-curve docs/taste-skip-curve.svg

#include "core/taste/rewardmodel.h"

#include <QFile>
#include <QString>
#include <QTextStream>

#include <cstdio>

using bytewave::skipSeverity;

int main(int argc, char *argv[])
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: taste-plot-skip-curve OUTPUT.svg\n");
        return 64;
    }
    QFile file(QString::fromLocal8Bit(argv[1]));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "taste-plot-skip-curve: cannot write %s\n", argv[1]);
        return 73;
    }
    constexpr double kW = 640, kH = 360, kLeft = 60, kRight = 20, kTop = 40, kBottom = 50;
    constexpr double kPlotW = kW - kLeft - kRight, kPlotH = kH - kTop - kBottom;
    const auto x = [](double fraction) { return kLeft + fraction * kPlotW; };
    const auto y = [](double value) { return kTop + (1.0 - value) * kPlotH; };
    QTextStream s(&file);
    s << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kW << "\" height=\"" << kH
      << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << "<text x=\"" << kLeft << "\" y=\"22\" font-size=\"15\">How much a skip counts against a track "
         "(skip severity)</text>\n";
    for (int g = 0; g <= 10; ++g) {
        const double f = g / 10.0;
        s << "<line x1=\"" << x(f) << "\" y1=\"" << y(0) << "\" x2=\"" << x(f) << "\" y2=\"" << y(1)
          << "\" stroke=\"#eee\"/>\n"
          << "<line x1=\"" << x(0) << "\" y1=\"" << y(f) << "\" x2=\"" << x(1) << "\" y2=\"" << y(f)
          << "\" stroke=\"#eee\"/>\n"
          << "<text x=\"" << x(f) << "\" y=\"" << y(0) + 16 << "\" text-anchor=\"middle\">" << g * 10
          << "%</text>\n"
          << "<text x=\"" << kLeft - 8 << "\" y=\"" << y(f) + 4 << "\" text-anchor=\"end\">"
          << QString::number(f, 'f', 1) << "</text>\n";
    }
    s << "<text x=\"" << kLeft + kPlotW / 2 << "\" y=\"" << kH - 10
      << "\" text-anchor=\"middle\">skip position (share of the track played)</text>\n"
      << "<line x1=\"" << x(0) << "\" y1=\"" << y(0) << "\" x2=\"" << x(1) << "\" y2=\"" << y(0)
      << "\" stroke=\"black\"/>\n<line x1=\"" << x(0) << "\" y1=\"" << y(0) << "\" x2=\"" << x(0)
      << "\" y2=\"" << y(1) << "\" stroke=\"black\"/>\n";
    const struct
    {
        double duration;
        const char *colour;
        const char *label;
    } curves[] = {{240, "#1f77b4", "240 s track"}, {30, "#d62728", "30 s track"}};
    int legend = 0;
    for (const auto &c : curves) {
        s << "<polyline fill=\"none\" stroke=\"" << c.colour << "\" stroke-width=\"2\" points=\"";
        for (int k = 0; k <= 400; ++k) {
            const double f = k / 400.0;
            s << x(f) << ',' << y(skipSeverity(f * c.duration, c.duration)) << ' ';
        }
        s << "\"/>\n<line x1=\"" << x(0.62) << "\" y1=\"" << y(0.92 - 0.08 * legend) << "\" x2=\""
          << x(0.68) << "\" y2=\"" << y(0.92 - 0.08 * legend) << "\" stroke=\"" << c.colour
          << "\" stroke-width=\"2\"/>\n<text x=\"" << x(0.70) << "\" y=\"" << y(0.92 - 0.08 * legend) + 4
          << "\">" << c.label << "</text>\n";
        ++legend;
    }
    // The 30 s mark on the 240 s track, where the early-skip step falls to half.
    s << "<line x1=\"" << x(30.0 / 240) << "\" y1=\"" << y(0) << "\" x2=\"" << x(30.0 / 240) << "\" y2=\""
      << y(1) << "\" stroke=\"#1f77b4\" stroke-dasharray=\"4 4\"/>\n<text x=\"" << x(30.0 / 240) + 4
      << "\" y=\"" << y(0.05) << "\" fill=\"#1f77b4\">30 s</text>\n</svg>\n";
    return 0;
}
