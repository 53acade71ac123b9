#include "analysis/synth/trackparams.h"

#include <QJsonArray>

#include <array>
#include <cmath>

namespace bytewave::synth {

namespace {

constexpr std::array<const char *, kStyleCount> kStyleIds {
    "house", "techno", "rock", "punk", "hiphop", "jazz", "ambient", "drum-and-bass", "ballad",
    "funk", "reggae", "synthwave", "pop"};
constexpr std::array<const char *, kTimbreCount> kTimbreIds {"saw",   "square", "fm",  "pluck",
                                                             "organ", "piano",  "pad", "guitar"};
constexpr std::array<const char *, 3> kFormatIds {"mp3", "ogg", "flac"};
constexpr std::array<const char *, 12> kKeyNames {"C",  "C#", "D",  "D#", "E",  "F",
                                                  "F#", "G",  "G#", "A",  "A#", "B"};

template<std::size_t N>
int indexOf(const std::array<const char *, N> &ids, const QString &id)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (id == QLatin1String(ids[i]))
            return int(i);
    }
    return -1;
}

// Manifest numbers are rounded so the file reads well and parses back to the exact value the
// audio was rendered with (the planner rounds before rendering).
double round2(double v)
{
    return std::round(v * 100.0) / 100.0;
}

} // namespace

QString styleId(Style style)
{
    return QLatin1String(kStyleIds[std::size_t(style)]);
}

std::optional<Style> styleFromId(const QString &id)
{
    const int i = indexOf(kStyleIds, id);
    return i < 0 ? std::nullopt : std::optional<Style>(Style(i));
}

QList<Style> allStyles()
{
    QList<Style> styles;
    for (int i = 0; i < kStyleCount; ++i)
        styles.append(Style(i));
    return styles;
}

QString timbreId(Timbre timbre)
{
    return QLatin1String(kTimbreIds[std::size_t(timbre)]);
}

std::optional<Timbre> timbreFromId(const QString &id)
{
    const int i = indexOf(kTimbreIds, id);
    return i < 0 ? std::nullopt : std::optional<Timbre>(Timbre(i));
}

QString formatId(AudioFormat format)
{
    return QLatin1String(kFormatIds[std::size_t(format)]);
}

std::optional<AudioFormat> formatFromId(const QString &id)
{
    const int i = indexOf(kFormatIds, id.toLower());
    return i < 0 ? std::nullopt : std::optional<AudioFormat>(AudioFormat(i));
}

QString keyName(int keyIndex)
{
    return QLatin1String(kKeyNames[std::size_t(((keyIndex % 12) + 12) % 12)]);
}

void TrackParams::writeJson(QJsonObject &o) const
{
    o.insert(QStringLiteral("render_seed"), double(renderSeed));
    o.insert(QStringLiteral("style"), styleId(style));
    o.insert(QStringLiteral("tempo_bpm"), round2(tempoBpm));
    o.insert(QStringLiteral("swing"), round2(swing));
    o.insert(QStringLiteral("swing_unit"), swingUnitSteps == 1 ? QStringLiteral("16th")
                                                               : QStringLiteral("8th"));
    o.insert(QStringLiteral("key_index"), keyIndex);
    o.insert(QStringLiteral("key"), keyName(keyIndex));
    o.insert(QStringLiteral("mode"), mode == Mode::Major ? QStringLiteral("major")
                                                         : QStringLiteral("minor"));
    o.insert(QStringLiteral("timbre"), timbreId(timbre));
    o.insert(QStringLiteral("brightness"), round2(brightness));
    o.insert(QStringLiteral("energy"), round2(energy));
    o.insert(QStringLiteral("loudness_lufs"), round2(loudnessLufs));
    o.insert(QStringLiteral("noise"), round2(noise));
    o.insert(QStringLiteral("duration_s"), round2(durationSeconds));
    o.insert(QStringLiteral("beats_per_bar"), 4);
    QJsonArray degrees;
    for (int d : progression)
        degrees.append(d);
    o.insert(QStringLiteral("progression"), degrees);
}

std::optional<TrackParams> TrackParams::fromJson(const QJsonObject &o, QString *error)
{
    auto fail = [error](const QString &what) {
        if (error)
            *error = what;
        return std::nullopt;
    };
    for (const char *key : {"render_seed", "style", "tempo_bpm", "swing", "key_index", "mode",
                            "timbre", "brightness", "energy", "loudness_lufs", "noise",
                            "duration_s"}) {
        if (!o.contains(QLatin1String(key)))
            return fail(QStringLiteral("missing field \"%1\"").arg(QLatin1String(key)));
    }
    TrackParams p;
    p.renderSeed = std::uint64_t(o.value(QStringLiteral("render_seed")).toDouble());
    const auto style = styleFromId(o.value(QStringLiteral("style")).toString());
    const auto timbre = timbreFromId(o.value(QStringLiteral("timbre")).toString());
    if (!style)
        return fail(QStringLiteral("unknown style"));
    if (!timbre)
        return fail(QStringLiteral("unknown timbre"));
    p.style = *style;
    p.timbre = *timbre;
    p.tempoBpm = o.value(QStringLiteral("tempo_bpm")).toDouble();
    p.swing = o.value(QStringLiteral("swing")).toDouble();
    p.swingUnitSteps = o.value(QStringLiteral("swing_unit")).toString() == QStringLiteral("16th")
        ? 1
        : 2;
    p.keyIndex = o.value(QStringLiteral("key_index")).toInt();
    p.mode = o.value(QStringLiteral("mode")).toString() == QStringLiteral("minor") ? Mode::Minor
                                                                                   : Mode::Major;
    p.brightness = o.value(QStringLiteral("brightness")).toDouble();
    p.energy = o.value(QStringLiteral("energy")).toDouble();
    p.loudnessLufs = o.value(QStringLiteral("loudness_lufs")).toDouble();
    p.noise = o.value(QStringLiteral("noise")).toDouble();
    p.durationSeconds = o.value(QStringLiteral("duration_s")).toDouble();
    for (const QJsonValue v : o.value(QStringLiteral("progression")).toArray())
        p.progression.push_back(v.toInt());
    if (!(p.tempoBpm >= 20 && p.tempoBpm <= 400) || p.keyIndex < 0 || p.keyIndex > 11
        || !(p.durationSeconds > 0 && p.durationSeconds <= 3600) || !(p.swing >= 0 && p.swing < 0.5))
        return fail(QStringLiteral("a value is out of range"));
    return p;
}

QJsonObject DemoTrack::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("file"), relativePath);
    o.insert(QStringLiteral("format"), formatId(format));
    o.insert(QStringLiteral("title"), title);
    o.insert(QStringLiteral("artist"), artist);
    o.insert(QStringLiteral("album_artist"), artist);
    o.insert(QStringLiteral("album"), album);
    o.insert(QStringLiteral("genre"), genres.join(QStringLiteral("; ")));
    o.insert(QStringLiteral("year"), year);
    o.insert(QStringLiteral("track_number"), trackNumber);
    o.insert(QStringLiteral("track_total"), trackTotal);
    params.writeJson(o);
    return o;
}

} // namespace bytewave::synth
