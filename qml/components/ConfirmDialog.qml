import QtQuick
import QtQuick.Controls.Basic
import ByteWave.UI

// Asks before something that cannot be taken back easily.
Dialog {
    id: dialog
    property string message
    property string confirmText: qsTr("OK")

    modal: true
    anchors.centerIn: parent
    width: Math.min(parent ? parent.width - 80 : 520, 520)
    padding: Theme.spacingLarge
    background: Rectangle { color: Theme.surfaceRaised; radius: Theme.radius; border.color: Theme.outline }
    header: Text {
        text: dialog.title
        padding: Theme.spacingLarge
        bottomPadding: 0
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontHeading
        font.bold: true
    }
    contentItem: Text {
        text: dialog.message
        color: Theme.textDim
        wrapMode: Text.Wrap
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
    }
    footer: Row {
        layoutDirection: Qt.RightToLeft
        padding: Theme.spacing
        spacing: Theme.spacing
        IconButton {
            objectName: "confirmButton"
            text: dialog.confirmText
            iconName: "undo"
            iconColor: Theme.background
            fill: Theme.danger
            showLabel: true
            onClicked: dialog.accept()
        }
        IconButton {
            objectName: "cancelButton"
            text: qsTr("Cancel")
            iconName: "close"
            showLabel: true
            fill: Theme.surface
            onClicked: dialog.reject()
        }
    }
}
