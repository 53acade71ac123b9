#include "core/taste/tasteservice.h"

#include "core/taste/tasteparams.h"
#include "core/taste/tasteworker.h"

namespace bytewave {

TasteService::TasteService(const QString &dbPath, QObject *parent)
    : TasteService(dbPath, std::make_shared<SystemClock>(), parent)
{
}

TasteService::TasteService(const QString &dbPath, std::shared_ptr<const Clock> clock, QObject *parent)
    : QObject(parent), m_adventurousness(kDefaultAdventurousness)
{
    qRegisterMetaType<bytewave::RankedQueue>("bytewave::RankedQueue");
    qRegisterMetaType<bytewave::SignalKind>("bytewave::SignalKind");
    qRegisterMetaType<bytewave::TasteHighlights>("bytewave::TasteHighlights");
    m_thread.setObjectName(QStringLiteral("bytewave-taste"));
    m_worker = new TasteWorker(dbPath, std::move(clock));
    m_worker->moveToThread(&m_thread);
    // Deleted on its own thread once the loop ends, so its Database closes where it was opened.
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &TasteWorker::queueReady, this, [this](const RankedQueue &queue) {
        m_queue = queue;
        emit queueChanged(m_queue);
    });
    connect(m_worker, &TasteWorker::signalRecorded, this, &TasteService::signalRecorded);
    connect(m_worker, &TasteWorker::signalFailed, this, &TasteService::signalFailed);
    connect(m_worker, &TasteWorker::highlightsReady, this, &TasteService::highlightsReady);
    connect(m_worker, &TasteWorker::adventurousnessChanged, this, [this](double value) {
        m_adventurousness = value;
        emit adventurousnessChanged(value);
    });
}

TasteService::~TasteService()
{
    if (m_thread.isRunning()) {
        m_thread.quit();
        m_thread.wait();
    } else {
        delete m_worker; // never started: nothing was opened on another thread
    }
}

template<typename Fn>
void TasteService::onWorker(Fn &&fn)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, fn = std::forward<Fn>(fn)] { fn(*w); },
                              Qt::QueuedConnection);
}

void TasteService::start()
{
    if (m_started) {
        reload();
        return;
    }
    m_started = true;
    m_thread.start(QThread::LowPriority);
    onWorker([](TasteWorker &w) { w.open(); });
}

void TasteService::recordSignal(SignalKind kind, qint64 trackId, double positionS, double durationS)
{
    onWorker([=](TasteWorker &w) { w.recordSignal(kind, trackId, positionS, durationS); });
}

void TasteService::undoLastSignal()
{
    onWorker([](TasteWorker &w) { w.undoLastSignal(); });
}

void TasteService::setAdventurousness(double value)
{
    onWorker([value](TasteWorker &w) { w.setAdventurousness(value); });
}

void TasteService::setQueueLength(int n)
{
    onWorker([n](TasteWorker &w) { w.setQueueLength(n); });
}

void TasteService::setTrackPinnedNext(qint64 trackId)
{
    onWorker([trackId](TasteWorker &w) { w.pinNext(trackId); });
}

void TasteService::startFrom(qint64 trackId)
{
    onWorker([trackId](TasteWorker &w) { w.startFrom(trackId); });
}

void TasteService::reload()
{
    onWorker([](TasteWorker &w) { w.reload(); });
}

void TasteService::setBeforeRankHookForTesting(std::function<void()> hook)
{
    // Safe before start(): the worker's thread has not run yet.
    m_worker->setBeforeRankHook(std::move(hook));
}

void TasteService::requestHighlights(int n)
{
    onWorker([n](TasteWorker &w) { w.highlights(n); });
}

} // namespace bytewave
