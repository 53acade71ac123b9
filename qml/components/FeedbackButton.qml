import QtQuick
import QtQuick.Controls.Basic
import ByteWave.UI

// Like or Dislike. The press shows at once (pending: a pulsing outline); the filled state
// appears only when the signal is committed to the database.
AbstractButton {
    id: control
    property string iconName
    property string doneIconName: iconName
    property color tint: Theme.accent
    property bool done: false
    property bool pending: false

    implicitWidth: 150
    implicitHeight: Theme.touchLarge - 8
    Accessible.name: text

    background: Rectangle {
        radius: height / 2
        color: control.done ? control.tint : Theme.surfaceRaised
        border.width: 2
        border.color: control.pending || control.done ? control.tint : Theme.outline
        Behavior on color { ColorAnimation { duration: Theme.anim } }
        SequentialAnimation on border.width {
            running: control.pending
            loops: Animation.Infinite
            NumberAnimation { from: 2; to: 5; duration: 300 }
            NumberAnimation { from: 5; to: 2; duration: 300 }
        }
        Rectangle {
            anchors.fill: parent
            radius: parent.radius
            color: Theme.text
            opacity: control.pressed ? 0.18 : (control.hovered ? 0.06 : 0)
        }
    }
    contentItem: Item {
        Row {
            anchors.centerIn: parent
            spacing: Theme.spacingSmall + 2
            Icon {
                anchors.verticalCenter: parent.verticalCenter
                name: control.done ? control.doneIconName : control.iconName
                color: control.done ? Theme.background : control.tint
                size: Theme.icon
            }
            Text {
                anchors.verticalCenter: parent.verticalCenter
                text: control.text
                color: control.done ? Theme.background : Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                font.bold: true
            }
        }
    }
    scale: pressed ? 0.94 : 1
    Behavior on scale { NumberAnimation { duration: Theme.animFast } }
}
