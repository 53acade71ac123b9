#pragma once

#include <QHash>
#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace bytewave {

class DatabaseThread;

// Settings the Settings page edits that belong to no other object. Kept in the database's
// settings table (shared with bytewave-cli); written on the database thread.
class AppSettings : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("use App.settings")
    Q_PROPERTY(int dimMinutes READ dimMinutes WRITE setDimMinutes NOTIFY dimMinutesChanged)
    Q_PROPERTY(bool analysisEnabled READ analysisEnabled WRITE setAnalysisEnabled NOTIFY analysisChanged)
    Q_PROPERTY(int analysisJobs READ analysisJobs WRITE setAnalysisJobs NOTIFY analysisChanged)
    Q_PROPERTY(int maxAnalysisJobs READ maxAnalysisJobs CONSTANT)
public:
    static const QString kDimMinutes;
    static const QString kAnalysisEnabled;
    static const QString kAnalysisJobs;

    explicit AppSettings(DatabaseThread *db, QObject *parent = nullptr);

    // Values read at start-up (the whole settings table).
    void apply(const QHash<QString, QString> &values);

    int dimMinutes() const { return m_dimMinutes; }
    void setDimMinutes(int minutes); // 0: never dim
    bool analysisEnabled() const { return m_analysisEnabled; }
    void setAnalysisEnabled(bool on);
    int analysisJobs() const { return m_analysisJobs; }
    void setAnalysisJobs(int jobs);
    int maxAnalysisJobs() const;

signals:
    void dimMinutesChanged();
    void analysisChanged();

private:
    void save(const QString &key, const QString &value);

    DatabaseThread *m_db;
    int m_dimMinutes = 5;
    bool m_analysisEnabled = true;
    int m_analysisJobs = 1;
};

} // namespace bytewave
