import QtQuick
import ByteWave.UI

// A page's title line, with room on the right for actions.
Item {
    id: header
    property string title
    property string subtitle
    default property alias actions: actionRow.data

    implicitHeight: Theme.touch + Theme.spacing
    Column {
        anchors.left: parent.left
        anchors.right: actionRow.left
        anchors.verticalCenter: parent.verticalCenter
        Text {
            width: parent.width
            text: header.title
            color: Theme.text
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontHeading
            font.bold: true
        }
        Text {
            width: parent.width
            visible: text.length > 0
            text: header.subtitle
            color: Theme.textDim
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
        }
    }
    Row {
        id: actionRow
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.spacingSmall
    }
}
