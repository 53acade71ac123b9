import QtQuick

// Stands in for App.player: same properties and calls, and it records what the page asked.
QtObject {
    property bool hasTrack: true
    property var trackId: 42
    property string title: "Teardrop"
    property string artist: "Massive Attack"
    property string album: "Mezzanine"
    property string cover: ""
    property string reason: "Because you liked Angel"
    property real duration: 330
    property real position: 12
    property bool playing: false
    property bool liked: false
    property bool likePending: false
    property bool disliked: false
    property bool dislikePending: false
    property bool canGoBack: true
    property real tempoBpm: 0
    property string keyName: ""
    property real energy: -1
    property bool normalise: true
    property real volume: 0.8
    property var calls: []

    function record(name, arg) {
        const c = calls.slice();
        c.push(arg === undefined ? name : name + ":" + arg);
        calls = c;
    }
    function togglePlay() { record("togglePlay"); playing = !playing; }
    function play() { record("play"); }
    function pause() { record("pause"); }
    function skip() { record("skip"); }
    function previous() { record("previous"); }
    function seek(s) { record("seek", Math.round(s)); }
    function like() { record("like"); likePending = true; }
    function dislike() { record("dislike"); dislikePending = true; }
    function undo() { record("undo"); }
    function playTrack(id) { record("playTrack", id); }
    function playAlbum(key, id) { record("playAlbum", key + "/" + id); }
    function playSimilar(id) { record("playSimilar", id); }
    function skipQueued(id) { record("skipQueued", id); }
    function likeQueued(id) { record("likeQueued", id); }
    function playNext(id) { record("playNext", id); }
    function neverPlay(id) { record("neverPlay", id); }
    // What the C++ player does when the source reports the like committed.
    function commitLike() { likePending = false; liked = true; }
}
