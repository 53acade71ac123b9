#include "app/cli/cli.h"

#include "analysis/analysisqueue.h"
#include "analysis/analysisstore.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>

namespace bytewave::cli {
namespace {

int runAnalyze(Invocation &inv)
{
    inv.parser.addOption({QStringLiteral("jobs"),
                          QStringLiteral("Analysis threads (default: cores - 1 = %1).").arg(AnalysisQueue::defaultJobs()),
                          QStringLiteral("N")});
    int code = ExitOk;
    if (!inv.parse(&code,
                   QStringLiteral("Analyse every track that has no current analysis: tempo, loudness, "
                                  "key, timbre. Resumable: stop it any time and run it again."),
                   0, 0))
        return code;
    int jobs = 0;
    if (inv.parser.isSet(QStringLiteral("jobs"))) {
        bool ok = false;
        jobs = inv.parser.value(QStringLiteral("jobs")).toInt(&ok);
        if (!ok || jobs < 1 || jobs > 256)
            return inv.usageError(QStringLiteral("--jobs needs a number from 1 to 256"));
    }

    // Opened (and migrated) here before the workers open their own connections to it.
    Database db;
    if (!inv.openDatabase(db, &code))
        return code;
    AnalysisStore store(db);
    const auto before = store.counts();
    if (!before)
        return inv.error(ExitIoErr, store.errorString());

    AnalysisQueue queue(db.path(), jobs);
    QList<qint64> failedIds;
    QHash<qint64, QString> errors;
    QString fatal;
    QEventLoop loop;
    QElapsedTimer clock;
    clock.start();
    {
        Progress progress(inv.err, QStringLiteral("Analysing"));
        QObject::connect(&queue, &AnalysisQueue::progressChanged, &loop, [&] {
            if (queue.total() > 0)
                progress.update(queue.done(), queue.total());
        });
        QObject::connect(&queue, &AnalysisQueue::trackAnalysed, &loop,
                         [&](qint64 id, bool ok, const QString &error) {
                             if (!ok) {
                                 failedIds.append(id);
                                 errors.insert(id, error);
                             }
                         });
        QObject::connect(&queue, &AnalysisQueue::finished, &loop, &QEventLoop::quit);
        QObject::connect(&queue, &AnalysisQueue::errorOccurred, &loop, [&](const QString &message) {
            fatal = message;
            loop.quit();
        });
        queue.start();
        loop.exec();
        progress.finish();
    }
    const double seconds = clock.elapsed() / 1000.0;
    if (!fatal.isEmpty())
        return inv.error(ExitIoErr, fatal);

    const qint64 processed = queue.done();
    const qint64 failed = queue.failed();
    const qint64 analysed = processed - failed;
    const double rate = seconds > 0 ? processed / seconds : 0.0;

    // Paths for the failures, read after the workers are done writing.
    QList<QPair<QString, QString>> failures;
    for (const qint64 id : std::as_const(failedIds)) {
        QSqlQuery &q = db.query(QStringLiteral("SELECT path FROM tracks WHERE id = ?"));
        q.addBindValue(id);
        QString path = QStringLiteral("track %1").arg(id);
        if (q.exec() && q.next())
            path = q.value(0).toString();
        q.finish();
        failures.append({path, errors.value(id)});
    }

    if (inv.json()) {
        QJsonArray list;
        for (const auto &f : std::as_const(failures))
            list.append(QJsonObject{{QStringLiteral("path"), f.first}, {QStringLiteral("error"), f.second}});
        inv.printJson(QJsonObject{{QStringLiteral("analysed"), analysed},
                                  {QStringLiteral("failed"), failed},
                                  {QStringLiteral("seconds"), seconds},
                                  {QStringLiteral("tracks_per_second"), rate},
                                  {QStringLiteral("jobs"), queue.jobs()},
                                  {QStringLiteral("failures"), list}});
    } else {
        for (const auto &f : std::as_const(failures))
            inv.out << "failed: " << f.first << ": " << f.second << '\n';
        if (processed == 0 && before->pending == 0) {
            inv.out << "Nothing to analyse: all " << before->tracks << " tracks are current.\n";
        } else {
            inv.out << QStringLiteral("Analysed %1 %2, %3 failed, in %4 s (%5 tracks/s, %6 %7)\n")
                           .arg(analysed)
                           .arg(analysed == 1 ? QStringLiteral("track") : QStringLiteral("tracks"))
                           .arg(failed)
                           .arg(seconds, 0, 'f', 1)
                           .arg(rate, 0, 'f', 2)
                           .arg(queue.jobs())
                           .arg(queue.jobs() == 1 ? QStringLiteral("thread") : QStringLiteral("threads"));
        }
        inv.out.flush();
    }
    return failed > 0 ? ExitFailure : ExitOk;
}

BYTEWAVE_CLI_COMMAND("analyze", "Analyse tracks that have no current analysis", runAnalyze)

} // namespace
} // namespace bytewave::cli
