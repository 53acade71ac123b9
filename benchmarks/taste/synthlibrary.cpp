#include "synthlibrary.h"

#include <QStringList>

#include <algorithm>
#include <array>
#include <cmath>

namespace bytewave::synth {

namespace {

struct Style
{
    const char *id;
    const char *genre;
    double tempoLo, tempoHi;
    double brightness, energy;
    std::array<const char *, 2> timbres;
    double swing;
};

// Ranges a listener would recognise; the generator's own styles (make-demo-library) are
// similar in spirit, which is all the simulation needs.
constexpr std::array<Style, 11> kStyles = {{
    {"house", "House", 118, 128, 0.62, 0.70, {"saw", "pluck"}, 0.0},
    {"techno", "Techno", 124, 140, 0.55, 0.82, {"saw", "fm"}, 0.0},
    {"rock", "Rock", 100, 150, 0.60, 0.75, {"guitar", "organ"}, 0.0},
    {"hiphop", "Hip-Hop", 80, 100, 0.45, 0.60, {"keys", "bass"}, 0.10},
    {"jazz", "Jazz", 90, 180, 0.45, 0.45, {"piano", "brass"}, 0.30},
    {"ambient", "Ambient", 60, 90, 0.30, 0.15, {"pad", "bell"}, 0.0},
    {"drum-and-bass", "Drum & Bass", 160, 178, 0.60, 0.85, {"saw", "bass"}, 0.0},
    {"ballad", "Ballad", 60, 80, 0.40, 0.25, {"piano", "strings"}, 0.0},
    {"funk", "Funk", 95, 115, 0.62, 0.66, {"guitar", "brass"}, 0.15},
    {"reggae", "Reggae", 70, 90, 0.50, 0.45, {"organ", "guitar"}, 0.05},
    {"synthwave", "Synthwave", 85, 118, 0.55, 0.55, {"saw", "pad"}, 0.0},
}};

constexpr std::array<const char *, 24> kWordsA = {
    "Neon", "Velvet", "Silver", "Quiet", "Electric", "Paper", "Golden", "Hollow",
    "Crimson", "Lunar", "Glass", "Wild", "Midnight", "Amber", "Iron", "Blue",
    "Static", "Solar", "Echo", "Copper", "Distant", "Northern", "Broken", "Lucky"};
constexpr std::array<const char *, 24> kWordsB = {
    "Harbor", "Engines", "Foxes", "Parade", "Rivers", "Machines", "Orchard", "Tides",
    "Signals", "Gardens", "Pilots", "Lanterns", "Avenue", "Drifters", "Horizon", "Static",
    "Season", "Satellites", "Choir", "Weather", "Arcade", "Thieves", "Motel", "Fields"};

std::uint64_t hashName(const char *s)
{
    std::uint64_t h = 1469598103934665603ULL;
    for (; *s; ++s) {
        h ^= std::uint8_t(*s);
        h *= 1099511628211ULL;
    }
    return h;
}

// Krumhansl-Kessler key profiles: what a chroma vector of a piece in that key looks like.
constexpr std::array<double, 12> kMajor = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
constexpr std::array<double, 12> kMinor = {6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17};

} // namespace

GeneratedLibrary generateLibrary(int trackCount, int dimension, std::uint64_t seed)
{
    GeneratedLibrary lib;
    lib.dimension = std::max(24, dimension);
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> gauss(0.0, 1.0);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    const auto clamp01 = [](double v) { return std::clamp(v, 0.0, 1.0); };

    struct Artist
    {
        QString name;
        int style;
        double tempoCentre;
        const char *timbre;
        double brightness, energy;
    };
    const int artistCount = std::max(3, trackCount / 11);
    std::vector<Artist> artists;
    for (int a = 0; a < artistCount; ++a) {
        const int style = a % int(kStyles.size());
        const Style &s = kStyles[size_t(style)];
        QString name = QStringLiteral("%1 %2").arg(QLatin1String(kWordsA[size_t(a) % kWordsA.size()]),
                                                   QLatin1String(kWordsB[size_t(a / 24 + a * 7) % kWordsB.size()]));
        if (a >= 24 * 24)
            name += QStringLiteral(" %1").arg(a / (24 * 24) + 1);
        const double lo = s.tempoLo + 4;
        const double hi = std::max(lo, s.tempoHi - 4);
        artists.push_back({name, style, lo + (hi - lo) * uniform(rng),
                           s.timbres[size_t(uniform(rng) < 0.5 ? 0 : 1)],
                           clamp01(s.brightness + 0.1 * gauss(rng)), clamp01(s.energy + 0.1 * gauss(rng))});
    }

    lib.tracks.reserve(size_t(trackCount));
    std::vector<int> perArtist(artists.size(), 0);
    for (int t = 0; t < trackCount; ++t) {
        // Artists in turn with a little randomness, so catalogue sizes differ.
        const int a = uniform(rng) < 0.8 ? t % artistCount : int(uniform(rng) * artistCount) % artistCount;
        const Artist &ar = artists[size_t(a)];
        const Style &s = kStyles[size_t(ar.style)];
        const int number = ++perArtist[size_t(a)];
        GeneratedTrack g;
        g.id = t + 1;
        g.artist = ar.name;
        g.album = QStringLiteral("%1 Vol. %2").arg(ar.name).arg((number - 1) / 8 + 1);
        g.title = QStringLiteral("%1 %2").arg(QLatin1String(kWordsB[size_t(t * 5 + 3) % kWordsB.size()]))
                      .arg(t + 1);
        g.genre = QLatin1String(s.genre);
        g.style = QLatin1String(s.id);
        g.tempoBpm = std::clamp(ar.tempoCentre + 4.0 * (2 * uniform(rng) - 1), s.tempoLo, s.tempoHi);
        g.swing = std::clamp(s.swing + 0.05 * gauss(rng), 0.0, 0.33);
        g.keyIndex = int(uniform(rng) * 12) % 12;
        g.minor = uniform(rng) < 0.4;
        g.timbre = QLatin1String(ar.timbre);
        g.brightness = clamp01(ar.brightness + 0.08 * gauss(rng));
        g.energy = clamp01(ar.energy + 0.08 * gauss(rng));
        g.noise = 0.1 * uniform(rng);
        g.durationS = 150 + 180 * uniform(rng);
        g.file = QStringLiteral("%1/%2/%3 %4.ogg").arg(g.artist, g.album).arg(number, 2, 10, QLatin1Char('0')).arg(g.title);
        lib.tracks.push_back(g);
    }

    // SYNTHETIC similarity vectors.
    const size_t d = size_t(lib.dimension);
    lib.vectors.assign(lib.tracks.size() * d, 0.0f);
    for (size_t t = 0; t < lib.tracks.size(); ++t) {
        const GeneratedTrack &g = lib.tracks[t];
        float *v = lib.vectors.data() + t * d;
        const double octave = uniform(rng);
        const double measured = g.tempoBpm * (octave < 0.05 ? 2.0 : octave < 0.10 ? 0.5 : 1.0) + 1.5 * gauss(rng);
        v[0] = float(std::log2(std::max(30.0, measured)));
        v[1] = float(0.6 + 0.2 * gauss(rng));
        v[2] = float(800 + 3000 * g.brightness + 200 * gauss(rng));
        v[3] = float(2000 + 7000 * g.brightness + 500 * gauss(rng));
        v[4] = float(0.05 + 0.3 * g.noise + 0.1 * g.brightness + 0.02 * gauss(rng));
        v[5] = float(0.2 + 0.6 * g.energy + 0.05 * gauss(rng));
        v[6] = float(-30 + 18 * g.energy + 1.5 * gauss(rng));
        v[7] = float(12 - 8 * g.energy + 1.5 * gauss(rng));
        v[8] = float(g.tempoBpm / 60.0 * (0.5 + g.energy) + 0.3 * gauss(rng));
        v[9] = float(0.3 + 0.5 * (1 - g.swing) * g.energy + 0.05 * gauss(rng));
        v[10] = float(0.03 + 0.1 * g.brightness + 0.05 * g.noise + 0.01 * gauss(rng));
        // 13 "MFCCs": the timbre family's prototype, tilted by brightness.
        std::mt19937_64 proto(hashName(qPrintable(g.timbre)));
        std::normal_distribution<double> protoGauss(0.0, 1.0);
        for (size_t k = 0; k < 13; ++k)
            v[11 + k] = float(2.0 * protoGauss(proto) + 0.35 * gauss(rng) + (k == 1 ? 2.0 * (g.brightness - 0.5) : 0.0));
        size_t next = 24;
        if (d >= 36) {
            const auto &profile = g.minor ? kMinor : kMajor;
            for (size_t k = 0; k < 12; ++k)
                v[24 + k] = float(profile[(k + 12 - size_t(g.keyIndex)) % 12] / 6.35 + 0.15 * gauss(rng));
            next = 36;
        }
        for (size_t k = next; k < d; ++k)
            v[k] = float(gauss(rng));
    }
    return lib;
}

TasteLibrary toTasteLibrary(const GeneratedLibrary &library, double analysedShare)
{
    TasteLibrary out;
    out.dimension = library.dimension;
    out.features = library.vectors;
    out.analysed.assign(library.tracks.size(), 0);
    out.extractorVersion = 1;
    out.tracks.reserve(library.tracks.size());
    for (size_t t = 0; t < library.tracks.size(); ++t) {
        const GeneratedTrack &g = library.tracks[t];
        TasteTrack track;
        track.id = g.id;
        track.title = g.title;
        track.artist = g.artist;
        track.albumArtist = g.artist;
        track.album = g.album;
        track.genres = QStringList{g.genre};
        track.durationS = g.durationS;
        out.tracks.push_back(std::move(track));
        // A deterministic share analysed (the first ones, as a background queue would).
        out.analysed[t] = double(t) < analysedShare * double(library.tracks.size()) ? 1 : 0;
    }
    return out;
}

} // namespace bytewave::synth
