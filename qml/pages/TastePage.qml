import QtQuick
import QtQuick.Controls.Basic
import ByteWave.UI

// How adventurous Up Next is, what ByteWave has learned, recent signals (with undo), and
// how far the audio analysis has got.
Item {
    id: page
    required property var taste

    function kindText(kind) {
        switch (kind) {
        case "like": return qsTr("Liked");
        case "dislike": return qsTr("Not for me");
        case "skip": return qsTr("Skipped");
        case "complete": return qsTr("Played to the end");
        case "replay": return qsTr("Played again");
        case "reset": return qsTr("Taste reset");
        }
        return kind;
    }
    function etaText(seconds) {
        if (!(seconds > 0))
            return "";
        if (seconds < 90)
            return qsTr("under 2 minutes left");
        if (seconds < 5400)
            return qsTr("about %1 min left").arg(Math.round(seconds / 60));
        return qsTr("about %1 h left").arg((seconds / 3600).toFixed(1));
    }

    Rectangle { anchors.fill: parent; color: Theme.background }

    Flickable {
        id: flick
        anchors.fill: parent
        anchors.margins: Theme.spacing
        contentHeight: columns.height
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        Row {
            id: columns
            width: flick.width
            spacing: Theme.spacing

            Column {
                width: (columns.width - columns.spacing) * 0.52
                spacing: Theme.spacing

                Card {
                    width: parent.width
                    title: qsTr("Adventurousness")
                    AdventurousnessSlider {
                        width: parent.width
                        value: page.taste.adventurousness
                        onCommitted: (v) => page.taste.adventurousness = v
                    }
                }
                Card {
                    width: parent.width
                    title: qsTr("What ByteWave has learned")
                    Text {
                        width: parent.width
                        text: page.taste.plays === 0 && page.taste.likes === 0
                              ? qsTr("Nothing yet: play, like and skip, and Up Next follows.")
                              : Theme.count(page.taste.plays, qsTr("play"), qsTr("plays")) + " · " + Theme.count(page.taste.likes, qsTr("like"), qsTr("likes"))
                        color: Theme.textDim
                        wrapMode: Text.Wrap
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontSmall
                    }
                    Text {
                        visible: page.taste.topArtists.length > 0
                        text: qsTr("Artists you like")
                        color: Theme.text
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                    }
                    Flow {
                        width: parent.width
                        spacing: Theme.spacingSmall
                        Repeater {
                            objectName: "topArtists"
                            model: page.taste.topArtists
                            delegate: Rectangle {
                                required property string modelData
                                height: 36
                                width: chip.implicitWidth + 24
                                radius: 18
                                color: Theme.surfaceRaised
                                Text {
                                    id: chip
                                    anchors.centerIn: parent
                                    text: parent.modelData
                                    color: Theme.text
                                    font.family: Theme.fontFamily
                                    font.pixelSize: Theme.fontSmall
                                }
                            }
                        }
                    }
                    Text {
                        visible: page.taste.topTracks.length > 0
                        text: qsTr("Tracks you like")
                        color: Theme.text
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                    }
                    Repeater {
                        objectName: "topTracks"
                        model: page.taste.topTracks
                        delegate: Text {
                            required property string modelData
                            width: parent ? parent.width : 0
                            text: modelData
                            color: Theme.textDim
                            elide: Text.ElideRight
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.fontSmall
                        }
                    }
                }
            }

            Column {
                width: (columns.width - columns.spacing) * 0.48
                spacing: Theme.spacing

                Card {
                    width: parent.width
                    title: qsTr("Audio analysis")
                    ProgressLine {
                        objectName: "analysisProgress"
                        width: parent.width
                        // Files that cannot be analysed are done with too (tried again only when
                        // they change), so the bar completes; the caption says how many.
                        value: page.taste.analysisTotal > 0
                               ? (page.taste.analysed + page.taste.analysisFailed) / page.taste.analysisTotal : 0
                        caption: page.taste.analysisTotal === 0
                                 ? qsTr("No tracks to analyse yet")
                                 : qsTr("%1 of %2 tracks analysed").arg(page.taste.analysed).arg(page.taste.analysisTotal)
                                   + (page.taste.analysisFailed > 0 ? " · " + qsTr("%n could not be read", "", page.taste.analysisFailed) : "")
                                   + (page.taste.analysisRate > 0 ? " · " + qsTr("%1 per minute").arg(Math.round(page.taste.analysisRate * 60)) : "")
                                   + (page.taste.analysisEtaS > 0 ? " · " + page.etaText(page.taste.analysisEtaS) : "")
                    }
                }
                Card {
                    width: parent.width
                    title: qsTr("Recent signals")
                    Text {
                        visible: recentList.count === 0
                        text: qsTr("None yet")
                        color: Theme.textDim
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontSmall
                    }
                    Column {
                        width: parent.width
                        Repeater {
                            id: recentList
                            model: page.taste.recent
                            delegate: Item {
                                id: signalRow
                                required property int index
                                required property string kind
                                required property string title
                                required property string artist
                                required property bool undone
                                required property bool undoable
                                width: parent ? parent.width : 0
                                height: index < 6 ? Theme.touchMin + 4 : 0
                                visible: index < 6
                                Column {
                                    anchors.left: parent.left
                                    // Only the undoable row gives up room for its button.
                                    anchors.right: signalRow.undoable ? undoButton.left : signalRow.right
                                    anchors.verticalCenter: parent.verticalCenter
                                    Text {
                                        width: parent.width
                                        text: page.kindText(signalRow.kind) + (signalRow.undone ? " " + qsTr("(undone)") : "")
                                        color: signalRow.undone ? Theme.textDim : Theme.text
                                        font.strikeout: signalRow.undone
                                        font.family: Theme.fontFamily
                                        font.pixelSize: Theme.fontSmall
                                        font.bold: true
                                    }
                                    Text {
                                        width: parent.width
                                        visible: signalRow.title.length > 0
                                        text: signalRow.title + " · " + signalRow.artist
                                        color: Theme.textDim
                                        elide: Text.ElideRight
                                        font.family: Theme.fontFamily
                                        font.pixelSize: Theme.fontSmall
                                    }
                                }
                                IconButton {
                                    id: undoButton
                                    objectName: "undoSignal_" + signalRow.index
                                    anchors.right: parent.right
                                    anchors.verticalCenter: parent.verticalCenter
                                    visible: signalRow.undoable
                                    text: qsTr("Undo")
                                    iconName: "undo"
                                    iconColor: Theme.accent
                                    onClicked: page.taste.undoLast()
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
