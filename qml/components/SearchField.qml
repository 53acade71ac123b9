import QtQuick
import QtQuick.Controls.Basic
import ByteWave.UI

// A big search box with a clear button. Emits the text after a short pause in typing so a
// 10,000-track filter does not run on every keystroke.
TextField {
    id: field
    property string query
    signal cleared()

    implicitHeight: Theme.touch
    leftPadding: Theme.touch
    rightPadding: Theme.touch
    placeholderText: qsTr("Search songs, artists, albums")
    placeholderTextColor: Theme.textDim
    color: Theme.text
    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontBody
    inputMethodHints: Qt.ImhNoPredictiveText
    selectByMouse: true
    onTextChanged: debounce.restart()
    // Enter (the on-screen keyboard's too) searches at once and puts the keyboard away, so
    // the results get the whole screen.
    onAccepted: {
        debounce.stop();
        query = text;
        focus = false;
        Qt.inputMethod.hide();
    }
    background: Rectangle {
        radius: height / 2
        color: Theme.surfaceRaised
        border.width: field.activeFocus ? 2 : 1
        border.color: field.activeFocus ? Theme.accent : Theme.outline
    }
    Icon {
        anchors.left: parent.left
        anchors.leftMargin: 16
        anchors.verticalCenter: parent.verticalCenter
        name: "search"
        color: Theme.textDim
        size: Theme.iconSmall
    }
    IconButton {
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        visible: field.text.length > 0
        text: qsTr("Clear search")
        iconName: "close"
        iconSize: Theme.iconSmall
        onClicked: {
            field.clear();
            field.query = "";
            field.cleared();
        }
    }
    Timer {
        id: debounce
        interval: 180
        onTriggered: field.query = field.text
    }
}
