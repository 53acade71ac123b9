#include "analysis/analysisqueue.h"

#include "analysis/analysisworker.h"
#include "analysis/analysisworklist.h"
#include "core/logging.h"

#include <QThread>

#include <algorithm>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace bytewave {

namespace {

// Runs in the new thread (connected to QThread::started directly): on Linux, setpriority with
// PRIO_PROCESS and a thread id changes that thread only.
void lowerCurrentThreadPriority()
{
#ifdef Q_OS_LINUX
    const auto tid = pid_t(::syscall(SYS_gettid));
    if (::setpriority(PRIO_PROCESS, id_t(tid), AnalysisQueue::kNice) != 0)
        qCDebug(lcAnalysis) << "cannot lower the analysis thread's priority";
    // Lowest best-effort I/O priority (class 2, level 7): reading audio files must not delay
    // the player's reads. Not the idle class, which could starve analysis on a busy disk.
    constexpr int ioprioWhoProcess = 1;
    constexpr int ioprioClassBestEffort = 2;
    constexpr int ioprioClassShift = 13;
    if (::syscall(SYS_ioprio_set, ioprioWhoProcess, tid, (ioprioClassBestEffort << ioprioClassShift) | 7)
        != 0)
        qCDebug(lcAnalysis) << "cannot lower the analysis thread's I/O priority";
#endif
}

} // namespace

int AnalysisQueue::defaultJobs()
{
    return std::max(1, QThread::idealThreadCount() - 1);
}

AnalysisQueue::AnalysisQueue(QString databasePath, int jobs, QObject *parent)
    : QObject(parent), m_work(std::make_shared<AnalysisWorkList>())
{
    const int count = jobs > 0 ? jobs : defaultJobs();
    for (int i = 0; i < count; ++i) {
        auto *thread = new QThread(this);
        thread->setObjectName(QStringLiteral("analysis-%1").arg(i));
        auto *worker = new AnalysisWorker(databasePath, m_work, &m_stop);
        worker->moveToThread(thread);
        connect(thread, &QThread::started, thread, &lowerCurrentThreadPriority, Qt::DirectConnection);
        // Deleted in its own thread as it finishes, so its database connection closes there.
        connect(thread, &QThread::finished, worker, &QObject::deleteLater);
        connect(worker, &AnalysisWorker::trackFinished, this,
                [this](qint64 id, bool analysed, bool failed, const QString &error) {
                    if (analysed || failed)
                        emit trackAnalysed(id, analysed, error);
                    onTrackFinished(analysed, failed);
                });
        connect(worker, &AnalysisWorker::idle, this, &AnalysisQueue::onIdle);
        connect(worker, &AnalysisWorker::failedToStart, this, &AnalysisQueue::errorOccurred);
        if (i == 0)
            connect(worker, &AnalysisWorker::planned, this, &AnalysisQueue::onPlanned);
        thread->start(QThread::LowPriority);
        m_threads.push_back(thread);
        m_workers.push_back(worker);
    }
}

AnalysisQueue::~AnalysisQueue()
{
    m_stop = true; // interrupts tracks in hand within one block
    for (QThread *thread : m_threads) {
        thread->quit();
        thread->wait();
    }
}

void AnalysisQueue::start()
{
    m_planning = true;
    setRunning(true);
    AnalysisWorker *planner = m_workers.front();
    QMetaObject::invokeMethod(planner, [planner] { planner->plan(); }, Qt::QueuedConnection);
}

void AnalysisQueue::onPlanned()
{
    m_planning = false;
    emit progressChanged();
    if (!m_paused)
        wakeAll();
    else
        setRunning(false);
}

void AnalysisQueue::wakeAll()
{
    if (!m_clock.isValid())
        m_clock.start();
    m_idle = 0;
    for (AnalysisWorker *worker : m_workers)
        QMetaObject::invokeMethod(worker, [worker] { worker->wake(); }, Qt::QueuedConnection);
}

void AnalysisQueue::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (paused) {
        m_stop = true;
        if (m_clock.isValid()) {
            m_activeBefore += m_clock.elapsed() / 1000.0;
            m_clock.invalidate();
        }
        setRunning(false);
    } else {
        m_stop = false;
        if (!m_planning) {
            setRunning(true);
            wakeAll();
        }
    }
    emit pausedChanged();
    emit progressChanged();
}

void AnalysisQueue::prioritise(const QList<qint64> &trackIds)
{
    if (trackIds.isEmpty())
        return;
    m_work->prioritise(trackIds);
    emit progressChanged();
    if (!m_paused && !m_planning) {
        setRunning(true);
        wakeAll();
    }
}

void AnalysisQueue::onTrackFinished(bool analysed, bool failed)
{
    if (analysed || failed)
        ++m_done;
    if (failed)
        ++m_failed;
    emit progressChanged();
}

void AnalysisQueue::onIdle()
{
    ++m_idle;
    // A track still in flight means a worker is busy, whatever the count says: an idle signal
    // posted before wakeAll() reset the count can arrive after it. That worker reports idle
    // again once it has finished the track (done() comes first), and then the queue ends.
    if (m_idle < int(m_workers.size()) || m_planning || m_paused || m_work->inFlight() > 0)
        return;
    if (m_work->queued() > 0) {
        // Something arrived after the last worker looked (e.g. an interrupted track put back).
        wakeAll();
        return;
    }
    if (m_clock.isValid()) {
        m_activeBefore += m_clock.elapsed() / 1000.0;
        m_clock.invalidate();
    }
    setRunning(false);
    emit progressChanged();
    emit finished();
}

void AnalysisQueue::setRunning(bool running)
{
    if (running == m_running)
        return;
    m_running = running;
    emit runningChanged();
}

qint64 AnalysisQueue::total() const
{
    return m_done + m_work->queued() + m_work->inFlight();
}

double AnalysisQueue::activeSeconds() const
{
    return m_activeBefore + (m_clock.isValid() ? m_clock.elapsed() / 1000.0 : 0.0);
}

double AnalysisQueue::rate() const
{
    const double seconds = activeSeconds();
    return seconds > 0 ? double(m_done) / seconds : 0.0;
}

double AnalysisQueue::etaSeconds() const
{
    const double r = rate();
    if (!(r > 0))
        return -1;
    return double(m_work->queued() + m_work->inFlight()) / r;
}

} // namespace bytewave
