#pragma once

// Small, hand-shaped libraries for the taste tests: the feature vectors are made up so that
// the expected neighbours are obvious (clusters), never taken from real analysis.

#include "core/database.h"
#include "core/taste/tastelibrary.h"

#include <QByteArray>
#include <QSqlQuery>
#include <QtEndian>

#include <cstring>
#include <random>

namespace bytewave::fixtures {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr qint64 kT0 = 1798761600000; // 2027-01-01T00:00:00Z

// `clusters` groups of `perCluster` tracks. Cluster c: genre "G<c>", artists "A<c>-<k>"
// (artistsPerCluster of them, in turn), and 8-dim vectors around a cluster centre far from
// the others. Track ids are 1..N in cluster order; titles "T<id>".
inline TasteLibrary clusteredLibrary(int clusters, int perCluster, int artistsPerCluster = 2,
                                     double analysedShare = 1.0, unsigned seed = 1)
{
    TasteLibrary lib;
    lib.dimension = 8;
    std::mt19937 rng(seed);
    std::normal_distribution<float> noise(0.0f, 0.3f);
    for (int c = 0; c < clusters; ++c) {
        for (int k = 0; k < perCluster; ++k) {
            TasteTrack t;
            t.id = qint64(c) * perCluster + k + 1;
            t.title = QStringLiteral("T%1").arg(t.id);
            t.artist = QStringLiteral("A%1-%2").arg(c).arg(k % artistsPerCluster);
            t.albumArtist = t.artist;
            t.album = QStringLiteral("Album %1").arg(t.artist);
            t.genres = {QStringLiteral("G%1").arg(c)};
            t.durationS = 200;
            lib.tracks.push_back(t);
            for (int d = 0; d < lib.dimension; ++d)
                lib.features.push_back((d == c % lib.dimension ? 6.0f : 0.0f) + float(c / lib.dimension) * 3.0f + noise(rng));
            const bool analysed = double(k) < analysedShare * perCluster;
            lib.analysed.push_back(analysed ? 1 : 0);
        }
    }
    lib.extractorVersion = 1;
    return lib;
}

inline QByteArray floatBlob(const float *values, int n)
{
    QByteArray blob(n * 4, Qt::Uninitialized);
    for (int k = 0; k < n; ++k) {
        quint32 bits;
        std::memcpy(&bits, values + k, 4);
        qToLittleEndian(bits, blob.data() + 4 * k);
    }
    return blob;
}

// Writes a library into an open database: tracks rows and analysis rows (similarity blobs).
inline bool writeLibrary(Database &db, const TasteLibrary &lib)
{
    return db.transaction([&] {
        for (size_t i = 0; i < lib.tracks.size(); ++i) {
            const TasteTrack &t = lib.tracks[i];
            QSqlQuery &q = db.query(QStringLiteral(
                "INSERT INTO tracks (id, path, size, mtime_ms, title, artist, album_artist, album, genres, "
                "duration_ms, missing, added_ms, updated_ms) VALUES (?, ?, 1, 1, ?, ?, ?, ?, ?, ?, ?, 0, 0)"));
            q.addBindValue(t.id);
            q.addBindValue(QStringLiteral("/music/%1.ogg").arg(t.id));
            q.addBindValue(t.title);
            q.addBindValue(t.artist);
            q.addBindValue(t.albumArtist);
            q.addBindValue(t.album);
            q.addBindValue(t.genres.join(QStringLiteral("; ")));
            q.addBindValue(qint64(t.durationS * 1000));
            q.addBindValue(t.missing ? 1 : 0);
            if (!q.exec())
                return false;
            if (!lib.analysed.empty() && lib.analysed[i]) {
                QSqlQuery &a = db.query(QStringLiteral(
                    "INSERT INTO analysis (track_id, extractor_version, source_size, source_mtime_ms, "
                    "analysed_ms, similarity) VALUES (?, 1, 1, 1, 0, ?)"));
                a.addBindValue(t.id);
                a.addBindValue(floatBlob(lib.features.data() + i * size_t(lib.dimension), lib.dimension));
                if (!a.exec())
                    return false;
            }
        }
        return true;
    });
}

// The first column of the first row of an SQL query on the database at path; -1 on failure.
inline qint64 scalar(const QString &path, const QString &sql)
{
    Database db;
    if (!db.open(path))
        return -1;
    QSqlQuery q(db.connection());
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace bytewave::fixtures
