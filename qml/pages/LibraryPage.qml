import QtQuick
import QtQuick.Controls.Basic
import ByteWave.UI

// Artists → albums → tracks, with cover thumbnails and search. Tap an album track to play the
// album from there; hold a track for "Play similar" and "Play next".
Item {
    id: page
    required property var library
    required property var player
    // "artists", "albums", "tracks"; a search shows tracks whatever the level.
    property string level: "artists"
    readonly property bool searching: search.query.length > 0

    function openArtist(name) {
        library.selectArtist(name);
        level = "albums";
    }
    function openAlbum(key) {
        library.selectAlbum(key);
        level = "tracks";
    }
    function back() {
        if (level === "tracks")
            level = "albums";
        else if (level === "albums")
            level = "artists";
    }

    Rectangle { anchors.fill: parent; color: Theme.background }

    Row {
        id: top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.spacing
        spacing: Theme.spacing
        IconButton {
            id: backButton
            objectName: "libraryBack"
            visible: page.level !== "artists" && !page.searching
            text: qsTr("Back")
            iconName: "back"
            onClicked: page.back()
        }
        SearchField {
            id: search
            objectName: "librarySearch"
            width: parent.width - (backButton.visible ? backButton.width + parent.spacing : 0)
            onQueryChanged: page.library.search = query
        }
    }

    PageHeader {
        id: header
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: top.bottom
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.spacing
        implicitHeight: Theme.touch + Theme.spacing
        title: page.searching ? qsTr("Results for “%1”").arg(search.query)
             : page.level === "artists" ? qsTr("Artists")
             : page.level === "albums" ? page.library.selectedArtist
             : page.library.selectedAlbumTitle
        subtitle: page.searching ? Theme.count(lists.current.count, qsTr("track"), qsTr("tracks"))
                : page.level === "artists" ? Theme.count(page.library.trackCount, qsTr("track in your library"), qsTr("tracks in your library"))
                : page.level === "albums" ? Theme.count(lists.current.count, qsTr("album"), qsTr("albums"))
                : Theme.count(lists.current.count, qsTr("track"), qsTr("tracks"))
        IconButton {
            objectName: "playAlbumButton"
            visible: page.level === "tracks" && !page.searching
            text: qsTr("Play album")
            iconName: "play"
            iconColor: Theme.textOnAccent
            fill: Theme.accent
            showLabel: true
            onClicked: page.player.playAlbum(page.library.selectedAlbum, 0)
        }
    }

    // One list per level, so each keeps its model, delegate and scroll position.
    Item {
        id: lists
        anchors.top: header.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.leftMargin: Theme.spacingSmall
        anchors.rightMargin: Theme.spacingSmall
        readonly property var current: page.searching || page.level === "tracks" ? trackList
                                     : page.level === "albums" ? albumList : artistList

        BrowseList {
            id: artistList
            objectName: "artistList"
            anchors.fill: parent
            visible: lists.current === this
            model: page.library.artists
            delegate: artistDelegate
        }
        BrowseList {
            id: albumList
            objectName: "albumList"
            anchors.fill: parent
            visible: lists.current === this
            model: page.library.albums
            delegate: albumDelegate
        }
        BrowseList {
            id: trackList
            objectName: "trackList"
            anchors.fill: parent
            visible: lists.current === this
            model: page.library.tracks
            delegate: trackDelegate
        }
    }

    Component {
        id: artistDelegate
        ItemDelegate {
            id: d
            required property string name
            required property int albumCount
            required property int trackCount
            required property string cover
            width: ListView.view.width
            height: Theme.rowHeight
            padding: 0
            background: Rectangle { color: d.pressed ? Theme.surfaceRaised : "transparent" }
            contentItem: TrackRow {
                cover: d.cover
                title: d.name
                subtitle: Theme.count(d.albumCount, qsTr("album"), qsTr("albums")) + " · " + Theme.count(d.trackCount, qsTr("track"), qsTr("tracks"))
            }
            onClicked: page.openArtist(name)
        }
    }
    Component {
        id: albumDelegate
        ItemDelegate {
            id: d
            required property string albumKey
            required property string title
            required property int year
            required property int trackCount
            required property string cover
            width: ListView.view.width
            height: Theme.rowHeight
            padding: 0
            background: Rectangle { color: d.pressed ? Theme.surfaceRaised : "transparent" }
            contentItem: TrackRow {
                cover: d.cover
                title: d.title.length > 0 ? d.title : qsTr("Unknown album")
                subtitle: (d.year > 0 ? d.year + " · " : "") + Theme.count(d.trackCount, qsTr("track"), qsTr("tracks"))
            }
            onClicked: page.openAlbum(albumKey)
        }
    }
    Component {
        id: trackDelegate
        ItemDelegate {
            id: d
            required property int index
            required property var trackId
            required property string title
            required property string artist
            required property string album
            required property int trackNumber
            required property real duration
            required property string cover
            objectName: "trackRow_" + index
            width: ListView.view.width
            height: Theme.rowHeight
            padding: 0
            background: Rectangle { color: d.pressed ? Theme.surfaceRaised : "transparent" }
            contentItem: TrackRow {
                showCover: page.searching
                leading: d.trackNumber > 0 ? d.trackNumber : ""
                cover: d.cover
                title: d.title
                subtitle: page.searching ? d.artist + " · " + d.album : d.artist
                detail: Theme.formatTime(d.duration)
            }
            onClicked: {
                if (page.searching)
                    page.player.playTrack(trackId);
                else
                    page.player.playAlbum(page.library.selectedAlbum, trackId);
            }
            onPressAndHold: {
                trackMenu.trackId = trackId;
                trackMenu.trackTitle = d.title;
                trackMenu.popup();
            }
        }
    }

    TrackMenu {
        id: trackMenu
        objectName: "trackMenu"
        TrackMenuItem {
            text: qsTr("Play now")
            onTriggered: page.player.playTrack(trackMenu.trackId)
        }
        TrackMenuItem {
            text: qsTr("Play similar")
            onTriggered: page.player.playSimilar(trackMenu.trackId)
        }
        TrackMenuItem {
            text: qsTr("Play next")
            onTriggered: page.player.playNext(trackMenu.trackId)
        }
    }
}
