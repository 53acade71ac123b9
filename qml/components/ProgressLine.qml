import QtQuick
import ByteWave.UI

// A thin progress bar with a caption above it.
Column {
    id: line
    property real value: 0 // 0..1
    property string caption
    spacing: Theme.spacingSmall
    Text {
        width: parent.width
        text: line.caption
        color: Theme.text
        wrapMode: Text.Wrap
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
    }
    Rectangle {
        width: parent.width
        height: 8
        radius: 4
        color: Theme.outline
        Rectangle {
            width: parent.width * Math.max(0, Math.min(1, line.value))
            height: parent.height
            radius: 4
            color: Theme.accent
            Behavior on width { NumberAnimation { duration: Theme.anim } }
        }
    }
}
