import QtQuick
import QtQuick.Controls.Basic
import ByteWave.App
import ByteWave.UI

ApplicationWindow {
    id: window
    width: 800
    height: 480
    minimumWidth: 640
    minimumHeight: 400
    visible: true
    title: qsTr("ByteWave")
    color: Theme.background

    palette.window: Theme.background
    palette.windowText: Theme.text
    palette.base: Theme.surfaceRaised
    palette.text: Theme.text
    palette.button: Theme.surfaceRaised
    palette.buttonText: Theme.text
    palette.highlight: Theme.accent
    palette.highlightedText: Theme.textOnAccent
    palette.light: Theme.surfaceRaised
    palette.mid: Theme.outline
    palette.dark: Theme.surface
    palette.placeholderText: Theme.textDim
    font.family: Theme.fontFamily

    Shell {
        id: shell
        objectName: "shell"
        anchors.fill: parent
        player: App.player
        queue: App.queue
        library: App.library
        taste: App.taste
        settings: App.settings
        idle: App.idle
    }

    Connections {
        target: App
        function onNotice(text, undoable) {
            shell.notify(text, undoable);
        }
    }

    // The on-screen keyboard, only where there is no physical one (see App::prepareEnvironment).
    Loader {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        active: App.virtualKeyboard
        source: "KeyboardPanel.qml"
    }
}
