pragma Singleton
import QtQuick

// Every size, colour and duration the UI uses. Tuned for the 7" 800x480 screen read at arm's
// length: touch targets of at least 48 px, large type, a dark theme with high contrast.
QtObject {
    readonly property color background: "#0d0f12"
    readonly property color surface: "#171a1f"
    readonly property color surfaceRaised: "#222730"
    readonly property color outline: "#363d49"
    readonly property color text: "#f5f7fa"
    readonly property color textDim: "#aeb6c2"
    readonly property color accent: "#4fd8c8"
    readonly property color textOnAccent: "#06201d"
    readonly property color like: "#ff6b93"
    readonly property color dislike: "#ffb454"
    readonly property color danger: "#ff6b6b"

    readonly property string fontFamily: "DejaVu Sans"
    readonly property int fontTitle: 28
    readonly property int fontHeading: 22
    readonly property int fontBody: 18
    readonly property int fontSmall: 15

    readonly property int touchMin: 48
    readonly property int touch: 56
    readonly property int touchLarge: 72
    readonly property int icon: 28
    readonly property int iconSmall: 22
    readonly property int rowHeight: 68
    readonly property int thumb: 52
    readonly property int navWidth: 92
    readonly property int spacingSmall: 6
    readonly property int spacing: 12
    readonly property int spacingLarge: 20
    readonly property int margin: 20
    readonly property int radius: 12

    readonly property int animFast: 120
    readonly property int anim: 220
    readonly property int swipeThreshold: 110

    // "image://icon/<name>/<rrggbb>": the icon drawn in that colour.
    function iconUrl(name, color) {
        return "image://icon/" + name + "/" + color.toString().substring(1);
    }

    // 3:07, or 1:02:33 for long tracks.
    function formatTime(seconds) {
        const s = Math.max(0, Math.floor(seconds || 0));
        const h = Math.floor(s / 3600);
        const m = Math.floor((s % 3600) / 60);
        const sec = s % 60;
        const mm = h > 0 && m < 10 ? "0" + m : "" + m;
        return (h > 0 ? h + ":" : "") + mm + ":" + (sec < 10 ? "0" : "") + sec;
    }

    // "1 track", "12 tracks" (callers pass both forms through qsTr).
    function count(n, one, many) {
        return n + " " + (n === 1 ? one : many);
    }

    // The adventurousness slider in plain language.
    function adventurousnessText(value) {
        if (value < 0.34)
            return qsTr("Mostly favourites");
        if (value < 0.67)
            return qsTr("A good mix");
        return qsTr("Explore");
    }
}
