import QtQuick
import QtTest
import ByteWave.UI

// "High contrast" as a number: every text colour the pages use on every surface it sits on
// meets WCAG 2.x AA for normal text (4.5:1); most pairs are above 7:1.
TestCase {
    name: "Theme"

    function luminance(c) {
        const lin = (v) => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
    }
    function contrast(a, b) {
        const la = luminance(a);
        const lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    function test_textContrast_data() {
        const rows = [];
        const texts = ["text", "textDim", "accent", "like", "dislike", "danger"];
        const surfaces = ["background", "surface", "surfaceRaised"];
        for (const t of texts)
            for (const s of surfaces)
                rows.push({ tag: t + " on " + s, fg: Theme[t], bg: Theme[s] });
        // Filled buttons and committed verdict tiles.
        rows.push({ tag: "textOnAccent on accent", fg: Theme.textOnAccent, bg: Theme.accent });
        rows.push({ tag: "background on like", fg: Theme.background, bg: Theme.like });
        rows.push({ tag: "background on dislike", fg: Theme.background, bg: Theme.dislike });
        return rows;
    }

    function test_textContrast(data) {
        const ratio = contrast(data.fg, data.bg);
        verify(ratio >= 4.5, data.tag + ": " + ratio.toFixed(2) + ":1");
    }

    function test_touchSizes() {
        verify(Theme.touchMin >= 48);
        verify(Theme.touch >= Theme.touchMin && Theme.touchLarge >= Theme.touch && Theme.rowHeight >= Theme.touchMin);
        verify(Theme.fontSmall >= 15, "smallest type readable at arm's length");
    }
}
