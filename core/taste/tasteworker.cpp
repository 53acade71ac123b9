#include "core/taste/tasteworker.h"

#include "core/database.h"
#include "core/logging.h"
#include "core/taste/tasteengine.h"
#include "core/taste/tastesession.h"

#include <QElapsedTimer>

#include <algorithm>

namespace bytewave {

TasteWorker::TasteWorker(QString dbPath, std::shared_ptr<const Clock> clock)
    : m_dbPath(std::move(dbPath)), m_clock(std::move(clock))
{
}

// Runs on the worker thread (the service deletes it there), so the connection closes on the
// thread that opened it.
TasteWorker::~TasteWorker()
{
    m_session.reset();
    m_db.reset();
}

void TasteWorker::open()
{
    m_session.reset();
    m_db = std::make_unique<Database>();
    if (!m_db->open(m_dbPath)) {
        const QString error = m_db->errorString();
        m_db.reset();
        emit signalFailed(QStringLiteral("The taste engine could not open the library: %1").arg(error));
        return;
    }
    m_session = std::make_unique<TasteSession>(*m_db, *m_clock);
    QElapsedTimer timer;
    timer.start();
    if (!m_session->load()) {
        emit signalFailed(QStringLiteral("The taste engine could not load: %1").arg(m_session->errorString()));
        return;
    }
    qCInfo(lcTaste) << "loaded" << m_session->engine().trackCount() << "tracks and"
                    << m_session->engine().signalCount() << "signals in" << timer.elapsed() << "ms";
    emit adventurousnessChanged(m_session->adventurousness());
    scheduleRank();
}

bool TasteWorker::ready()
{
    if (m_session)
        return true;
    emit signalFailed(QStringLiteral("The taste engine is not running (no database)"));
    return false;
}

void TasteWorker::recordSignal(SignalKind kind, qint64 trackId, double positionS, double durationS)
{
    if (!ready())
        return;
    if (kind == SignalKind::Undo) {
        undoLastSignal();
        return;
    }
    const auto s = m_session->record(kind, trackId, positionS, durationS);
    if (!s) {
        emit signalFailed(m_session->errorString());
        return;
    }
    emit signalRecorded(s->id, s->kind, s->trackId);
    scheduleRank();
}

void TasteWorker::undoLastSignal()
{
    if (!ready())
        return;
    const auto s = m_session->undoLast();
    if (!s) {
        emit signalFailed(QStringLiteral("Could not undo: %1").arg(m_session->errorString()));
        return;
    }
    emit signalRecorded(s->id, SignalKind::Undo, s->trackId);
    scheduleRank();
}

void TasteWorker::setAdventurousness(double value)
{
    if (!ready())
        return;
    if (!m_session->setAdventurousness(value)) {
        emit signalFailed(m_session->errorString());
        return;
    }
    emit adventurousnessChanged(m_session->adventurousness());
    scheduleRank();
}

void TasteWorker::setQueueLength(int n)
{
    m_queueLength = std::clamp(n, 1, 10000);
    if (m_session)
        scheduleRank();
}

void TasteWorker::pinNext(qint64 trackId)
{
    if (!ready())
        return;
    if (m_session->engine().indexOf(trackId) < 0) {
        emit signalFailed(QStringLiteral("Unknown track %1").arg(trackId));
        return;
    }
    m_session->engine().pinNext(trackId);
    scheduleRank();
}

void TasteWorker::startFrom(qint64 trackId)
{
    if (!ready())
        return;
    if (trackId != 0 && m_session->engine().indexOf(trackId) < 0) {
        emit signalFailed(QStringLiteral("Unknown track %1").arg(trackId));
        return;
    }
    m_session->engine().startFrom(trackId);
    scheduleRank();
}

void TasteWorker::reload()
{
    if (!m_session) {
        open();
        return;
    }
    if (!m_session->reloadLibrary() || !m_session->sync()) {
        emit signalFailed(QStringLiteral("The taste engine could not reload: %1").arg(m_session->errorString()));
        return;
    }
    scheduleRank();
}

void TasteWorker::highlights(int n)
{
    // A summary for display: before the engine has loaded there is nothing to show, and its
    // failure to load has already been reported.
    if (!m_session)
        return;
    TasteEngine &engine = m_session->engine();
    const qint64 now = m_clock->nowMs();
    TasteHighlights out;
    for (const TasteTopArtist &a : engine.topArtists(now, n))
        out.artists << a.artist;
    for (const TasteTopTrack &t : engine.topTracks(now, n)) {
        const int i = engine.indexOf(t.trackId);
        out.tracks.append({engine.title(i), engine.artist(i)});
    }
    emit highlightsReady(out);
}

void TasteWorker::scheduleRank()
{
    if (m_rankPending)
        return;
    m_rankPending = true;
    QMetaObject::invokeMethod(this, [this] { rankNow(); }, Qt::QueuedConnection);
}

void TasteWorker::rankNow()
{
    m_rankPending = false;
    if (!m_session)
        return;
    if (m_beforeRank)
        m_beforeRank();
    RankedQueue queue = m_session->queue(m_queueLength);
    if (m_emittedOnce && queue == m_lastQueue)
        return;
    m_emittedOnce = true;
    m_lastQueue = queue;
    emit queueReady(queue);
}

} // namespace bytewave
