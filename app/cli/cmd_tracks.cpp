#include "app/cli/cli.h"

#include "core/trackquery.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

namespace bytewave::cli {
namespace {

QJsonValue numberOrNull(qint64 v)
{
    return v > 0 ? QJsonValue(double(v)) : QJsonValue();
}

QJsonValue realOrNull(double v)
{
    return std::isnan(v) ? QJsonValue() : QJsonValue(v);
}

QJsonObject toJson(const Track &t)
{
    return QJsonObject{
        {QStringLiteral("id"), t.id},
        {QStringLiteral("path"), t.path},
        {QStringLiteral("size"), t.size},
        {QStringLiteral("mtime_ms"), t.mtimeMs},
        {QStringLiteral("title"), t.title},
        {QStringLiteral("artist"), t.artist},
        {QStringLiteral("album_artist"), t.albumArtist},
        {QStringLiteral("album"), t.album},
        {QStringLiteral("genres"), QJsonArray::fromStringList(t.genres)},
        {QStringLiteral("track_number"), numberOrNull(t.trackNumber)},
        {QStringLiteral("disc_number"), numberOrNull(t.discNumber)},
        {QStringLiteral("year"), numberOrNull(t.year)},
        {QStringLiteral("duration_ms"), numberOrNull(t.durationMs)},
        {QStringLiteral("codec"), t.codec},
        {QStringLiteral("sample_rate"), numberOrNull(t.sampleRate)},
        {QStringLiteral("channels"), numberOrNull(t.channels)},
        {QStringLiteral("bitrate_kbps"), numberOrNull(t.bitrateKbps)},
        {QStringLiteral("cover"), t.cover},
        {QStringLiteral("replaygain_db"), realOrNull(t.replayGainDb)},
        {QStringLiteral("replaygain_peak"), realOrNull(t.replayGainPeak)},
        {QStringLiteral("content_key"), t.contentKey},
        {QStringLiteral("scan_error"), t.scanError.isEmpty() ? QJsonValue() : QJsonValue(t.scanError)},
        {QStringLiteral("missing"), t.missing},
        {QStringLiteral("added_ms"), t.addedMs},
    };
}

QString formatDuration(qint64 ms)
{
    const qint64 s = (ms + 500) / 1000;
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

int runTracks(Invocation &inv)
{
    auto textOption = [&](const char *name, const char *help, const char *value) {
        inv.parser.addOption({QString::fromLatin1(name), QString::fromLatin1(help), QString::fromLatin1(value)});
    };
    textOption("artist", "Only tracks whose artist or album artist contains TEXT.", "TEXT");
    textOption("album", "Only tracks whose album contains TEXT.", "TEXT");
    textOption("genre", "Only tracks with the genre NAME.", "NAME");
    textOption("search", "Only tracks whose title, artist, album or genres contain TEXT.", "TEXT");
    textOption("limit", "At most N tracks.", "N");
    inv.parser.addOption({QStringLiteral("missing"), QStringLiteral("Only tracks whose file is missing.")});
    inv.parser.addOption({QStringLiteral("failed"), QStringLiteral("Only files that could not be read.")});
    int code = ExitOk;
    if (!inv.parse(&code,
                   QStringLiteral("List the library's tracks, ordered by album artist, album and "
                                  "track number. --json prints every column."),
                   0, 0))
        return code;

    TrackFilter filter;
    filter.artist = inv.parser.value(QStringLiteral("artist"));
    filter.album = inv.parser.value(QStringLiteral("album"));
    filter.genre = inv.parser.value(QStringLiteral("genre"));
    filter.search = inv.parser.value(QStringLiteral("search"));
    filter.missing = inv.parser.isSet(QStringLiteral("missing"));
    filter.failed = inv.parser.isSet(QStringLiteral("failed"));
    if (inv.parser.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        filter.limit = inv.parser.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || filter.limit < 1)
            return inv.usageError(QStringLiteral("--limit needs a positive number"));
    }

    Database db;
    if (!inv.openDatabase(db, &code))
        return code;
    TrackQuery query(db);
    QList<Track> tracks;
    if (!query.find(filter, &tracks))
        return inv.error(ExitIoErr, query.errorString());

    if (inv.json()) {
        QJsonArray array;
        for (const Track &t : std::as_const(tracks))
            array.append(toJson(t));
        inv.printJson(array);
        return ExitOk;
    }
    for (const Track &t : std::as_const(tracks)) {
        inv.out << QStringLiteral("%1").arg(t.id, 6) << "  " << t.artist << " – " << t.title;
        if (!t.album.isEmpty())
            inv.out << "  (" << t.album << ')';
        if (t.durationMs > 0)
            inv.out << "  " << formatDuration(t.durationMs);
        if (t.missing)
            inv.out << "  [missing]";
        if (!t.scanError.isEmpty())
            inv.out << "  [unreadable: " << t.scanError << ']';
        inv.out << '\n';
    }
    inv.out.flush();
    if (tracks.isEmpty())
        inv.err << "No tracks" << (filter.missing || filter.failed || !filter.artist.isEmpty()
                                           || !filter.album.isEmpty() || !filter.genre.isEmpty()
                                           || !filter.search.isEmpty()
                                       ? " match."
                                       : " yet: bytewave-cli scan DIR adds a music folder.")
                << '\n';
    inv.err.flush();
    return ExitOk;
}

BYTEWAVE_CLI_COMMAND("tracks", "List and filter the library's tracks", runTracks)

} // namespace
} // namespace bytewave::cli
