import QtQuick
import QtQuick.Controls.Basic
import ByteWave.UI

// A round or pill-shaped button with an icon and an optional label; at least 48 px to touch.
AbstractButton {
    id: control
    property string iconName
    property color iconColor: Theme.text
    property color fill: "transparent"
    property int iconSize: Theme.icon
    property bool showLabel: false

    implicitWidth: Math.max(Theme.touchMin, showLabel ? row.implicitWidth + 2 * Theme.spacingLarge
                                                      : Theme.touch)
    implicitHeight: Math.max(Theme.touchMin, Theme.touch)
    focusPolicy: Qt.StrongFocus
    Accessible.name: text

    background: Rectangle {
        radius: height / 2
        color: control.fill
        border.width: control.visualFocus ? 2 : 0
        border.color: Theme.accent
        Rectangle {
            anchors.fill: parent
            radius: parent.radius
            color: Theme.text
            opacity: control.pressed ? 0.18 : (control.hovered ? 0.06 : 0)
            Behavior on opacity { NumberAnimation { duration: Theme.animFast } }
        }
    }
    contentItem: Item {
        implicitWidth: row.implicitWidth
        implicitHeight: row.implicitHeight
        Row {
            id: row
            anchors.centerIn: parent
            spacing: Theme.spacingSmall
            Icon {
                anchors.verticalCenter: parent.verticalCenter
                name: control.iconName
                color: control.enabled ? control.iconColor : Theme.textDim
                size: control.iconSize
                opacity: control.enabled ? 1 : 0.5
            }
            Text {
                visible: control.showLabel
                anchors.verticalCenter: parent.verticalCenter
                text: control.text
                color: control.enabled ? control.iconColor : Theme.textDim
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                font.bold: true
            }
        }
    }
    scale: pressed ? 0.94 : 1
    Behavior on scale { NumberAnimation { duration: Theme.animFast } }
}
