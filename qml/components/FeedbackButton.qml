import QtQuick
import QtQuick.Controls.Basic
import ByteWave.UI

// Like, Not for me and Skip on Now Playing: a large tile, icon over label. Every tap shows at
// once (a flash in the button's tint, even when the finger is gone before the next frame);
// Like and Dislike then pulse their outline while pending and fill only when the signal is
// committed to the database.
AbstractButton {
    id: control
    property string iconName
    property string doneIconName: iconName
    property color tint: Theme.accent
    property bool done: false
    property bool pending: false

    implicitWidth: 120
    implicitHeight: Theme.touchLarge + 16
    leftPadding: 4
    rightPadding: 4
    Accessible.name: text

    onClicked: flashAnimation.restart()

    background: Rectangle {
        radius: Theme.radius + 4
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
        Rectangle {
            id: flash
            objectName: "flash"
            anchors.fill: parent
            radius: parent.radius
            color: control.tint
            opacity: 0
        }
    }
    contentItem: Item {
        Column {
            anchors.centerIn: parent
            spacing: 4
            Icon {
                anchors.horizontalCenter: parent.horizontalCenter
                name: control.done ? control.doneIconName : control.iconName
                color: control.done ? Theme.background : control.tint
                size: Theme.icon + 4
            }
            Text {
                objectName: "label"
                anchors.horizontalCenter: parent.horizontalCenter
                width: control.availableWidth
                horizontalAlignment: Text.AlignHCenter
                text: control.text
                color: control.done ? Theme.background : Theme.text
                // A narrow desktop window shrinks the label a little before it would elide.
                fontSizeMode: Text.HorizontalFit
                minimumPixelSize: 12
                elide: Text.ElideRight
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall + 1
                font.bold: true
            }
        }
    }
    NumberAnimation {
        id: flashAnimation
        target: flash
        property: "opacity"
        from: 0.55
        to: 0
        duration: Theme.anim * 2
        easing.type: Easing.OutQuad
    }
    // The flash, for tests: true from the tap until it has faded.
    readonly property bool flashing: flashAnimation.running
    scale: pressed ? 0.94 : 1
    Behavior on scale { NumberAnimation { duration: Theme.animFast } }
}
