#include "analysis/analysisqueue.h"
#include "analysis/analysisstore.h"
#include "analysis/trackanalyzer.h"
#include "core/database.h"
#include "testsignals.h"
#include "testtracks.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <thread>

#ifdef Q_OS_LINUX
#include <sys/syscall.h>
#include <unistd.h>
#endif

using namespace bytewave;
using namespace bytewave::test;

namespace {

#ifdef Q_OS_LINUX
constexpr int kIoprioWhoProcess = 1; // with a thread id: that thread only

long ioPriority(int tid)
{
    return ::syscall(SYS_ioprio_get, kIoprioWhoProcess, tid);
}

// Whether an I/O priority set on a thread reads back: a scratch thread sets its own.
bool kernelKeepsIoPriority(long priority)
{
    long readBack = -1;
    std::thread probe([&] {
        const auto tid = int(::syscall(SYS_gettid));
        if (::syscall(SYS_ioprio_set, kIoprioWhoProcess, tid, priority) == 0)
            readBack = ioPriority(tid);
    });
    probe.join();
    return readBack == priority;
}

// Thread id -> nice value, for this process's threads named analysis-N.
QHash<int, int> analysisThreadNices()
{
    QHash<int, int> nice;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        QFile stat(tasks.filePath(tid + QStringLiteral("/stat")));
        if (!comm.open(QIODevice::ReadOnly) || !stat.open(QIODevice::ReadOnly)
            || !comm.readAll().startsWith("analysis-"))
            continue;
        // Fields after the ")" that closes the name start at field 3; nice is field 19.
        const QByteArray line = stat.readAll();
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 16)
            nice.insert(tid.toInt(), fields.at(16).toInt());
    }
    return nice;
}
#endif

QStringList flac()
{
    return {QStringLiteral("-c:a"), QStringLiteral("flac")};
}

struct Row
{
    bool exists = false;
    bool hasFeatures = false;
    bool hasSimilarity = false;
    QString error;
    double tempo = 0;
    qint64 analysedMs = 0;
    int version = 0;
};

} // namespace

// The background queue against a real database and real files: a small library of generated
// clips, two of which cannot be analysed.
class TestAnalysisQueue : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_dbPath;
    Database m_db;
    QHash<QString, qint64> m_ids; // by file name
    qint64 m_nextAdded = 1000;

    QString file(const QString &name) const { return m_dir.filePath(QStringLiteral("music/") + name); }

    // Inserts or updates the tracks row as the scanner would (size and mtime from stat).
    qint64 upsertTrack(const QString &name)
    {
        struct stat st {};
        if (::stat(QFile::encodeName(file(name)).constData(), &st) != 0)
            return 0;
        const qint64 mtime = qint64(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
        if (m_ids.contains(name)) {
            QSqlQuery &q = m_db.query(QStringLiteral("UPDATE tracks SET size = ?, mtime_ms = ? WHERE id = ?"));
            q.addBindValue(qint64(st.st_size));
            q.addBindValue(mtime);
            q.addBindValue(m_ids.value(name));
            return q.exec() ? m_ids.value(name) : 0;
        }
        const qint64 id = addTrackRow(m_db, file(name), m_nextAdded++, name);
        if (id == 0)
            return 0;
        m_ids.insert(name, id);
        return id;
    }

    Row row(const QString &name)
    {
        Row r;
        QSqlQuery &q = m_db.query(QStringLiteral(
            "SELECT features IS NOT NULL, similarity IS NOT NULL, error, coalesce(tempo_bpm, 0), analysed_ms, "
            "extractor_version FROM analysis WHERE track_id = ?"));
        q.addBindValue(m_ids.value(name));
        if (q.exec() && q.next()) {
            r.exists = true;
            r.hasFeatures = q.value(0).toBool();
            r.hasSimilarity = q.value(1).toBool();
            r.error = q.value(2).toString();
            r.tempo = q.value(3).toDouble();
            r.analysedMs = q.value(4).toLongLong();
            r.version = q.value(5).toInt();
        }
        q.finish();
        return r;
    }

    // Runs a queue to completion; returns the ids it analysed or failed, in order.
    QList<qint64> runQueue(int jobs, const QList<qint64> &priority = {})
    {
        AnalysisQueue queue(m_dbPath, jobs);
        QList<qint64> order;
        connect(&queue, &AnalysisQueue::trackAnalysed, this, [&](qint64 id, bool, const QString &) { order.append(id); });
        QSignalSpy finished(&queue, &AnalysisQueue::finished);
        if (!priority.isEmpty())
            queue.prioritise(priority);
        queue.start();
        if (!finished.wait(120000))
            qWarning() << "queue did not finish";
        return order;
    }

    qint64 pending()
    {
        AnalysisStore store(m_db);
        const auto c = store.counts();
        return c ? c->pending : -1;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        if (ffmpegPath().isEmpty())
            QSKIP("the ffmpeg CLI is needed to generate test files");
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("music"))));
        m_dbPath = m_dir.filePath(QStringLiteral("library.db"));
        QVERIFY2(m_db.open(m_dbPath), qPrintable(m_db.errorString()));

        int n = 0;
        for (double bpm : {90.0, 110.0, 128.0, 140.0}) {
            const QString name = QStringLiteral("clip%1.flac").arg(n++);
            QVERIFY(writeAudio(file(name), clickTrack(bpm, 8.0, unsigned(n)), 1, kRate, flac()));
            QVERIFY(upsertTrack(name) > 0);
        }
        QVERIFY(writeAudio(file(QStringLiteral("short.flac")), sine(440, 0.5, 0.3), 1, kRate, flac()));
        QVERIFY(upsertTrack(QStringLiteral("short.flac")) > 0);
        QFile text(file(QStringLiteral("notes.mp3")));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write(QByteArray("not audio\n").repeated(200));
        text.close();
        QVERIFY(upsertTrack(QStringLiteral("notes.mp3")) > 0);
    }

    void defaultJobsLeavesACoreFree()
    {
        QCOMPARE(AnalysisQueue::defaultJobs(), std::max(1, QThread::idealThreadCount() - 1));
        AnalysisQueue queue(m_dbPath, 3);
        QCOMPARE(queue.jobs(), 3);
        AnalysisQueue byDefault(m_dbPath);
        QCOMPARE(byDefault.jobs(), AnalysisQueue::defaultJobs());
    }

