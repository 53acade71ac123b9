// LibrarySnapshot::load: what the GUI gets from the tracks and analysis tables, here the
// analysis results shown on Now Playing (tempo, key, energy) and the loudness for normalisation.
#include "app/librarysnapshot.h"
#include "core/database.h"
#include "testtracks.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace bytewave;
using namespace bytewave::test;

class TestLibrarySnapshot : public QObject
{
    Q_OBJECT

private slots:
    void analysisResults();
};

void TestLibrarySnapshot::analysisResults()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Database db;
    QVERIFY(db.open(dir.filePath(QStringLiteral("library.db"))));
    QList<qint64> ids;
    for (const char *name : {"tonal", "drums", "failed", "fresh"}) {
        const QString path = dir.filePath(QString::fromLatin1(name) + QStringLiteral(".flac"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        ids << addTrackRow(db, path, 1, QString::fromLatin1(name));
        QVERIFY(ids.last() > 0);
    }
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral(
        "INSERT INTO analysis (track_id, extractor_version, source_size, source_mtime_ms, analysed_ms, error, "
        "                      loudness_lufs, tempo_bpm, key, mode, key_strength, energy) "
        "VALUES (?, 7, 0, 0, 0, ?, ?, ?, ?, ?, ?, ?)"));
    const auto insert = [&](qint64 id, const QVariant &error, const QVariant &lufs, const QVariant &bpm,
                            const QVariant &key, const QVariant &mode, const QVariant &strength, const QVariant &energy) {
        for (const QVariant &v : {QVariant(id), error, lufs, bpm, key, mode, strength, energy})
            q.addBindValue(v);
        return q.exec();
    };
    const QVariant null;
    // A tonal track; a drum loop (no key worth naming, no steady pulse stored as NULL); a file
    // the analysis could not read; "fresh" has no analysis row yet.
    QVERIFY(insert(ids[0], null, -9.5, 124.2, 9, 1, 0.82, 0.7));
    QVERIFY(insert(ids[1], null, -11.0, null, 2, 0, 0.2, 0.9));
    QVERIFY(insert(ids[2], QStringLiteral("not audio"), null, null, null, null, null, null));

    const auto snapshot = LibrarySnapshot::load(db);
    QCOMPARE(snapshot->tracks.size(), 4);
    const TrackInfo *tonal = snapshot->track(ids[0]);
    QVERIFY(tonal);
    QCOMPARE(tonal->loudnessLufs, -9.5);
    QCOMPARE(tonal->tempoBpm, 124.2);
    QCOMPARE(tonal->key, 9);
    QCOMPARE(tonal->mode, 1);
    QCOMPARE(tonal->energy, 0.7);
    const TrackInfo *drums = snapshot->track(ids[1]);
    QVERIFY(drums);
    QCOMPARE(drums->tempoBpm, 0.0);
    QCOMPARE(drums->key, -1); // strength 0.2: too weakly tonal to name
    QCOMPARE(drums->energy, 0.9);
    for (const qint64 id : {ids[2], ids[3]}) {
        const TrackInfo *t = snapshot->track(id);
        QVERIFY(t);
        QVERIFY(std::isnan(t->loudnessLufs));
        QCOMPARE(t->tempoBpm, 0.0);
        QCOMPARE(t->key, -1);
        QVERIFY(std::isnan(t->energy));
    }
}

QTEST_GUILESS_MAIN(TestLibrarySnapshot)
#include "tst_librarysnapshot.moc"
