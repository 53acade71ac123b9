import QtQuick
import ByteWave.UI

// A titled panel.
Rectangle {
    id: card
    property string title
    default property alias body: column.data
    property alias spacing: column.spacing

    color: Theme.surface
    radius: Theme.radius
    implicitHeight: column.implicitHeight + 2 * Theme.spacingLarge - 4

    Column {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.spacingLarge - 4
        spacing: Theme.spacing
        Text {
            objectName: "cardTitle"
            visible: card.title.length > 0
            width: parent.width
            elide: Text.ElideRight // a narrow window must not spill it past the card
            text: card.title
            color: Theme.textDim
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            font.bold: true
            font.capitalization: Font.AllUppercase
            font.letterSpacing: 1
        }
    }
}
