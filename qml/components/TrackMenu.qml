import QtQuick
import QtQuick.Controls.Basic
import ByteWave.UI

// What a long press on a track offers. Names the track it acts on (the finger hides the row)
// and dims the page behind it, so it reads as a choice about that track.
Menu {
    id: menu
    property var trackId: 0
    property string trackTitle

    modal: true
    dim: true
    width: 320
    topPadding: trackTitle.length > 0 ? title.height : Theme.spacingSmall
    bottomPadding: Theme.spacingSmall
    background: Rectangle {
        implicitWidth: 320
        color: Theme.surfaceRaised
        radius: Theme.radius
        border.color: Theme.outline
        Text {
            id: title
            visible: menu.trackTitle.length > 0
            width: parent.width
            height: Theme.touchMin
            leftPadding: Theme.margin
            rightPadding: Theme.margin
            verticalAlignment: Text.AlignVCenter
            text: menu.trackTitle
            color: Theme.textDim
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            font.bold: true
        }
    }
}