#ifdef Q_OS_LINUX
    // Every analysis thread runs at nice 19, so the player and the UI always win the CPU.
    void threadsRunAtLowPriority()
    {
        AnalysisQueue queue(m_dbPath, 2);
        // At least this queue's two (a thread of an earlier queue may still be ending).
        QTRY_VERIFY_WITH_TIMEOUT(analysisThreadNices().size() >= 2, 10000);
        const QHash<int, int> threads = analysisThreadNices();
        for (auto it = threads.cbegin(); it != threads.cend(); ++it)
            QCOMPARE(it.value(), AnalysisQueue::kNice);
    }

    // ... and at the lowest best-effort I/O priority, so the player wins the disk. Checked only
    // where the kernel keeps a thread's I/O priority: some sandboxes accept ioprio_set and
    // ignore it, and nothing in ByteWave can change that.
    void threadsRunAtLowIoPriority()
    {
        constexpr long lowestBestEffort = (2 << 13) | 7;
        if (!kernelKeepsIoPriority(lowestBestEffort))
            QSKIP("this kernel does not keep a thread's I/O priority (ioprio_set is ignored)");
        AnalysisQueue queue(m_dbPath, 2);
        QTRY_VERIFY_WITH_TIMEOUT(analysisThreadNices().size() >= 2, 10000);
        for (const int tid : analysisThreadNices().keys())
            QCOMPARE(ioPriority(tid), lowestBestEffort);
    }
