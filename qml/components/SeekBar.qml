import QtQuick
import QtQuick.Controls.Basic
import ByteWave.UI

// Progress with drag-to-seek: the handle follows the finger and the player seeks on release,
// so dragging never stutters playback.
Column {
    id: bar
    property real position: 0 // seconds
    property real duration: 0
    signal seekRequested(real seconds)

    spacing: 0

    Slider {
        id: slider
        objectName: "seekSlider"
        width: parent.width
        height: Theme.touchMin
        from: 0
        to: Math.max(1, bar.duration)
        value: pressed ? value : bar.position
        live: true
        onPressedChanged: if (!pressed) bar.seekRequested(value)
        Accessible.name: qsTr("Position")

        background: Rectangle {
            x: slider.leftPadding
            y: slider.topPadding + slider.availableHeight / 2 - height / 2
            width: slider.availableWidth
            height: 6
            radius: 3
            color: Theme.outline
            Rectangle {
                width: slider.visualPosition * parent.width
                height: parent.height
                radius: 3
                color: Theme.accent
            }
        }
        handle: Rectangle {
            x: slider.leftPadding + slider.visualPosition * (slider.availableWidth - width)
            y: slider.topPadding + slider.availableHeight / 2 - height / 2
            width: slider.pressed ? 26 : 20
            height: width
            radius: width / 2
            color: Theme.text
            Behavior on width { NumberAnimation { duration: Theme.animFast } }
        }
    }
    Item {
        width: parent.width
        height: elapsed.implicitHeight
        Text {
            id: elapsed
            text: Theme.formatTime(slider.pressed ? slider.value : bar.position)
            color: Theme.textDim
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
        }
        Text {
            anchors.right: parent.right
            text: Theme.formatTime(bar.duration)
            color: Theme.textDim
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
        }
    }
}
