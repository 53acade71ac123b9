import QtQuick
import QtQuick.Controls.Basic
import ByteWave.UI

// What is playing: cover (swipe left to skip, right for previous), title, artist, album, what
// the analysis heard (tempo, key, energy), why it was chosen, progress with drag-to-seek,
// play/pause and previous, and large Not for me / Skip / Like buttons.
Item {
    id: page
    required property var player

    Rectangle { anchors.fill: parent; color: Theme.background }

    Text {
        anchors.centerIn: parent
        visible: !page.player.hasTrack
        text: qsTr("Nothing to play yet")
        color: Theme.textDim
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontHeading
    }

    SwipeArea {
        id: coverSwipe
        objectName: "coverSwipe"
        visible: page.player.hasTrack
        // A narrow window gives the cover less, so the three verdict labels still fit.
        width: Math.min(page.height - 2 * Theme.margin, page.width * (page.width < 640 ? 0.36 : 0.42))
        height: width
        anchors.left: parent.left
        anchors.leftMargin: Theme.margin
        anchors.verticalCenter: parent.verticalCenter
        slideOut: false
        enabledRight: page.player.canGoBack || page.player.position > 5
        onSwipedLeft: page.player.skip()
        onSwipedRight: page.player.previous()
        onTapped: page.player.togglePlay()
        content: CoverArt {
            width: coverSwipe.width
            height: coverSwipe.height
            source: page.player.cover
            radius: Theme.radius + 4
            Rectangle {
                // Says which way the swipe goes while the finger is down.
                anchors.fill: parent
                radius: parent.radius
                color: coverSwipe.offset < 0 ? Theme.accent : Theme.text
                opacity: Math.min(0.35, Math.abs(coverSwipe.offset) / Theme.swipeThreshold * 0.35)
            }
        }
    }

    Column {
        id: info
        visible: page.player.hasTrack
        anchors.left: coverSwipe.right
        anchors.leftMargin: Theme.margin + 4
        anchors.right: parent.right
        anchors.rightMargin: Theme.margin
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.spacingSmall

        Text {
            id: titleText
            objectName: "title"
            width: parent.width
            text: page.player.title
            color: Theme.text
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontTitle
            font.bold: true
        }
        Text {
            width: parent.width
            text: page.player.artist
            color: Theme.text
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontHeading - 2
        }
        Text {
            width: parent.width
            text: page.player.album
            visible: text.length > 0
            color: Theme.textDim
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody - 2
        }
        Text {
            // What the analysis heard: "124 BPM · A minor · high energy" (each part once known).
            // Left out where it would crowd the column: a title on two lines, or a short window.
            objectName: "analysisDetails"
            width: parent.width
            text: {
                const parts = []
                if (page.player.tempoBpm > 0)
                    parts.push(qsTr("%1 BPM").arg(Math.round(page.player.tempoBpm)))
                if (page.player.keyName.length > 0)
                    parts.push(page.player.keyName)
                const e = page.player.energy
                if (e >= 0)
                    parts.push(e < 1 / 3 ? qsTr("low energy") : e < 2 / 3 ? qsTr("medium energy") : qsTr("high energy"))
                return parts.join(" · ")
            }
            visible: text.length > 0 && titleText.lineCount < 2 && page.height >= 440
            color: Theme.textDim
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
        }
        Row {
            width: parent.width
            spacing: Theme.spacingSmall
            visible: page.player.reason.length > 0
            topPadding: 2
            Icon {
                name: "sparkle"
                size: Theme.iconSmall - 4
                color: Theme.accent
                anchors.verticalCenter: parent.verticalCenter
            }
            Text {
                objectName: "reason"
                width: parent.width - Theme.iconSmall
                text: page.player.reason
                color: Theme.accent
                elide: Text.ElideRight
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                font.italic: true
            }
        }
        Item { width: 1; height: Theme.spacingSmall }
        SeekBar {
            width: parent.width
            position: page.player.position
            duration: page.player.duration
            onSeekRequested: (seconds) => page.player.seek(seconds)
        }
        Row {
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: Theme.spacingLarge
            IconButton {
                objectName: "previousButton"
                text: qsTr("Previous")
                iconName: "previous"
                anchors.verticalCenter: parent.verticalCenter
                onClicked: page.player.previous()
            }
            IconButton {
                objectName: "playButton"
                text: page.player.playing ? qsTr("Pause") : qsTr("Play")
                iconName: page.player.playing ? "pause" : "play"
                iconColor: Theme.textOnAccent
                iconSize: Theme.icon + 8
                fill: Theme.accent
                implicitWidth: Theme.touchLarge
                implicitHeight: Theme.touchLarge
                onClicked: page.player.togglePlay()
            }
            // Keeps Play/Pause centred over the three big buttons below.
            Item { width: Theme.touch; height: 1 }
        }
        Item { width: 1; height: Theme.spacingSmall }
        // The three verdicts, large: the listener's main way of teaching ByteWave.
        Row {
            id: verdicts
            readonly property real buttonWidth: (info.width - 2 * Theme.spacing) / 3
            spacing: Theme.spacing
            FeedbackButton {
                objectName: "dislikeButton"
                text: qsTr("Not for me")
                iconName: "dislike"
                doneIconName: "dislike-filled"
                tint: Theme.dislike
                implicitWidth: verdicts.buttonWidth
                done: page.player.disliked
                pending: page.player.dislikePending
                onClicked: page.player.dislike()
            }
            FeedbackButton {
                objectName: "skipButton"
                text: qsTr("Skip")
                iconName: "next"
                tint: Theme.accent
                implicitWidth: verdicts.buttonWidth
                onClicked: page.player.skip()
            }
            FeedbackButton {
                objectName: "likeButton"
                text: page.player.liked ? qsTr("Liked") : qsTr("Like")
                iconName: "heart"
                doneIconName: "heart-filled"
                tint: Theme.like
                implicitWidth: verdicts.buttonWidth
                done: page.player.liked
                pending: page.player.likePending
                onClicked: page.player.like()
            }
        }
    }
}
