#include "app/analysiscontroller.h"

#include "analysis/analysisqueue.h"
#include "app/appsettings.h"
#include "app/taste.h"

#include <utility>

namespace bytewave {

AnalysisController::AnalysisController(QString dbPath, AppSettings *settings, Taste *taste, QObject *parent)
    : QObject(parent), m_dbPath(std::move(dbPath)), m_settings(settings), m_taste(taste)
{
    connect(m_settings, &AppSettings::analysisChanged, this, &AnalysisController::apply);
}

AnalysisController::~AnalysisController() = default;

void AnalysisController::start()
{
    m_started = true;
    apply();
}

void AnalysisController::rebuild(int jobs)
{
    m_queue.reset(); // stops its threads (the tracks in hand are redone later)
    m_queue = std::make_unique<AnalysisQueue>(m_dbPath, jobs);
    AnalysisQueue *queue = m_queue.get();
    connect(queue, &AnalysisQueue::progressChanged, this,
            [this, queue] { m_taste->setAnalysisSpeed(queue->rate(), queue->etaSeconds()); });
    connect(queue, &AnalysisQueue::trackAnalysed, this, [this] { m_newResults = true; });
    // The queue also finishes when a re-plan or an Up Next change found nothing to do; only
    // new results are worth a reload of the library.
    connect(queue, &AnalysisQueue::finished, this, [this] {
        m_taste->setAnalysisSpeed(0, 0);
        if (std::exchange(m_newResults, false))
            emit analysed();
    });
}

void AnalysisController::apply()
{
    if (!m_started)
        return;
    const bool fresh = !m_queue || m_queue->jobs() != m_settings->analysisJobs();
    if (fresh)
        rebuild(m_settings->analysisJobs());
    if (m_settings->analysisEnabled()) {
        m_queue->setPaused(false);
        m_queue->start();
    } else {
        m_queue->setPaused(true);
        m_taste->setAnalysisSpeed(0, 0);
    }
    // A new queue starts without the Up Next it was told about before (or before start()).
    // Given now, while it plans or is paused, it is kept in front of the pending list.
    if (fresh && !m_priority.isEmpty())
        m_queue->prioritise(m_priority);
}

void AnalysisController::refresh()
{
    if (m_queue && m_settings->analysisEnabled())
        m_queue->refresh();
}

void AnalysisController::prioritise(const QList<qint64> &ids)
{
    m_priority = ids;
    if (m_queue)
        m_queue->prioritise(ids);
}

} // namespace bytewave
