import QtQuick

// Stands in for App.taste; "persists" the adventurousness like the C++ object does.
QtObject {
    property real adventurousness: 0.5
    property var saved: []
    property var recent: ListModel {
        ListElement { signalId: 9; kind: "like"; title: "Teardrop"; artist: "Massive Attack"; at: 0; undone: false; undoable: true }
        ListElement { signalId: 8; kind: "skip"; title: "Hunter"; artist: "Björk"; at: 0; undone: false; undoable: false }
    }
    property var topArtists: ["Massive Attack", "Björk"]
    property var topTracks: ["Teardrop · Massive Attack"]
    property int likes: 3
    property int plays: 12
    property int analysed: 40
    property int analysisTotal: 100
    property int analysisFailed: 0
    property real analysisRate: 0.5
    property real analysisEtaS: 120
    property int undoCalls: 0
    property int resetCalls: 0
    onAdventurousnessChanged: { const s = saved.slice(); s.push(adventurousness); saved = s; }
    function undoLast() { undoCalls++; }
    function resetTaste() { resetCalls++; }
}
