import QtQuick
import QtQuick.Controls.Basic
import ByteWave.UI

// One short line at the bottom ("Liked …", "Could not play …") with Undo where it makes sense.
// Never blocks: it does not take focus and goes away by itself.
Rectangle {
    id: bar
    property string text
    property bool undoable: false
    signal undoRequested()

    function show(message, canUndo) {
        text = message;
        undoable = canUndo;
        visible = true;
        opacity = 1;
        hideTimer.restart();
    }

    visible: false
    opacity: 0
    width: Math.min(parent ? parent.width - 2 * Theme.margin : 600, label.implicitWidth + undo.width + 3 * Theme.spacingLarge)
    height: Theme.touch
    radius: height / 2
    color: Theme.surfaceRaised
    border.color: Theme.outline
    Behavior on opacity { NumberAnimation { duration: Theme.anim } }
    onOpacityChanged: if (opacity === 0) visible = false

    Text {
        id: label
        objectName: "snackbarText"
        anchors.left: parent.left
        anchors.leftMargin: Theme.spacingLarge
        anchors.right: undo.visible ? undo.left : parent.right
        anchors.rightMargin: Theme.spacing
        anchors.verticalCenter: parent.verticalCenter
        text: bar.text
        color: Theme.text
        elide: Text.ElideRight
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
    }
    IconButton {
        id: undo
        objectName: "snackbarUndo"
        visible: bar.undoable
        width: visible ? implicitWidth : 0
        anchors.right: parent.right
        anchors.rightMargin: 4
        anchors.verticalCenter: parent.verticalCenter
        text: qsTr("Undo")
        iconName: "undo"
        iconColor: Theme.accent
        showLabel: true
        onClicked: {
            bar.undoRequested();
            bar.opacity = 0;
        }
    }
    Timer {
        id: hideTimer
        interval: 4500
        onTriggered: bar.opacity = 0
    }
}
