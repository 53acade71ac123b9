#pragma once

#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace bytewave {

// Watches the application's input and says when nobody has touched the screen for a while, so
// the UI can dim (and the Pi's backlight can follow). Any touch, click or key wakes it.
class IdleWatcher : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("use App.idle")
    Q_PROPERTY(bool idle READ idle NOTIFY idleChanged)
    Q_PROPERTY(int timeoutMinutes READ timeoutMinutes WRITE setTimeoutMinutes NOTIFY timeoutChanged)
public:
    explicit IdleWatcher(QObject *parent = nullptr);

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
    QTimer m_timer;
    int m_minutes = 5;
    bool m_idle = false;
};

} // namespace bytewave
