import QtQuick
import QtQuick.Controls.Basic
import ByteWave.UI

// The ranked queue with each track's reason. Swipe a row left to skip it, right to like it;
// tap to play it now; long-press for "Play next" and "Never play". Changes animate.
Item {
    id: page
    required property var player
    required property var queue

    Rectangle { anchors.fill: parent; color: Theme.background }

    PageHeader {
        id: header
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        title: qsTr("Up Next")
        subtitle: qsTr("Swipe left to skip · right to like · hold for more")
    }

    Text {
        anchors.centerIn: parent
        visible: list.count === 0
        text: qsTr("Up Next is empty")
        color: Theme.textDim
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontHeading
    }

    ListView {
        id: list
        objectName: "queueList"
        anchors.top: header.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacing
        clip: true
        model: page.queue
        reuseItems: true
        boundsBehavior: Flickable.StopAtBounds

        add: Transition {
            NumberAnimation { property: "opacity"; from: 0; to: 1; duration: Theme.anim }
            NumberAnimation { property: "x"; from: 60; duration: Theme.anim; easing.type: Easing.OutCubic }
        }
        remove: Transition {
            NumberAnimation { property: "opacity"; to: 0; duration: Theme.anim }
        }
        move: Transition {
            NumberAnimation { properties: "y"; duration: Theme.anim; easing.type: Easing.OutCubic }
        }
        displaced: Transition {
            NumberAnimation { properties: "x,y"; duration: Theme.anim; easing.type: Easing.OutCubic }
            NumberAnimation { property: "opacity"; to: 1; duration: Theme.anim }
        }

        delegate: Item {
            id: rowItem
            required property int index
            required property var trackId
            required property string title
            required property string artist
            required property string cover
            required property string reason
            required property real duration
            objectName: "queueRow_" + index
            width: ListView.view.width
            height: Theme.rowHeight + 4
            ListView.onReused: swipe.reset()
            Timer {
                id: putBack
                interval: 1500
                onTriggered: swipe.reset()
            }

            // What the swipe will do, revealed under the row.
            Rectangle {
                anchors.fill: parent
                anchors.topMargin: 2
                anchors.bottomMargin: 2
                radius: Theme.radius
                color: swipe.offset < 0 ? Theme.surfaceRaised : Qt.darker(Theme.like, 2.2)
                visible: swipe.offset !== 0
                Row {
                    anchors.left: parent.left
                    anchors.leftMargin: Theme.margin
                    anchors.verticalCenter: parent.verticalCenter
                    spacing: Theme.spacing
                    visible: swipe.offset > 0
                    Icon { name: "heart-filled"; color: Theme.like }
                    Text { text: qsTr("Like"); color: Theme.text; font.pixelSize: Theme.fontBody; font.family: Theme.fontFamily }
                }
                Row {
                    anchors.right: parent.right
                    anchors.rightMargin: Theme.margin
                    anchors.verticalCenter: parent.verticalCenter
                    spacing: Theme.spacing
                    visible: swipe.offset < 0
                    Text { text: qsTr("Skip"); color: Theme.text; font.pixelSize: Theme.fontBody; font.family: Theme.fontFamily }
                    Icon { name: "next"; color: Theme.text }
                }
            }
            SwipeArea {
                id: swipe
                anchors.fill: parent
                onSwipedLeft: {
                    page.player.skipQueued(rowItem.trackId);
                    putBack.restart(); // the row normally leaves; if it stays, show it again
                }
                onSwipedRight: {
                    page.player.likeQueued(rowItem.trackId);
                    reset(); // a liked track stays queued
                }
                onTapped: page.player.playTrack(rowItem.trackId)
                onLongPressed: {
                    menu.trackId = rowItem.trackId;
                    menu.trackTitle = rowItem.title;
                    menu.popup();
                }
                content: Rectangle {
                    width: swipe.width
                    height: swipe.height
                    color: Theme.background
                    TrackRow {
                        anchors.fill: parent
                        cover: rowItem.cover
                        title: rowItem.title
                        subtitle: rowItem.artist + (rowItem.reason.length > 0 ? "  ·  " + rowItem.reason : "")
                        detail: Theme.formatTime(rowItem.duration)
                    }
                }
            }
        }
    }

    TrackMenu {
        id: menu
        objectName: "queueMenu"
        TrackMenuItem {
            text: qsTr("Play next")
            onTriggered: page.player.playNext(menu.trackId)
        }
        TrackMenuItem {
            text: qsTr("Play now")
            onTriggered: page.player.playTrack(menu.trackId)
        }
        TrackMenuItem {
            text: qsTr("Never play")
            destructive: true
            onTriggered: page.player.neverPlay(menu.trackId)
        }
    }
}
