#pragma once

#include <QList>
#include <QObject>

#include <memory>

namespace bytewave {

class AnalysisQueue;
class AppSettings;
class Taste;

// Runs the background audio analysis (ByteWave::Analysis's AnalysisQueue) as Settings say:
// on or off (paused), with the chosen number of jobs; re-plans after a scan, puts Up Next
// first, and reports its speed to the Taste page.
class AnalysisController : public QObject
{
    Q_OBJECT
public:
    AnalysisController(QString dbPath, AppSettings *settings, Taste *taste, QObject *parent = nullptr);
    ~AnalysisController() override;

    void start();
    void refresh();                            // the library changed
    void prioritise(const QList<qint64> &ids); // Up Next, first first

signals:
    // Everything pending is done and some tracks were analysed (or failed) since the last time:
    // loudness is known for more tracks.
    void analysed();

private:
    void apply();
    void rebuild(int jobs);

    QString m_dbPath;
    AppSettings *m_settings;
    Taste *m_taste;
    std::unique_ptr<AnalysisQueue> m_queue;
    QList<qint64> m_priority; // the last Up Next given
    bool m_started = false;
    bool m_newResults = false; // a track was analysed (or failed) since the last analysed()
};

} // namespace bytewave
