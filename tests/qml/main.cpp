// One Qt Quick Test binary for every tst_*.qml (each is its own ctest entry via -input).
#include "app/imageproviders.h"

#include <QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

Q_IMPORT_QML_PLUGIN(ByteWave_UIPlugin)

class Setup : public QObject
{
    Q_OBJECT
public slots:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/"));
        bytewave::installImageProviders(engine);
    }
};

QUICK_TEST_MAIN_WITH_SETUP(bytewave_qml, Setup)

#include "main.moc"
