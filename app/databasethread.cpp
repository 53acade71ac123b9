#include "app/databasethread.h"

#include "core/logging.h"

namespace bytewave {

Database *DatabaseWorker::database()
{
    if (!m_tried) {
        m_tried = true;
        auto db = std::make_unique<Database>();
        if (db->open(m_path)) {
            m_db = std::move(db);
        } else {
            m_error = db->errorString();
            qCWarning(lcPlayer).noquote() << "app database:" << m_error;
        }
    }
    return m_db.get();
}

void DatabaseWorker::close()
{
    m_db.reset();
}

DatabaseThread::DatabaseThread(const QString &path, QObject *parent)
    : QObject(parent), m_path(path), m_worker(new DatabaseWorker(path))
{
    m_thread.setObjectName(QStringLiteral("bytewave-app-db"));
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

DatabaseThread::~DatabaseThread()
{
    stop();
}

void DatabaseThread::post(std::function<void(Database *)> job)
{
    if (!m_thread.isRunning() || m_worker == nullptr)
        return;
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, job = std::move(job)] { job(worker->database()); },
                              Qt::QueuedConnection);
}

void DatabaseThread::stop()
{
    if (!m_thread.isRunning())
        return;
    // Blocking: runs after every job already queued, and closes the connection on its own thread.
    DatabaseWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->close(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    // The thread has ended, so nothing can be running inside the worker any more.
    delete m_worker;
    m_worker = nullptr;
}

} // namespace bytewave
