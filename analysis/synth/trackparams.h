#pragma once

// What the demo-library generator decides for one track, as plain values: the musical
// parameters that drive the synthesiser (TrackParams) and the library metadata around them
// (DemoTrack). Both map one to one onto docs/demo-library.md and the manifest contract
// (notes: manifest.md): field names there are a fixed contract with the analysis evaluation and
// the taste simulation.

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace bytewave::synth {

enum class Style {
    House,
    Techno,
    Rock,
    Punk,
    HipHop,
    Jazz,
    Ambient,
    DrumAndBass,
    Ballad,
    Funk,
    Reggae,
    Synthwave,
    Pop,
};
inline constexpr int kStyleCount = 13;

// The lead/chord instrument family.
enum class Timbre { Saw, Square, Fm, Pluck, Organ, Piano, Pad, Guitar };
inline constexpr int kTimbreCount = 8;

enum class Mode { Major, Minor };

enum class AudioFormat { Mp3, Ogg, Flac };

QString styleId(Style style);
std::optional<Style> styleFromId(const QString &id);
QList<Style> allStyles();
QString timbreId(Timbre timbre);
std::optional<Timbre> timbreFromId(const QString &id);
QString formatId(AudioFormat format); // "mp3", "ogg", "flac": also the file extension
std::optional<AudioFormat> formatFromId(const QString &id);
QString keyName(int keyIndex); // 0 = "C" .. 11 = "B" (sharps)

// Everything the synthesiser needs to render one track; rendering is a pure function of it.
struct TrackParams
{
    std::uint64_t renderSeed = 1; // < 2^52 so it survives JSON; drives every micro decision
    Style style = Style::Pop;
    double tempoBpm = 120.0;  // the beat a listener taps (kick/snare pulse), quarter notes
    double swing = 0.0;       // 0 = straight .. 0.333 = triplet feel, on swingUnitSteps
    int swingUnitSteps = 2;   // swung subdivision in 16th steps: 2 = eighths, 1 = sixteenths
    int keyIndex = 0;         // tonic pitch class, 0 = C .. 11 = B
    Mode mode = Mode::Major;
    Timbre timbre = Timbre::Piano;
    double brightness = 0.5;  // 0..1, spectral tilt of the mix (dark .. bright)
    double energy = 0.5;      // 0..1, density and intensity of the arrangement
    double loudnessLufs = -14.0; // target integrated loudness (BS.1770) the mix is scaled to
    double noise = 0.0;       // 0..1, hiss level: signal-to-hiss ratio is 40·(1 − noise) dB
    double durationSeconds = 30.0;
    std::vector<int> progression; // chord roots as scale degrees 0..6, one chord per bar (or two)

    // The musical fields as manifest keys (a subset of a manifest track object).
    void writeJson(QJsonObject &object) const;
    // Reads the fields writeJson writes; returns nullopt (and *error) when one is missing or bad.
    static std::optional<TrackParams> fromJson(const QJsonObject &object, QString *error = nullptr);
};

// One track of a demo library: parameters plus tags and where the file goes.
struct DemoTrack
{
    TrackParams params;
    QString title;
    QString artist;
    QString album;
    QStringList genres; // written as a multi-valued tag; the manifest joins them with "; "
    int year = 0;
    int trackNumber = 0;
    int trackTotal = 0;
    int artistIndex = 0;
    int albumIndex = 0; // index into the library's albums (one cover each)
    AudioFormat format = AudioFormat::Mp3;
    QString relativePath; // "Artist/Album/NN Title.ext", '/'-separated, relative to the folder

    QJsonObject toJson() const;
};

} // namespace bytewave::synth
