#include "app/appsettings.h"

#include "app/databasethread.h"
#include "core/settingsstore.h"

#include <QThread>

#include <algorithm>

namespace bytewave {

const QString AppSettings::kDimMinutes = QStringLiteral("ui.dim_minutes");
const QString AppSettings::kAnalysisEnabled = QStringLiteral("analysis.enabled");
const QString AppSettings::kAnalysisJobs = QStringLiteral("analysis.jobs");

AppSettings::AppSettings(DatabaseThread *db, QObject *parent)
    : QObject(parent), m_db(db), m_analysisJobs(std::max(1, QThread::idealThreadCount() - 1))
{
}

int AppSettings::maxAnalysisJobs() const
{
    return std::max(1, QThread::idealThreadCount());
}

void AppSettings::apply(const QHash<QString, QString> &values)
{
    bool ok = false;
    const int dim = values.value(kDimMinutes).toInt(&ok);
    if (ok && dim >= 0) {
        m_dimMinutes = dim;
        emit dimMinutesChanged();
    }
    if (values.contains(kAnalysisEnabled))
        m_analysisEnabled = values.value(kAnalysisEnabled) != QStringLiteral("0");
    const int jobs = values.value(kAnalysisJobs).toInt(&ok);
    if (ok)
        m_analysisJobs = std::clamp(jobs, 1, maxAnalysisJobs());
    emit analysisChanged();
}

void AppSettings::setDimMinutes(int minutes)
{
    minutes = std::clamp(minutes, 0, 120);
    if (minutes == m_dimMinutes)
        return;
    m_dimMinutes = minutes;
    emit dimMinutesChanged();
    save(kDimMinutes, QString::number(minutes));
}

void AppSettings::setAnalysisEnabled(bool on)
{
    if (on == m_analysisEnabled)
        return;
    m_analysisEnabled = on;
    emit analysisChanged();
    save(kAnalysisEnabled, on ? QStringLiteral("1") : QStringLiteral("0"));
}

void AppSettings::setAnalysisJobs(int jobs)
{
    jobs = std::clamp(jobs, 1, maxAnalysisJobs());
    if (jobs == m_analysisJobs)
        return;
    m_analysisJobs = jobs;
    emit analysisChanged();
    save(kAnalysisJobs, QString::number(jobs));
}

void AppSettings::save(const QString &key, const QString &value)
{
    m_db->post([key, value](Database *db) {
        if (db)
            SettingsStore(*db).setValue(key, value);
    });
}

} // namespace bytewave
