import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Templates as T
import ByteWave.UI

// Shown while the library is empty: choose a music folder, or try the demo library.
Rectangle {
    id: page
    required property var library

    color: Theme.background

    Column {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, 560)
        spacing: Theme.spacingLarge

        Icon {
            anchors.horizontalCenter: parent.horizontalCenter
            name: "note"
            size: 64
            color: Theme.accent
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Welcome to ByteWave")
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontTitle
            font.bold: true
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            text: page.library.creatingDemo
                  ? qsTr("Making the demo library… %1 of %2 tracks.").arg(page.library.demoDone).arg(page.library.demoTotal)
                  : page.library.scanning
                  ? qsTr("Looking for music… %1 files so far.").arg(page.library.scanDone)
                  : page.library.folders.length > 0
                    ? qsTr("No music found in %1. Choose another folder, or try the demo library.").arg(page.library.folders.join(", "))
                    : qsTr("Choose the folder with your music. It stays on this device; ByteWave learns what you like from your own taps.")
            color: Theme.textDim
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
        }
        ProgressLine {
            width: parent.width
            visible: page.library.creatingDemo || page.library.scanning
            value: page.library.creatingDemo
                   ? (page.library.demoTotal > 0 ? page.library.demoDone / page.library.demoTotal : 0)
                   : (page.library.scanTotal > 0 ? page.library.scanDone / page.library.scanTotal : 0)
        }
        Row {
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: Theme.spacing
            IconButton {
                objectName: "chooseFolderButton"
                text: qsTr("Choose a folder")
                iconName: "folder"
                iconColor: Theme.textOnAccent
                fill: Theme.accent
                showLabel: true
                enabled: !page.library.scanning && !page.library.creatingDemo
                onClicked: folderDialog.open()
            }
            IconButton {
                objectName: "demoButton"
                text: qsTr("Try the demo library")
                iconName: "sparkle"
                fill: Theme.surfaceRaised
                showLabel: true
                enabled: !page.library.scanning && !page.library.creatingDemo
                onClicked: page.library.createDemoLibrary()
            }
        }
    }

    FolderPicker {
        id: folderDialog
        objectName: "folderDialog"
        parent: T.Overlay.overlay
        title: qsTr("Choose a music folder")
        startFolder: page.library.startFolder || ""
        onAccepted: page.library.addFolder(folderDialog.selectedFolder)
    }

}
