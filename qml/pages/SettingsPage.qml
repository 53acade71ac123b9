import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Templates as T
import ByteWave.UI

// Library folders and rescan, analysis, volume normalisation, screen dimming, reset taste.
Item {
    id: page
    required property var library
    required property var settings
    required property var player
    required property var taste

    Rectangle { anchors.fill: parent; color: Theme.background }

    Flickable {
        id: flick
        objectName: "settingsFlick"
        anchors.fill: parent
        anchors.margins: Theme.spacing
        contentHeight: content.height
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar { width: 10 }

        Column {
            id: content
            width: flick.width - 14
            spacing: Theme.spacing

            Card {
                width: parent.width
                title: qsTr("Library")
                Repeater {
                    model: page.library.folders
                    delegate: SettingRow {
                        required property string modelData
                        required property int index
                        title: modelData
                        IconButton {
                            objectName: "removeFolder_" + index
                            text: qsTr("Remove folder")
                            iconName: "remove"
                            onClicked: page.library.removeFolder(modelData)
                        }
                    }
                }
                Text {
                    visible: page.library.folders.length === 0
                    text: qsTr("No music folders yet.")
                    color: Theme.textDim
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontBody
                }
                Row {
                    spacing: Theme.spacing
                    IconButton {
                        objectName: "addFolderButton"
                        text: qsTr("Add folder")
                        iconName: "folder"
                        showLabel: true
                        fill: Theme.surfaceRaised
                        onClicked: folderDialog.open()
                    }
                    IconButton {
                        objectName: "rescanButton"
                        text: page.library.scanning ? qsTr("Scanning…") : qsTr("Rescan")
                        iconName: "rescan"
                        showLabel: true
                        fill: Theme.surfaceRaised
                        enabled: !page.library.scanning
                        onClicked: page.library.rescan()
                    }
                }
                ProgressLine {
                    width: parent.width
                    visible: page.library.scanning
                    value: page.library.scanTotal > 0 ? page.library.scanDone / page.library.scanTotal : 0
                    caption: qsTr("Scanning: %1 of %2 files").arg(page.library.scanDone).arg(page.library.scanTotal)
                }
            }

            Card {
                width: parent.width
                title: qsTr("Playback")
                SettingRow {
                    title: qsTr("Volume")
                    Row {
                        spacing: Theme.spacingSmall
                        Icon {
                            anchors.verticalCenter: parent.verticalCenter
                            name: "volume"
                            color: Theme.textDim
                        }
                        Slider {
                            id: volumeSlider
                            objectName: "volumeSlider"
                            width: 260
                            height: Theme.touch
                            from: 0
                            to: 1
                            value: page.player.volume
                            onMoved: page.player.volume = value
                            Accessible.name: qsTr("Volume")
                            background: Rectangle {
                                x: volumeSlider.leftPadding
                                y: volumeSlider.topPadding + volumeSlider.availableHeight / 2 - height / 2
                                width: volumeSlider.availableWidth
                                height: 6
                                radius: 3
                                color: Theme.outline
                                Rectangle {
                                    width: volumeSlider.visualPosition * parent.width
                                    height: parent.height
                                    radius: 3
                                    color: Theme.accent
                                }
                            }
                            handle: Rectangle {
                                x: volumeSlider.leftPadding + volumeSlider.visualPosition * (volumeSlider.availableWidth - width)
                                y: volumeSlider.topPadding + volumeSlider.availableHeight / 2 - height / 2
                                width: 28
                                height: 28
                                radius: 14
                                color: Theme.text
                            }
                        }
                    }
                }
                SettingRow {
                    title: qsTr("Volume normalisation")
                    description: qsTr("Plays every track at the same loudness (from the analysis, or ReplayGain tags).")
                    ToggleSwitch {
                        objectName: "normaliseSwitch"
                        text: qsTr("Volume normalisation")
                        checked: page.player.normalise
                        onToggled: page.player.normalise = checked
                    }
                }
                SettingRow {
                    title: qsTr("Dim the screen")
                    description: qsTr("After this long without a touch.")
                    Stepper {
                        objectName: "dimStepper"
                        value: page.settings.dimMinutes
                        steps: [0, 1, 2, 5, 10, 15, 30, 60]
                        text: value === 0 ? qsTr("Never") : qsTr("%1 min").arg(value)
                        onChanged: (v) => page.settings.dimMinutes = v
                    }
                }
            }

            Card {
                width: parent.width
                title: qsTr("Analysis")
                SettingRow {
                    title: qsTr("Analyse audio in the background")
                    description: qsTr("Tempo, loudness and timbre help Up Next find similar music.")
                    ToggleSwitch {
                        objectName: "analysisSwitch"
                        text: qsTr("Analyse audio")
                        checked: page.settings.analysisEnabled
                        onToggled: page.settings.analysisEnabled = checked
                    }
                }
                SettingRow {
                    title: qsTr("Analysis jobs")
                    description: qsTr("More is faster; fewer leaves the device cooler.")
                    Stepper {
                        objectName: "jobsStepper"
                        value: page.settings.analysisJobs
                        from: 1
                        to: page.settings.maxAnalysisJobs
                        enabled: page.settings.analysisEnabled
                        onChanged: (v) => page.settings.analysisJobs = v
                    }
                }
            }

            Card {
                width: parent.width
                title: qsTr("Taste")
                SettingRow {
                    title: qsTr("Reset taste")
                    description: qsTr("ByteWave forgets what it learned and starts afresh. Your history is kept, so this can be undone.")
                    IconButton {
                        objectName: "resetTasteButton"
                        text: qsTr("Reset")
                        iconName: "undo"
                        iconColor: Theme.danger
                        showLabel: true
                        fill: Theme.surfaceRaised
                        onClicked: confirmReset.open()
                    }
                }
            }
        }
    }

    ConfirmDialog {
        id: confirmReset
        objectName: "confirmReset"
        title: qsTr("Reset taste?")
        message: qsTr("Up Next will stop using your likes, dislikes and skips so far.")
        confirmText: qsTr("Reset")
        onAccepted: page.taste.resetTaste()
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
