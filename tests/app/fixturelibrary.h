#pragma once

#include <QString>

namespace bytewave {
class Database;
}

namespace bytewave::test {

// Writes a plausible library straight into the tracks table (no audio files): artists with
// albums of about ten tracks, genres, durations, and, when coverDir is given, painted PNG
// covers. With audioDir, every track is a playable 2-second tone (links to one WAV file there).
// For UI tests, screenshots and the start-up benchmark. Deterministic.
// Returns the number of tracks written, or -1 on a database error.
int fillLibrary(Database &db, int tracks, const QString &coverDir = {},
                const QString &audioPath = {});

} // namespace bytewave::test
