import QtQuick
import ByteWave.UI

// A setting: its name and a line of explanation on the left, its control on the right.
Item {
    id: row
    property string title
    property string description
    default property alias control: holder.data

    width: parent ? parent.width : 0
    implicitHeight: Math.max(Theme.touch + 8, text.implicitHeight + 12)

    Column {
        id: text
        anchors.left: parent.left
        anchors.right: holder.left
        anchors.rightMargin: Theme.spacing
        anchors.verticalCenter: parent.verticalCenter
        Text {
            width: parent.width
            text: row.title
            color: Theme.text
            wrapMode: Text.Wrap
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
        }
        Text {
            width: parent.width
            visible: text.length > 0
            text: row.description
            color: Theme.textDim
            wrapMode: Text.Wrap
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
        }
    }
    Row {
        id: holder
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.spacingSmall
    }
}
