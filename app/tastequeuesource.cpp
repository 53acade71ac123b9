#include "app/tastequeuesource.h"

#include "core/taste/tasteservice.h"

namespace bytewave {

TasteQueueSource::TasteQueueSource(const QString &dbPath, QObject *parent)
    : QueueSource(parent), m_service(new TasteService(dbPath, this))
{
    connect(m_service, &TasteService::queueChanged, this, &QueueSource::queueChanged);
    connect(m_service, &TasteService::signalRecorded, this, &QueueSource::signalRecorded);
    connect(m_service, &TasteService::signalFailed, this, &QueueSource::signalFailed);
    connect(m_service, &TasteService::adventurousnessChanged, this, &QueueSource::adventurousnessChanged);
    connect(m_service, &TasteService::highlightsReady, this, &QueueSource::highlightsReady);
}

TasteQueueSource::~TasteQueueSource() = default;

void TasteQueueSource::start()
{
    m_service->start();
}

void TasteQueueSource::recordSignal(SignalKind kind, qint64 trackId, double positionS, double durationS)
{
    m_service->recordSignal(kind, trackId, positionS, durationS);
}

void TasteQueueSource::undoLastSignal()
{
    m_service->undoLastSignal();
}

void TasteQueueSource::setAdventurousness(double value)
{
    m_service->setAdventurousness(value);
}

void TasteQueueSource::setQueueLength(int n)
{
    m_service->setQueueLength(n);
}

void TasteQueueSource::setTrackPinnedNext(qint64 trackId)
{
    m_service->setTrackPinnedNext(trackId);
}

void TasteQueueSource::startFrom(qint64 trackId)
{
    m_service->startFrom(trackId);
}

void TasteQueueSource::reload()
{
    m_service->reload();
}

void TasteQueueSource::requestHighlights(int n)
{
    m_service->requestHighlights(n);
}

} // namespace bytewave
