#include "app/analysiscontroller.h"

#include "analysis/analysisqueue.h"
#include "app/appsettings.h"
#include "app/taste.h"

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
    connect(queue, &AnalysisQueue::finished, this, [this] {
        m_taste->setAnalysisSpeed(0, 0);
        emit analysed();
    });
}

void AnalysisController::apply()
{
    if (!m_started)
        return;
    if (!m_queue || m_queue->jobs() != m_settings->analysisJobs())
        rebuild(m_settings->analysisJobs());
    if (m_settings->analysisEnabled()) {
        m_queue->setPaused(false);
        m_queue->start();
    } else {
        m_queue->setPaused(true);
        m_taste->setAnalysisSpeed(0, 0);
    }
}

void AnalysisController::refresh()
{
    if (m_queue && m_settings->analysisEnabled())
        m_queue->refresh();
}

void AnalysisController::prioritise(const QList<qint64> &ids)
{
    if (m_queue)
        m_queue->prioritise(ids);
}

} // namespace bytewave
