import QtQuick
import QtQuick.Controls.Basic
import Qt.labs.folderlistmodel
import ByteWave.UI

// Picks a music folder by finger: big rows, the dark theme, "Up" and "Use this folder". Qt's own
// FolderDialog has no native version on eglfs and its Quick fallback has 40 px rows and a white
// path bar with white text. FolderListModel reads directories off the GUI thread.
Dialog {
    id: picker
    // Where browsing starts (Library.startFolder: ~/Music, else home).
    property url startFolder
    // The folder shown; "Use this folder" accepts it.
    property url selectedFolder: startFolder

    modal: true
    anchors.centerIn: parent
    width: parent ? parent.width - 2 * Theme.margin : 760
    height: parent ? parent.height - 2 * Theme.margin : 440
    padding: 0
    onAboutToShow: selectedFolder = startFolder

    // "file:///a/b" -> "file:///a", "file:///a" -> "file:///", "file:///" -> "". (FolderListModel's
    // parentFolder does not always notify a change in Qt 6.4.)
    function parentOf(url) {
        const path = String(url).replace(/^file:\/\//, "").replace(/\/+$/, "");
        if (path.length === 0)
            return "";
        const cut = path.lastIndexOf("/");
        return "file://" + (cut > 0 ? path.substring(0, cut) : "/");
    }
    // Whether two folder URLs name the same folder ("file:///a/" and "file:///a" do).
    function sameFolder(a, b) {
        return String(a).replace(/\/+$/, "") === String(b).replace(/\/+$/, "");
    }
    background: Rectangle { color: Theme.surface; radius: Theme.radius; border.color: Theme.outline }

    header: Item {
        implicitHeight: Theme.touch + 2 * Theme.spacing
        IconButton {
            id: upButton
            objectName: "folderUp"
            anchors.left: parent.left
            anchors.leftMargin: Theme.spacing
            anchors.verticalCenter: parent.verticalCenter
            text: qsTr("Up")
            iconName: "back"
            enabled: picker.parentOf(picker.selectedFolder).length > 0
            onClicked: picker.selectedFolder = picker.parentOf(picker.selectedFolder)
        }
        Column {
            anchors.left: upButton.right
            anchors.leftMargin: Theme.spacing
            anchors.right: parent.right
            anchors.rightMargin: Theme.margin
            anchors.verticalCenter: parent.verticalCenter
            Text {
                width: parent.width
                text: picker.title
                color: Theme.text
                elide: Text.ElideRight
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontHeading
                font.bold: true
            }
            Text {
                objectName: "folderPath"
                width: parent.width
                text: decodeURIComponent(picker.selectedFolder.toString().replace(/^file:\/\//, "")) || "/"
                color: Theme.textDim
                elide: Text.ElideLeft // the end of a path says where you are
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
            }
        }
    }

    contentItem: ListView {
        id: list
        objectName: "folderList"
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar { width: 10 }
        model: FolderListModel {
            id: folders
            folder: picker.selectedFolder
            showFiles: false
            showHidden: false
            showDotAndDotDot: false
            sortCaseSensitive: false
        }
        delegate: ItemDelegate {
            id: row
            required property string fileName
            required property url fileUrl
            // After a tap on a folder the model keeps the previous folder's rows until its
            // thread has read the new one (status stays Ready meanwhile); those rows are not
            // shown and cannot be tapped.
            readonly property bool current: picker.sameFolder(picker.parentOf(fileUrl), picker.selectedFolder)
            objectName: "folder_" + fileName
            width: ListView.view.width
            height: current ? Theme.touch : 0
            visible: current
            leftPadding: Theme.margin
            onClicked: picker.selectedFolder = row.fileUrl
            background: Rectangle {
                color: row.pressed ? Theme.surfaceRaised : "transparent"
                Rectangle {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.bottom: parent.bottom
                    anchors.leftMargin: Theme.margin
                    anchors.rightMargin: Theme.margin
                    height: 1
                    color: Theme.outline
                }
            }
            contentItem: Row {
                spacing: Theme.spacing
                Icon {
                    anchors.verticalCenter: parent.verticalCenter
                    name: "folder"
                    color: Theme.accent
                    size: Theme.iconSmall
                }
                Text {
                    anchors.verticalCenter: parent.verticalCenter
                    width: row.availableWidth - Theme.iconSmall - Theme.spacing
                    text: row.fileName
                    color: Theme.text
                    elide: Text.ElideRight
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontBody
                }
            }
        }
        Text {
            anchors.centerIn: parent
            visible: list.count === 0 && folders.status === FolderListModel.Ready
            text: qsTr("No folders in here")
            color: Theme.textDim
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
        }
    }

    footer: Item {
        implicitHeight: Theme.touch + 2 * Theme.spacing
        Row {
            anchors.right: parent.right
            anchors.rightMargin: Theme.spacing
            anchors.verticalCenter: parent.verticalCenter
            spacing: Theme.spacing
            IconButton {
                objectName: "folderCancel"
                text: qsTr("Cancel")
                iconName: "close"
                showLabel: true
                onClicked: picker.reject()
            }
            IconButton {
                objectName: "folderUse"
                text: qsTr("Use this folder")
                iconName: "folder"
                iconColor: Theme.textOnAccent
                fill: Theme.accent
                showLabel: true
                onClicked: picker.accept()
            }
        }
    }
}
