import QtQuick
import QtQuick.Controls.Basic
import ByteWave.UI

// One choice in a TrackMenu: a full-width 56 px row; "destructive" ones (Never play) in red.
MenuItem {
    id: item
    property bool destructive: false

    height: Theme.touch
    leftPadding: Theme.margin
    rightPadding: Theme.margin
    contentItem: Text {
        text: item.text
        color: item.destructive ? Theme.danger : Theme.text
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
    }
    background: Rectangle {
        color: item.highlighted || item.pressed ? Theme.outline : "transparent"
    }
}