#endif

    // Pausing before the plan arrives holds everything; resume then analyses the library.
    void pauseHoldsAndResumeContinues()
    {
        AnalysisQueue queue(m_dbPath, 2);
        QSignalSpy finished(&queue, &AnalysisQueue::finished);
        QSignalSpy paused(&queue, &AnalysisQueue::pausedChanged);
        queue.start();
        queue.pause();
        QVERIFY(queue.isPaused());
        QCOMPARE(paused.count(), 1);
        // The plan arrives (total known) but, paused, nothing is analysed.
        QTRY_COMPARE_WITH_TIMEOUT(queue.total(), qint64(6), 60000);
        QTest::qWait(200);
        QCOMPARE(queue.done(), 0);
        QVERIFY(!queue.isRunning());
        QCOMPARE(pending(), 6);
        queue.resume();
        QVERIFY(finished.wait(120000));
        QCOMPARE(queue.done(), 6);
        QCOMPARE(queue.failed(), 2);
        QCOMPARE(queue.total(), 6);
        QVERIFY(queue.rate() > 0);
        QVERIFY(!queue.isRunning());
    }

    void resultsAreRecorded()
    {
        for (int i = 0; i < 4; ++i) {
            const Row r = row(QStringLiteral("clip%1.flac").arg(i));
            QVERIFY(r.exists);
            QVERIFY(r.hasFeatures && r.hasSimilarity);
            QVERIFY(r.error.isEmpty());
            QVERIFY(r.tempo > 0);
            QCOMPARE(r.version, TrackAnalyzer::kExtractorVersion);
        }
        const Row shortRow = row(QStringLiteral("short.flac"));
        QVERIFY(shortRow.exists && !shortRow.hasFeatures && !shortRow.hasSimilarity);
        QVERIFY2(shortRow.error.contains(QStringLiteral("too short")), qPrintable(shortRow.error));
        const Row bad = row(QStringLiteral("notes.mp3"));
        QVERIFY(bad.exists && !bad.hasFeatures);
        QVERIFY(!bad.error.isEmpty());
        QCOMPARE(pending(), 0);

        AnalysisStore store(m_db);
        const auto stored = store.load(m_ids.value(QStringLiteral("clip2.flac")));
        QVERIFY(stored && stored->features);
        QVERIFY(std::abs(stored->features->value(Feature::TempoBpm) - 128.0f) < 2.0f);
        QCOMPARE(int(stored->similarity.size()), kSimilarityDims);
    }

    // A restart derives its work from the database: nothing is current-but-pending, and
    // failures are not retried while their files are unchanged.
    void unchangedFailuresAreNotRetried()
    {
        const qint64 before = row(QStringLiteral("notes.mp3")).analysedMs;
        QCOMPARE(runQueue(2), QList<qint64>{});
        QCOMPARE(row(QStringLiteral("notes.mp3")).analysedMs, before);
    }

    // A changed file (the scanner updated its size/mtime) is analysed again; so is a fixed one.
    void changedFilesAreReanalysed()
    {
        QVERIFY(QFile::remove(file(QStringLiteral("clip0.flac"))));
        QVERIFY(writeAudio(file(QStringLiteral("clip0.flac")), clickTrack(100, 9.0, 42), 1, kRate, flac()));
        QVERIFY(upsertTrack(QStringLiteral("clip0.flac")) > 0);
        QVERIFY(QFile::remove(file(QStringLiteral("notes.mp3"))));
        QVERIFY(writeAudio(file(QStringLiteral("notes.mp3")), clickTrack(150, 6.0), 1, kRate,
                           {QStringLiteral("-c:a"), QStringLiteral("libmp3lame"), QStringLiteral("-f"), QStringLiteral("mp3")}));
        QVERIFY(upsertTrack(QStringLiteral("notes.mp3")) > 0);
        QCOMPARE(pending(), 2);

        const QList<qint64> done = runQueue(1);
        QCOMPARE(done.size(), 2);
        QVERIFY(done.contains(m_ids.value(QStringLiteral("clip0.flac"))));
        QVERIFY(std::abs(row(QStringLiteral("clip0.flac")).tempo - 100.0) < 2.0);
        const Row fixed = row(QStringLiteral("notes.mp3"));
        QVERIFY2(fixed.hasFeatures && fixed.error.isEmpty(), qPrintable(fixed.error));
        QVERIFY(std::abs(fixed.tempo - 150.0) < 3.0);
    }

    // An older extractor version makes exactly those rows stale.
    void versionBumpReanalysesOnlyStaleTracks()
    {
        QSqlQuery q(m_db.connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE analysis SET extractor_version = 0 WHERE track_id = %1")
                           .arg(m_ids.value(QStringLiteral("clip3.flac")))));
        QCOMPARE(runQueue(2), QList<qint64>{m_ids.value(QStringLiteral("clip3.flac"))});
        QCOMPARE(row(QStringLiteral("clip3.flac")).version, TrackAnalyzer::kExtractorVersion);
    }

    // The tracks row lagging behind the file on disk must not loop: analysed once, then skipped.
    void laggingTracksRowDoesNotLoop()
    {
        QVERIFY(QFile::remove(file(QStringLiteral("clip1.flac"))));
        QVERIFY(writeAudio(file(QStringLiteral("clip1.flac")), clickTrack(120, 7.0, 9), 1, kRate, flac()));
        // The scanner has not run: tracks still has the old size. The file differs from the
        // analysis row, so it is analysed once ...
        QSqlQuery q(m_db.connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE analysis SET source_size = 1 WHERE track_id = %1")
                           .arg(m_ids.value(QStringLiteral("clip1.flac")))));
        QCOMPARE(runQueue(1).size(), 1);
        // ... and then, although tracks and analysis still disagree, left alone.
        QVERIFY(pending() > 0);
        QCOMPARE(runQueue(1).size(), 0);
        QVERIFY(upsertTrack(QStringLiteral("clip1.flac")) > 0);
        QCOMPARE(pending(), 0);
    }

    void missingTracksAreSkipped()
    {
        QSqlQuery q(m_db.connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE tracks SET missing = 1 WHERE id = %1").arg(m_ids.value(QStringLiteral("clip2.flac")))));
        QVERIFY(q.exec(QStringLiteral("UPDATE analysis SET extractor_version = 0 WHERE track_id = %1")
                           .arg(m_ids.value(QStringLiteral("clip2.flac")))));
        QCOMPARE(runQueue(1), QList<qint64>{});
        QVERIFY(q.exec(QStringLiteral("UPDATE tracks SET missing = 0 WHERE id = %1").arg(m_ids.value(QStringLiteral("clip2.flac")))));
        QCOMPARE(runQueue(1).size(), 1);
    }

    // With one worker, prioritised tracks are analysed first, in the order asked; the rest
    // newest-added first.
    void prioritiseGoesFirst()
    {
        QSqlQuery q(m_db.connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE analysis SET extractor_version = 0")));
        const qint64 oldest = m_ids.value(QStringLiteral("clip0.flac"));
        const qint64 second = m_ids.value(QStringLiteral("clip1.flac"));
        const QList<qint64> order = runQueue(1, {second, oldest});
        QCOMPARE(order.size(), 6);
        QCOMPARE(order.at(0), second);
        QCOMPARE(order.at(1), oldest);
        // Then newest added first.
        QCOMPARE(order.at(2), m_ids.value(QStringLiteral("notes.mp3")));
        QCOMPARE(order.at(3), m_ids.value(QStringLiteral("short.flac")));
    }

    // Pausing mid-run interrupts the tracks in hand; they are put back and each track is still
    // recorded exactly once.
    void pauseMidRunLosesNothing()
    {
        QSqlQuery q(m_db.connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE analysis SET extractor_version = 0")));
        AnalysisQueue queue(m_dbPath, 2);
        QHash<qint64, int> seen;
        connect(&queue, &AnalysisQueue::trackAnalysed, this, [&](qint64 id, bool, const QString &) {
            seen[id] += 1;
            if (seen.size() == 1)
                queue.pause();
        });
        QSignalSpy finished(&queue, &AnalysisQueue::finished);
        queue.start();
        QTRY_VERIFY_WITH_TIMEOUT(queue.isPaused(), 60000);
        const qint64 doneAtPause = queue.done();
        QTest::qWait(200);
        QVERIFY(queue.done() <= doneAtPause + 1); // at most the one that was already being written
        queue.resume();
        QVERIFY(finished.wait(120000));
        QCOMPARE(seen.size(), 6);
        for (auto it = seen.cbegin(); it != seen.cend(); ++it)
            QCOMPARE(it.value(), 1);
        QCOMPARE(pending(), 0);
    }

    // Destroying the queue while it works stops promptly and cleanly.
    void destroyWhileRunning()
    {
        QSqlQuery q(m_db.connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE analysis SET extractor_version = 0")));
        {
            AnalysisQueue queue(m_dbPath, 2);
            QSignalSpy analysed(&queue, &AnalysisQueue::trackAnalysed);
            queue.start();
            QVERIFY(analysed.wait(60000));
        }
        // As after a restart: a new queue does the rest, each remaining track exactly once.
        const qint64 left = pending();
        QVERIFY(left >= 0 && left < 6);
        const QList<qint64> order = runQueue(2);
        QCOMPARE(order.size(), left);
        QCOMPARE(QSet<qint64>(order.cbegin(), order.cend()).size(), left);
        QCOMPARE(pending(), 0);
    }

    // Progress for the UI and the CLI: done of total, a rate once something is done, and an
    // estimate of the time left that reaches 0 at the end.
    void progressHasRateAndEta()
    {
        QSqlQuery q(m_db.connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE analysis SET extractor_version = 0")));
        AnalysisQueue queue(m_dbPath, 1);
        QCOMPARE(queue.etaSeconds(), -1.0); // unknown before anything is done
        QList<double> etas;    // after each track
        QList<qint64> totals;  // the same
        connect(&queue, &AnalysisQueue::progressChanged, this, [&] {
            if (queue.done() > etas.size()) {
                etas.append(queue.etaSeconds());
                totals.append(queue.total());
            }
        });
        QSignalSpy finished(&queue, &AnalysisQueue::finished);
        queue.start();
        QVERIFY(finished.wait(120000));
        QCOMPARE(etas.size(), 6);
        QCOMPARE(totals, QList<qint64>(6, 6));
        QVERIFY2(etas.first() > 0, qPrintable(QString::number(etas.first())));
        QVERIFY(queue.rate() > 0);
        QCOMPARE(queue.done(), 6);
        QCOMPARE(queue.etaSeconds(), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestAnalysisQueue)
#include "tst_analysisqueue.moc"
