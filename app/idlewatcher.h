#pragma once

#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace bytewave {

// Watches the application's input and says when nobody has touched the screen for a while, so
// the UI can dim. Where /sys/class/backlight is writable (the Pi's DSI display; the package's
// udev rule gives the video group access) the backlight itself goes down to a tenth and comes
// back on the first touch. Any touch, click or key wakes it.
class IdleWatcher : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("use App.idle")
    Q_PROPERTY(bool idle READ idle NOTIFY idleChanged)
    Q_PROPERTY(int timeoutMinutes READ timeoutMinutes WRITE setTimeoutMinutes NOTIFY timeoutChanged)
public:
    explicit IdleWatcher(QObject *parent = nullptr);
    ~IdleWatcher() override;

    bool idle() const { return m_idle; }
    int timeoutMinutes() const { return m_minutes; }
    void setTimeoutMinutes(int minutes); // 0: never idle
    Q_INVOKABLE void wake();

signals:
    void idleChanged();
    void timeoutChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setBacklightDimmed(bool dimmed);

    QTimer m_timer;
    QString m_backlight;         // the backlight's sysfs folder, empty when none is writable
    int m_savedBrightness = -1;  // brightness before dimming
    int m_minutes = 5;
    bool m_idle = false;
};

} // namespace bytewave
