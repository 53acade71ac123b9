import QtQuick
import QtQuick.Controls.Basic
import ByteWave.UI

// A large on/off switch.
Switch {
    id: control
    implicitWidth: 76
    implicitHeight: Theme.touch
    padding: 0
    Accessible.name: text
    indicator: Rectangle {
        anchors.centerIn: parent
        width: 64
        height: 34
        radius: 17
        color: control.checked ? Theme.accent : Theme.outline
        Behavior on color { ColorAnimation { duration: Theme.anim } }
        Rectangle {
            x: control.checked ? parent.width - width - 4 : 4
            anchors.verticalCenter: parent.verticalCenter
            width: 26
            height: 26
            radius: 13
            color: Theme.text
            Behavior on x { NumberAnimation { duration: Theme.anim } }
        }
    }
    contentItem: Item {}
}
