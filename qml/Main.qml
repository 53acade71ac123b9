import QtQuick
import QtQuick.Controls

ApplicationWindow {
    id: window
    width: 800
    height: 480
    visible: true
    title: qsTr("ByteWave")
    color: "#101214"

    Label {
        anchors.centerIn: parent
        text: qsTr("ByteWave")
        color: "white"
        font.pixelSize: 32
    }
}
