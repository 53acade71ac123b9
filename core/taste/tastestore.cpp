#include "core/taste/tastestore.h"

#include "core/database.h"
#include "core/logging.h"
#include "core/track.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QtEndian>

#include <cmath>
#include <cstring>

namespace bytewave {

std::vector<float> TasteStore::decodeVector(const QByteArray &blob)
{
    std::vector<float> out;
    if (blob.isEmpty() || blob.size() % 4 != 0)
        return out;
    out.resize(size_t(blob.size() / 4));
    const auto *bytes = reinterpret_cast<const uchar *>(blob.constData());
    for (size_t k = 0; k < out.size(); ++k) {
        const quint32 bits = qFromLittleEndian<quint32>(bytes + 4 * k);
        float v;
        std::memcpy(&v, &bits, sizeof(v));
        if (!std::isfinite(v))
            return {};
        out[k] = v;
    }
    return out;
}

bool TasteStore::loadLibrary(TasteLibrary *library)
{
    *library = TasteLibrary();
    QSqlQuery &q = m_db.query(QStringLiteral(
        "SELECT id, title, artist, album_artist, album, genres, duration_ms, missing "
        "FROM tracks ORDER BY id"));
    if (!q.exec()) {
        m_error = QStringLiteral("reading tracks: %1").arg(q.lastError().text());
        return false;
    }
    QHash<qint64, size_t> rowOf;
    while (q.next()) {
        TasteTrack t;
        t.id = q.value(0).toLongLong();
        t.title = q.value(1).toString();
        t.artist = q.value(2).toString();
        t.albumArtist = q.value(3).toString();
        t.album = q.value(4).toString();
        t.genres = Track::splitGenres(q.value(5).toString());
        t.durationS = q.value(6).isNull() ? 0.0 : q.value(6).toDouble() / 1000.0;
        t.missing = q.value(7).toInt() != 0;
        rowOf.insert(t.id, library->tracks.size());
        library->tracks.push_back(std::move(t));
    }
    q.finish();

    // Which extractor version to use: the one most analysed tracks have.
    QSqlQuery &v = m_db.query(QStringLiteral(
        "SELECT extractor_version, count(*) AS n FROM analysis "
        "WHERE similarity IS NOT NULL AND error IS NULL "
        "GROUP BY extractor_version ORDER BY n DESC, extractor_version DESC LIMIT 1"));
    if (!v.exec()) {
        m_error = QStringLiteral("reading analysis: %1").arg(v.lastError().text());
        return false;
    }
    if (!v.next())
        return true; // nothing analysed yet: metadata only
    const int version = v.value(0).toInt();
    v.finish();

    QSqlQuery &a = m_db.query(QStringLiteral(
        "SELECT track_id, similarity FROM analysis "
        "WHERE extractor_version = ? AND similarity IS NOT NULL AND error IS NULL "
        "ORDER BY track_id"));
    a.addBindValue(version);
    if (!a.exec()) {
        m_error = QStringLiteral("reading analysis: %1").arg(a.lastError().text());
        return false;
    }
    const size_t n = library->tracks.size();
    int rejected = 0;
    while (a.next()) {
        const auto row = rowOf.constFind(a.value(0).toLongLong());
        if (row == rowOf.constEnd())
            continue;
        const std::vector<float> vec = decodeVector(a.value(1).toByteArray());
        if (vec.empty()) {
            ++rejected;
            continue;
        }
        if (library->dimension == 0) {
            library->dimension = int(vec.size());
            library->features.assign(n * vec.size(), 0.0f);
            library->analysed.assign(n, 0);
        } else if (int(vec.size()) != library->dimension) {
            ++rejected; // one version, one dimension: a stray row is not comparable
            continue;
        }
        std::memcpy(library->features.data() + *row * vec.size(), vec.data(),
                    vec.size() * sizeof(float));
        library->analysed[*row] = 1;
    }
    a.finish();
    library->extractorVersion = library->dimension > 0 ? version : 0;
    if (rejected > 0)
        qCWarning(lcTaste) << rejected << "similarity vectors were malformed and are ignored";
    return true;
}

std::optional<TasteStore::TrackRow> TasteStore::track(qint64 id)
{
    QSqlQuery &q = m_db.query(QStringLiteral(
        "SELECT id, path, title, artist, album, duration_ms, missing FROM tracks WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec()) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    TrackRow r;
    r.id = q.value(0).toLongLong();
    r.path = q.value(1).toString();
    r.title = q.value(2).toString();
    r.artist = q.value(3).toString();
    r.album = q.value(4).toString();
    r.durationS = q.value(5).isNull() ? 0.0 : q.value(5).toDouble() / 1000.0;
    r.missing = q.value(6).toInt() != 0;
    q.finish();
    return r;
}

} // namespace bytewave
