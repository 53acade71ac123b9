#include "analysis/synth/stylebook.h"

#include <array>

namespace bytewave::synth {

namespace {

using T = Timbre;

// Ordered as the Style enum. Loudness ranges follow common mastering practice per genre:
// electronic and rock masters are loud (-11..-8 LUFS), jazz and ambient leave headroom.
const std::array<StyleSpec, kStyleCount> &table()
{
    static const std::array<StyleSpec, kStyleCount> specs {{
        {Style::House, 118, 128, 0.3, 0.05, 0.15, 1, 0.5, {T::Organ, T::Piano, T::Saw, T::Pad, T::Fm},
         {"House", "Deep House", "House; Electronic", "Electronic; Dance"},
         0.55, 0.9, 0.45, 0.85, -11.0, -8.0, 0.15, false, 1},
        {Style::Techno, 124, 140, 0.0, 0, 0, 1, 0.8, {T::Square, T::Fm, T::Saw, T::Pad},
         {"Techno", "Minimal Techno", "Techno; Electronic"},
         0.6, 0.95, 0.35, 0.8, -10.5, -8.0, 0.1, false, 2},
        {Style::Rock, 92, 150, 0.15, 0.2, 0.33, 2, 0.4, {T::Guitar, T::Organ, T::Piano},
         {"Rock", "Indie Rock", "Rock; Alternative", "Classic Rock"},
         0.5, 0.9, 0.45, 0.8, -12.0, -8.5, 0.25, true, 1},
        {Style::Punk, 150, 200, 0.0, 0, 0, 2, 0.45, {T::Guitar, T::Square},
         {"Punk", "Punk Rock", "Punk; Rock"},
         0.7, 1.0, 0.55, 0.9, -10.5, -8.0, 0.3, true, 1},
        {Style::HipHop, 80, 98, 0.75, 0.08, 0.25, 1, 0.65, {T::Piano, T::Fm, T::Pluck, T::Pad},
         {"Hip-Hop", "Hip-Hop; Rap", "Boom Bap", "Instrumental Hip-Hop"},
         0.4, 0.8, 0.25, 0.65, -12.0, -9.0, 0.6, true, 1},
        {Style::Jazz, 100, 190, 1.0, 0.2, 0.333, 2, 0.4, {T::Piano, T::Organ, T::Fm},
         {"Jazz", "Jazz; Swing", "Hard Bop", "Jazz; Instrumental"},
         0.3, 0.75, 0.25, 0.6, -19.0, -14.0, 0.5, true, 1},
        {Style::Ambient, 60, 84, 0.0, 0, 0, 2, 0.5, {T::Pad, T::Fm, T::Pluck, T::Piano},
         {"Ambient", "Ambient; Electronic", "Downtempo", "Ambient; New Age"},
         0.1, 0.35, 0.15, 0.55, -20.0, -15.0, 0.4, false, 2},
        {Style::DrumAndBass, 160, 178, 0.0, 0, 0, 1, 0.75, {T::Pad, T::Saw, T::Fm, T::Piano},
         {"Drum and Bass", "Jungle", "Drum and Bass; Electronic", "Liquid Funk"},
         0.65, 0.95, 0.45, 0.85, -10.5, -8.0, 0.15, false, 2},
        {Style::Ballad, 60, 82, 0.2, 0.1, 0.25, 2, 0.45, {T::Piano, T::Pad, T::Pluck, T::Fm},
         {"Pop; Ballad", "Soul", "Singer-Songwriter", "Soft Rock"},
         0.15, 0.5, 0.2, 0.55, -17.0, -12.0, 0.3, true, 1},
        {Style::Funk, 95, 116, 0.5, 0.04, 0.14, 1, 0.6, {T::Square, T::Pluck, T::Organ, T::Fm},
         {"Funk", "Funk; Soul", "Disco; Funk"},
         0.55, 0.9, 0.45, 0.8, -13.0, -9.5, 0.3, true, 1},
        {Style::Reggae, 66, 84, 0.6, 0.1, 0.25, 2, 0.35, {T::Organ, T::Guitar, T::Pluck, T::Piano},
         {"Reggae", "Reggae; Dub", "Roots Reggae"},
         0.35, 0.7, 0.3, 0.65, -14.0, -10.0, 0.4, true, 1},
        {Style::Synthwave, 84, 118, 0.0, 0, 0, 2, 0.75, {T::Saw, T::Pad, T::Square, T::Fm},
         {"Synthwave", "Synthwave; Electronic", "Retrowave", "Synthpop"},
         0.45, 0.85, 0.45, 0.85, -12.0, -9.0, 0.2, false, 1},
        {Style::Pop, 96, 128, 0.1, 0.05, 0.15, 1, 0.4, {T::Piano, T::Pluck, T::Saw, T::Fm, T::Pad},
         {"Pop", "Dance; Pop", "Indie Pop", "Pop; Electronic"},
         0.45, 0.85, 0.5, 0.9, -11.0, -8.5, 0.15, false, 1},
    }};
    return specs;
}

} // namespace

const StyleSpec &styleSpec(Style style)
{
    return table()[std::size_t(style)];
}

std::vector<std::vector<int>> progressionsFor(Style style, Mode mode)
{
    // Diatonic roots, 0-based scale degrees. Minor uses natural minor degrees (0 = i, 2 = III,
    // 5 = VI, 6 = VII); the arranger raises the third of v to a major V where the style would.
    if (style == Style::Jazz) {
        if (mode == Mode::Major)
            return {{1, 4, 0, 0}, {0, 5, 1, 4}, {2, 5, 1, 4}, {0, 3, 1, 4}};
        return {{1, 4, 0, 0}, {0, 3, 1, 4}, {0, 5, 1, 4}};
    }
    if (style == Style::Techno || style == Style::Ambient) {
        if (mode == Mode::Major)
            return {{0, 3}, {0, 5}, {0, 4, 3, 0}, {3, 0}};
        return {{0, 5}, {0, 6}, {0, 3}, {0, 2, 5, 6}};
    }
    if (mode == Mode::Major)
        return {{0, 4, 5, 3}, {0, 5, 3, 4}, {0, 3, 4, 3}, {5, 3, 0, 4}, {0, 3, 0, 4}, {0, 2, 3, 4},
                {3, 4, 0, 5}};
    return {{0, 5, 2, 6}, {0, 3, 4, 0}, {0, 6, 5, 6}, {0, 3, 6, 2}, {0, 5, 3, 4}, {0, 0, 5, 6},
            {5, 6, 0, 0}};
}

} // namespace bytewave::synth
