// The app's analysis wiring: Settings, Up Next and the library reload after new results.
#include "app/analysiscontroller.h"
#include "app/appsettings.h"
#include "app/databasethread.h"
#include "app/taste.h"
#include "core/database.h"
#include "fakequeuesource.h"
#include "testsignals.h"
#include "testtracks.h"

#include <QDir>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace bytewave;
using namespace bytewave::test;

class TestAnalysisController : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_dbPath;
    QList<qint64> m_ids; // oldest added first

    // The order in which the tracks were analysed.
    QList<qint64> analysisOrder()
    {
        Database db;
        if (!db.open(m_dbPath))
            return {};
        QList<qint64> ids;
        QSqlQuery q(db.connection());
        q.exec(QStringLiteral("SELECT track_id FROM analysis ORDER BY analysed_ms, track_id"));
        while (q.next())
            ids << q.value(0).toLongLong();
        return ids;
    }

    // The app's objects around one controller, as App makes them (one analysis job).
    struct Rig
    {
        explicit Rig(const QString &dbPath) : db(dbPath), settings(&db), taste(&source, &db), controller(dbPath, &settings, &taste)
        {
            settings.setAnalysisJobs(1);
        }
        DatabaseThread db;
        AppSettings settings;
        test::FakeQueueSource source;
        Taste taste;
        AnalysisController controller;
    };

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        if (ffmpegPath().isEmpty())
            QSKIP("the ffmpeg CLI is needed to generate test files");
        m_dbPath = m_dir.filePath(QStringLiteral("library.db"));
        Database db;
        QVERIFY(db.open(m_dbPath));
        for (int i = 0; i < 3; ++i) {
            const QString file = m_dir.filePath(QStringLiteral("clip%1.flac").arg(i));
            QVERIFY(writeAudio(file, clickTrack(100 + 20 * i, 4.0, unsigned(i + 1)), 1, kRate,
                               {QStringLiteral("-c:a"), QStringLiteral("flac")}));
            m_ids << addTrackRow(db, file, i + 1);
            QVERIFY(m_ids.last() > 0);
        }
    }

    // Up Next given before the analysis starts (the player restores its queue first) is
    // analysed first, not dropped: the pending list alone is newest first.
    void upNextBeforeStartGoesFirst()
    {
        Rig rig(m_dbPath);
        AnalysisController &controller = rig.controller;
        QSignalSpy analysed(&controller, &AnalysisController::analysed);
        controller.prioritise({m_ids.first()});
        controller.start();
        QVERIFY(analysed.wait(60000));
        QCOMPARE(analysisOrder(), QList<qint64>({m_ids.at(0), m_ids.at(2), m_ids.at(1)}));
    }

    // With nothing left to analyse, a new Up Next or a re-plan after a scan finds nothing to
    // do: that must not reload the library (a model reset under the user's finger).
    void nothingNewNoReload()
    {
        Rig rig(m_dbPath);
        AnalysisController &controller = rig.controller;
        QSignalSpy analysed(&controller, &AnalysisController::analysed);
        // The queue reports its speed (0) when it finishes; then give each step time to finish
        // (nothing to do takes milliseconds).
        QSignalSpy speed(&rig.taste, &Taste::analysisChanged);
        controller.start();
        QTRY_VERIFY_WITH_TIMEOUT(speed.count() >= 1, 30000);
        QTest::qWait(500);
        controller.prioritise({m_ids.at(1), m_ids.at(2)});
        QTest::qWait(1000);
        controller.refresh();
        QTest::qWait(1000);
        QCOMPARE(analysed.count(), 0);

        // A stale analysis (an older extractor's) is redone, and that is news.
        {
            Database direct;
            QVERIFY(direct.open(m_dbPath));
            QSqlQuery &update = direct.query(QStringLiteral("UPDATE analysis SET extractor_version = extractor_version - 1 WHERE track_id = ?"));
            update.addBindValue(m_ids.at(1));
            QVERIFY(update.exec());
        }
        controller.refresh();
        QVERIFY(analysed.wait(60000));
        QCOMPARE(analysisOrder().last(), m_ids.at(1));
    }
};

QTEST_MAIN(TestAnalysisController)
#include "tst_analysiscontroller.moc"
