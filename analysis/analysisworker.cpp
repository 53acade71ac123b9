#include "analysis/analysisworker.h"

#include "analysis/analysisstore.h"
#include "analysis/analysisworklist.h"
#include "analysis/trackanalyzer.h"
#include "core/database.h"
#include "core/logging.h"

#include <QFile>

#include <sys/stat.h>

namespace bytewave {

AnalysisWorker::AnalysisWorker(QString databasePath, std::shared_ptr<AnalysisWorkList> work,
                               const std::atomic<bool> *stop, QObject *parent)
    : QObject(parent), m_databasePath(std::move(databasePath)), m_work(std::move(work)), m_stop(stop)
{
}

AnalysisWorker::~AnalysisWorker() = default;

bool AnalysisWorker::ensureReady()
{
    if (m_store)
        return true;
    auto db = std::make_unique<Database>();
    if (!db->open(m_databasePath)) {
        emit failedToStart(db->errorString());
        return false;
    }
    m_db = std::move(db);
    m_store = std::make_unique<AnalysisStore>(*m_db);
    try {
        m_analyzer = std::make_unique<TrackAnalyzer>();
    } catch (const std::exception &e) {
        m_store.reset();
        emit failedToStart(QStringLiteral("cannot set up the analyser: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    return true;
}

void AnalysisWorker::wake()
{
    if (m_busy)
        return;
    m_busy = true;
    QMetaObject::invokeMethod(this, &AnalysisWorker::step, Qt::QueuedConnection);
}

void AnalysisWorker::plan()
{
    if (!ensureReady()) {
        emit planned(0);
        return;
    }
    const auto ids = m_store->pendingTracks();
    if (!ids) {
        qCWarning(lcAnalysis).noquote() << m_store->errorString();
        emit planned(0);
        return;
    }
    m_work->setPending(*ids);
    emit planned(ids->size());
}

void AnalysisWorker::step()
{
    if (m_stop->load()) {
        m_busy = false;
        return;
    }
    if (!ensureReady()) {
        m_busy = false;
        emit idle();
        return;
    }
    const auto id = m_work->take();
    if (!id) {
        m_busy = false;
        emit idle();
        return;
    }
    QString error;
    const Outcome outcome = processTrack(*id, &error);
    if (outcome == Outcome::Interrupted) {
        m_work->putBack(*id);
        m_busy = false;
        return;
    }
    m_work->done(*id);
    emit trackFinished(*id, outcome == Outcome::Analysed, outcome == Outcome::Failed, error);
    QMetaObject::invokeMethod(this, &AnalysisWorker::step, Qt::QueuedConnection);
}

AnalysisWorker::Outcome AnalysisWorker::processTrack(qint64 trackId, QString *error)
{
    const auto candidate = m_store->candidate(trackId);
    if (!candidate) {
        qCWarning(lcAnalysis).noquote() << m_store->errorString();
        *error = m_store->errorString();
        return Outcome::Skipped;
    }
    if (candidate->missing)
        return Outcome::Skipped;

    // The file's identity as read now: recorded with the result, so a later change (the scanner
    // updates tracks.size/mtime_ms) makes the row stale.
    struct stat st {};
    if (::stat(QFile::encodeName(candidate->path).constData(), &st) != 0) {
        // Gone since the last scan; the scanner will flag it missing. Nothing to record.
        qCInfo(lcAnalysis) << "skipping" << candidate->path << ": file not found";
        return Outcome::Skipped;
    }
    const qint64 size = qint64(st.st_size);
    const qint64 mtimeMs = qint64(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
    if (candidate->hasRow && candidate->extractorVersion == TrackAnalyzer::kExtractorVersion
        && candidate->sourceSize == size && candidate->sourceMtimeMs == mtimeMs) {
        // Already analysed as it is on disk (the tracks row lags behind the file until the next
        // scan); analysing it again would loop.
        return Outcome::Skipped;
    }

    const TrackAnalyzer::Result result = m_analyzer->analyze(candidate->path, m_stop);
    if (result.status == TrackAnalyzer::Result::Status::Interrupted)
        return Outcome::Interrupted;
    if (!result.ok())
        qCInfo(lcAnalysis).noquote() << "cannot analyse" << candidate->path << ":" << result.error;
    if (!m_store->save(trackId, size, mtimeMs, result)) {
        qCWarning(lcAnalysis).noquote() << m_store->errorString();
        *error = m_store->errorString();
        return Outcome::Failed;
    }
    *error = result.error;
    return result.ok() ? Outcome::Analysed : Outcome::Failed;
}

} // namespace bytewave
