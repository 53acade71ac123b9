#include "analysis/synth/libraryplanner.h"

#include "analysis/synth/prng.h"
#include "analysis/synth/stylebook.h"

#include <QSet>

#include <algorithm>
#include <functional>
#include <array>
#include <cmath>

namespace bytewave::synth {

namespace {

// Word lists for human-looking names. A few carry accents on purpose: real libraries do, and the
// scanner and UI must cope with them.
constexpr std::array kFirstNames {
    "Ada",    "Alma",   "Amara",  "Ben",    "Bruno",  "Carla",  "Chen",   "Dario",  "Dora",
    "Elena",  "Emil",   "Farah",  "Felix",  "Greta",  "Hana",   "Hugo",   "Ines",   "Ivan",
    "Jonas",  "Josefine", "Kai",  "Kofi",   "Lena",   "Leon",   "Lucía",  "Malik",  "Marta",
    "Mika",   "Nadia",  "Nils",   "Noor",   "Oskar",  "Paula",  "Priya",  "Rafael", "Renée",
    "Rosa",   "Sami",   "Sofia",  "Tariq",  "Teo",    "Una",    "Vera",   "Wanda",  "Yusuf",
    "Zoë",    "Maceo",  "Etta",   "Otis",   "Nina",   "Ray",    "Sly",    "Abbey",  "Chet"};
constexpr std::array kLastNames {
    "Abernathy", "Alvarez", "Bergström", "Brandt",   "Castillo", "Coleman", "Dubois",  "Ekström",
    "Ferreira",  "Fontaine", "Garner",   "Haddad",   "Hartmann", "Ibarra",  "Jansen",  "Kaplan",
    "Kowalski",  "Lindqvist", "Mbeki",   "Moreau",   "Nakamura", "Novak",   "Okafor",  "Olsen",
    "Park",      "Quinn",   "Rahman",    "Reyes",    "Sato",     "Schmidt", "Silva",   "Sorensen",
    "Tanaka",    "Toussaint", "Ulrich",  "Varga",    "Weller",   "Whitfield", "Yilmaz", "Zamora"};
constexpr std::array kAdjectives {
    "Amber",  "Azure",   "Broken",  "Burning", "Cobalt",  "Crimson", "Crystal", "Distant",
    "Electric", "Endless", "Faded", "Fading",  "Gentle",  "Golden",  "Hidden",  "Hollow",
    "Iron",   "Lazy",    "Liquid",  "Lonely",  "Lucky",   "Midnight", "Neon",   "Paper",
    "Pale",   "Quiet",   "Restless", "Rusty",  "Secret",  "Silent",  "Silver",  "Slow",
    "Solar",  "Static",  "Sweet",   "Velvet",  "Wild",    "Winter",  "Wooden",  "Young"};
constexpr std::array kNouns {
    "Anchor", "Arrow",   "Avenue", "Bay",    "Bird",    "Bridge",  "Canyon", "Circuit",
    "City",   "Cloud",   "Comet",  "Dawn",   "Desert",  "Dream",   "Echo",   "Engine",
    "Falcon", "Field",   "Fire",   "Forest", "Garden",  "Ghost",   "Harbor", "Heart",
    "Horizon", "Island", "Lantern", "Machine", "Meadow", "Mirror", "Moon",   "Motel",
    "Mountain", "Night", "Ocean",  "Orchid", "Planet",  "Radio",   "River",  "Rocket",
    "Road",   "Shadow",  "Signal", "Sky",    "Spark",   "Station", "Storm",  "Street",
    "Summer", "Sun",     "Tide",   "Tower",  "Train",   "Valley",  "Wave",   "Window"};
constexpr std::array kPlaces {
    "Lisbon", "Kyoto",  "Brooklyn", "Havana", "Berlin",   "Detroit", "Lagos", "Marseille",
    "Oslo",   "Memphis", "Kingston", "Bristol", "São Paulo", "Reykjavík", "Tangier", "Montréal"};
constexpr std::array kVerbs {"Chasing", "Waiting for", "Dancing with", "Falling into",
                             "Running from", "Dreaming of", "Holding", "Leaving",
                             "Finding", "Calling"};

template<typename Array>
QString pick(Prng &rng, const Array &words)
{
    return QString::fromUtf8(words[rng.below(std::uint32_t(words.size()))]);
}

QString plural(const QString &noun)
{
    // Consonant + y takes -ies (city, cities); vowel + y only -s (valley, valleys).
    if (noun.size() > 1 && noun.endsWith(QLatin1Char('y'))
        && !QStringLiteral("aeiou").contains(noun.at(noun.size() - 2)))
        return noun.chopped(1) + QStringLiteral("ies");
    if (noun.endsWith(QLatin1Char('s')) || noun.endsWith(QLatin1Char('x'))
        || noun.endsWith(QStringLiteral("ch")) || noun.endsWith(QStringLiteral("sh")))
        return noun + QStringLiteral("es");
    return noun + QLatin1Char('s');
}

QString personName(Prng &rng)
{
    return pick(rng, kFirstNames) + QLatin1Char(' ') + pick(rng, kLastNames);
}

QString artistName(Prng &rng, Style style)
{
    const int form = rng.range(0, 5);
    switch (style) {
    case Style::Jazz: {
        static constexpr std::array kGroups {" Trio", " Quartet", " Quintet", " Ensemble", ""};
        return personName(rng) + QString::fromUtf8(kGroups[rng.below(kGroups.size())]);
    }
    case Style::HipHop:
        if (form == 0)
            return QStringLiteral("MC ") + pick(rng, kNouns);
        if (form == 1)
            return QStringLiteral("Lil ") + pick(rng, kAdjectives);
        if (form == 2)
            return pick(rng, kFirstNames);
        return pick(rng, kAdjectives) + QLatin1Char(' ') + pick(rng, kNouns);
    case Style::Ballad:
        return form < 4 ? personName(rng) : pick(rng, kFirstNames) + QStringLiteral(" & ")
                + pick(rng, kFirstNames);
    case Style::Rock:
    case Style::Punk:
    case Style::Funk:
    case Style::Reggae:
    case Style::Pop:
        if (form <= 1)
            return QStringLiteral("The ") + pick(rng, kAdjectives) + QLatin1Char(' ')
                + plural(pick(rng, kNouns));
        if (form == 2)
            return pick(rng, kFirstNames) + QStringLiteral(" & the ") + plural(pick(rng, kNouns));
        if (form == 3)
            return personName(rng);
        return pick(rng, kNouns) + QLatin1Char(' ') + plural(pick(rng, kNouns));
    default: // electronic styles
        if (form == 0)
            return QStringLiteral("DJ ") + pick(rng, kFirstNames);
        if (form == 1)
            return pick(rng, kNouns) + QLatin1Char(' ') + pick(rng, kNouns);
        if (form == 2)
            return personName(rng);
        return pick(rng, kAdjectives) + QLatin1Char(' ') + pick(rng, kNouns);
    }
}

QString titleText(Prng &rng)
{
    switch (rng.range(0, 9)) {
    case 0:
        return pick(rng, kNouns);
    case 1:
        return QStringLiteral("The ") + pick(rng, kNouns);
    case 2:
        return pick(rng, kNouns) + QStringLiteral(" of ") + plural(pick(rng, kNouns));
    case 3:
        return pick(rng, kVerbs) + QLatin1Char(' ') + pick(rng, kNouns);
    case 4:
        return pick(rng, kNouns) + QStringLiteral(" in ") + pick(rng, kPlaces);
    case 5:
        return pick(rng, kAdjectives) + QLatin1Char(' ') + plural(pick(rng, kNouns));
    case 6:
        return QStringLiteral("Don't Let the ") + pick(rng, kNouns) + QStringLiteral(" Go");
    default:
        return pick(rng, kAdjectives) + QLatin1Char(' ') + pick(rng, kNouns);
    }
}

double clamp01(double v)
{
    return std::clamp(v, 0.0, 1.0);
}

double round2(double v)
{
    return std::round(v * 100.0) / 100.0;
}

struct ArtistPlan
{
    QString name;
    Style style;
    QStringList genres;
    Timbre primary;
    Timbre secondary;
    double tempoLo;
    double tempoHi;
    bool swings;
    double brightness;
    double energy;
    double loudness;
    double noise;
    int debutYear;
};

ArtistPlan planArtist(Prng &rng, Style style)
{
    const StyleSpec &spec = styleSpec(style);
    ArtistPlan a;
    a.name = artistName(rng, style);
    a.style = style;
    a.genres = QString::fromUtf8(spec.genres[rng.below(std::uint32_t(spec.genres.size()))])
                   .split(QStringLiteral("; "));
    a.primary = spec.timbres[rng.below(std::uint32_t(spec.timbres.size()))];
    a.secondary = spec.timbres[rng.below(std::uint32_t(spec.timbres.size()))];
    // An artist keeps to a band of about ±6 % around a tempo of its own within the style.
    const double centre = rng.uniform(spec.tempoMin, spec.tempoMax);
    const double half = std::max(3.0, centre * 0.06);
    a.tempoLo = std::max(spec.tempoMin, centre - half);
    a.tempoHi = std::min(spec.tempoMax, centre + half);
    a.swings = rng.chance(spec.swingProbability);
    a.brightness = rng.uniform(spec.brightnessMin, spec.brightnessMax);
    a.energy = rng.uniform(spec.energyMin, spec.energyMax);
    a.loudness = rng.uniform(spec.loudnessMin, spec.loudnessMax);
    const double u = rng.uniform();
    a.noise = spec.noiseMax * u * u; // most artists are clean, a few are lo-fi
    a.debutYear = rng.range(1968, 2021);
    return a;
}

TrackParams planTrack(Prng &rng, const ArtistPlan &a, double durationSeconds)
{
    const StyleSpec &spec = styleSpec(a.style);
    TrackParams p;
    p.style = a.style;
    double tempo = rng.uniform(a.tempoLo, a.tempoHi);
    tempo = rng.chance(0.2) ? std::round(tempo * 2.0) / 2.0 : std::round(tempo);
    p.tempoBpm = std::clamp(tempo, spec.tempoMin, spec.tempoMax);
    p.swingUnitSteps = spec.swingUnitSteps;
    p.swing = a.swings ? round2(rng.uniform(spec.swingMin, spec.swingMax)) : 0.0;
    p.keyIndex = rng.range(0, 11);
    p.mode = rng.chance(spec.minorProbability) ? Mode::Minor : Mode::Major;
    p.timbre = rng.chance(0.8) ? a.primary : a.secondary;
    p.brightness = round2(clamp01(a.brightness + rng.uniform(-0.12, 0.12)));
    p.energy = round2(std::clamp(a.energy + rng.uniform(-0.15, 0.15), spec.energyMin - 0.05,
                                 spec.energyMax + 0.05));
    p.energy = round2(clamp01(p.energy));
    p.loudnessLufs = round2(std::clamp(a.loudness + rng.uniform(-1.0, 1.0)
                                           + (p.energy - 0.5) * 1.5,
                                       -20.0, -8.0));
    p.noise = round2(std::clamp(a.noise * rng.uniform(0.6, 1.4), 0.0, 0.6));
    if (rng.chance(0.05))
        p.noise = round2(rng.uniform(0.25, 0.5)); // the odd badly recorded track
    p.durationSeconds = durationSeconds;
    const auto progressions = progressionsFor(a.style, p.mode);
    p.progression = progressions[rng.below(std::uint32_t(progressions.size()))];
    return p;
}

QString uniqueName(Prng &rng, QSet<QString> &taken, const std::function<QString(Prng &)> &make)
{
    for (int attempt = 0; attempt < 50; ++attempt) {
        const QString candidate = make(rng);
        const QString key = LibraryPlanner::safeFileName(candidate).toCaseFolded();
        if (!taken.contains(key)) {
            taken.insert(key);
            return candidate;
        }
    }
    // Word lists exhausted for this seed: number the name rather than loop forever.
    const QString base = make(rng);
    for (int n = 2;; ++n) {
        const QString candidate = base + QStringLiteral(" %1").arg(n);
        const QString key = LibraryPlanner::safeFileName(candidate).toCaseFolded();
        if (!taken.contains(key)) {
            taken.insert(key);
            return candidate;
        }
    }
}

} // namespace

QString LibraryPlanner::safeFileName(const QString &name)
{
    QString out;
    out.reserve(name.size());
    for (const QChar c : name) {
        if (c.unicode() < 0x20 || QStringLiteral("/\\:*?\"<>|").contains(c))
            out += QLatin1Char('_');
        else
            out += c;
    }
    out = out.trimmed();
    while (out.endsWith(QLatin1Char('.')))
        out.chop(1);
    if (out.isEmpty())
        out = QStringLiteral("_");
    return out.left(100);
}

LibraryPlan LibraryPlanner::plan(std::uint64_t seed, int trackCount, double durationSeconds,
                                 const QList<AudioFormat> &formats)
{
    LibraryPlan plan;
    if (trackCount <= 0 || formats.isEmpty())
        return plan;
    Prng rng = Prng::derive(seed, 0);

    // Styles are dealt like cards: every style comes up once before any repeats, so even a
    // small library spans many styles and tempi.
    std::vector<Style> deck;
    QSet<QString> artistNames;
    int globalIndex = 0;
    while (globalIndex < trackCount) {
        if (deck.empty()) {
            for (int i = 0; i < kStyleCount; ++i)
                deck.push_back(Style(i));
            for (std::size_t i = deck.size() - 1; i > 0; --i)
                std::swap(deck[i], deck[rng.below(std::uint32_t(i + 1))]);
        }
        const Style style = deck.back();
        deck.pop_back();

        const int artistIndex = plan.artistCount++;
        Prng artistRng = Prng::derive(seed, 1000 + std::uint64_t(artistIndex));
        ArtistPlan artist = planArtist(artistRng, style);
        artist.name = uniqueName(artistRng, artistNames,
                                 [style](Prng &r) { return artistName(r, style); });

        // A small library still gets several artists (and so styles): no artist takes more
        // than an eighth of it, beyond its first album of at least four tracks.
        const int albumCount = artistRng.range(1, 3);
        const int artistBudget = std::max(4, trackCount / 8);
        int artistTracks = 0;
        QSet<QString> albumTitles;
        int year = artist.debutYear;
        for (int al = 0; al < albumCount && globalIndex < trackCount; ++al) {
            const int budgetLeft = artistBudget - artistTracks;
            if (al > 0 && budgetLeft < 4)
                break;
            AlbumPlan album;
            album.artist = artist.name;
            album.style = style;
            album.year = year;
            year = std::min(2024, year + artistRng.range(1, 4));
            album.title = uniqueName(artistRng, albumTitles, titleText);
            album.coverSeed = Prng::deriveSeed(seed, 5000000 + plan.albums.size());
            album.relativeDir = safeFileName(album.artist) + QLatin1Char('/')
                + safeFileName(album.title);
            const int albumIndex = int(plan.albums.size());
            const int size = std::min({artistRng.range(4, 12), trackCount - globalIndex,
                                       std::max(4, budgetLeft)});
            artistTracks += size;

            QSet<QString> trackTitles;
            // The title track usually shares the album's name.
            const bool titleTrack = artistRng.chance(0.4);
            const int titleTrackNumber = artistRng.range(1, size);
            for (int n = 1; n <= size; ++n, ++globalIndex) {
                Prng trackRng = Prng::derive(seed, 2000000 + std::uint64_t(globalIndex));
                DemoTrack t;
                t.params = planTrack(trackRng, artist, durationSeconds);
                t.params.renderSeed = Prng::deriveSeed(seed, 3000000 + std::uint64_t(globalIndex));
                if (titleTrack && n == titleTrackNumber
                    && !trackTitles.contains(safeFileName(album.title).toCaseFolded())) {
                    t.title = album.title;
                    trackTitles.insert(safeFileName(album.title).toCaseFolded());
                } else {
                    t.title = uniqueName(trackRng, trackTitles, titleText);
                }
                t.artist = artist.name;
                t.album = album.title;
                t.genres = artist.genres;
                t.year = album.year;
                t.trackNumber = n;
                t.trackTotal = size;
                t.artistIndex = artistIndex;
                t.albumIndex = albumIndex;
                t.format = formats.at(globalIndex % formats.size());
                t.relativePath = album.relativeDir + QLatin1Char('/')
                    + QStringLiteral("%1 ").arg(n, 2, 10, QLatin1Char('0'))
                    + safeFileName(t.title) + QLatin1Char('.') + formatId(t.format);
                plan.tracks.push_back(std::move(t));
            }
            plan.albums.push_back(std::move(album));
        }
    }
    return plan;
}

} // namespace bytewave::synth
