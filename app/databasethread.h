#pragma once

#include "core/database.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>

namespace bytewave {

// The app's own database connection, on a thread of its own, so the GUI thread never runs SQL.
//
// GUI-side objects hand it a job (a lambda given the worker's Database) and a reply (a lambda
// run on the GUI thread with the job's plain-value result). Jobs run in order, one at a time.
class DatabaseWorker : public QObject
{
    Q_OBJECT
public:
    explicit DatabaseWorker(QString path) : m_path(std::move(path)) {}

    // Opened lazily by the first job, on the worker's thread.
    Database *database();
    QString errorString() const { return m_error; }
    void close();

private:
    QString m_path;
    QString m_error;
    std::unique_ptr<Database> m_db;
    bool m_tried = false;
};

class DatabaseThread : public QObject
{
    Q_OBJECT
public:
    explicit DatabaseThread(const QString &path, QObject *parent = nullptr);
    ~DatabaseThread() override;

    QString path() const { return m_path; }

    // Runs job on the worker thread. job gets nullptr when the database could not be opened.
    void post(std::function<void(Database *)> job);

    // Runs job on the worker, then reply(result) on context's thread unless context is gone.
    template<typename Result>
    void run(std::function<Result(Database *)> job, QObject *context,
             std::function<void(Result)> reply)
    {
        QPointer<QObject> guard(context);
        post([job = std::move(job), guard, reply = std::move(reply)](Database *db) {
            Result result = job(db);
            if (!guard)
                return;
            QMetaObject::invokeMethod(
                guard.data(),
                [guard, reply, result = std::move(result)] {
                    if (guard)
                        reply(result);
                },
                Qt::QueuedConnection);
        });
    }

    // Stops the thread after the jobs already posted; later posts are dropped.
    void stop();

private:
    QString m_path;
    QThread m_thread;
    DatabaseWorker *m_worker = nullptr;
};

} // namespace bytewave
