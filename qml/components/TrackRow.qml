import QtQuick
import ByteWave.UI

// One row of a list: thumbnail (or a number), two lines of text, and a trailing detail.
Item {
    id: row
    property string cover
    property bool showCover: true
    property string leading // shown instead of the cover, e.g. a track number
    property string title
    property string subtitle
    property string detail
    property color subtitleColor: Theme.textDim

    implicitHeight: Theme.rowHeight

    CoverArt {
        id: thumb
        visible: row.showCover
        width: row.showCover ? Theme.thumb : 0
        height: Theme.thumb
        anchors.left: parent.left
        anchors.leftMargin: Theme.spacing
        anchors.verticalCenter: parent.verticalCenter
        source: row.cover
        decodeSize: Theme.thumb
    }
    Text {
        id: lead
        visible: !row.showCover
        width: row.showCover ? 0 : 40
        anchors.left: parent.left
        anchors.leftMargin: Theme.spacing
        anchors.verticalCenter: parent.verticalCenter
        horizontalAlignment: Text.AlignRight
        text: row.leading
        color: Theme.textDim
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
    }
    Column {
        anchors.left: row.showCover ? thumb.right : lead.right
        anchors.leftMargin: Theme.spacing
        anchors.right: trailing.left
        anchors.rightMargin: Theme.spacing
        anchors.verticalCenter: parent.verticalCenter
        spacing: 2
        Text {
            width: parent.width
            text: row.title
            color: Theme.text
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
        }
        Text {
            width: parent.width
            visible: text.length > 0
            text: row.subtitle
            color: row.subtitleColor
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
        }
    }
    Text {
        id: trailing
        anchors.right: parent.right
        anchors.rightMargin: Theme.spacing
        anchors.verticalCenter: parent.verticalCenter
        text: row.detail
        color: Theme.textDim
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
    }
    Rectangle {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.leftMargin: Theme.spacing
        anchors.bottom: parent.bottom
        height: 1
        color: Theme.surfaceRaised
    }
}
