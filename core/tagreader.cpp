#include "core/tagreader.h"

#include "core/logging.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QtEndian>

#include <aifffile.h>
#include <apefile.h>
#include <apetag.h>
#include <asffile.h>
#include <asftag.h>
#include <attachedpictureframe.h>
#include <flacfile.h>
#include <flacpicture.h>
#include <id3v1genres.h>
#include <id3v2tag.h>
#include <mp4file.h>
#include <mp4tag.h>
#include <mpcfile.h>
#include <mpegfile.h>
#include <oggflacfile.h>
#include <opusfile.h>
#include <speexfile.h>
#include <tfilestream.h>
#include <tpropertymap.h>
#include <trueaudiofile.h>
#include <vorbisfile.h>
#include <wavfile.h>
#include <wavpackfile.h>
#include <xiphcomment.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace bytewave {

namespace {

enum class Format {
    Unknown,
    Mpeg,
    Flac,
    OggVorbis,
    OggOpus,
    OggFlac,
    OggSpeex,
    Mp4,
    Wav,
    Aiff,
    WavPack,
    Ape,
    Asf,
    Mpc,
    TrueAudio,
};

QString qstr(const TagLib::String &s)
{
    return QString::fromStdString(s.to8Bit(true));
}

QByteArray qbytes(const TagLib::ByteVector &v)
{
    return QByteArray(v.data(), int(v.size()));
}

Format formatFromExtension(const QString &path)
{
    const QString ext = QFileInfo(path).suffix().toLower();
    static const QHash<QString, Format> byExt = {
        {QStringLiteral("mp3"), Format::Mpeg},     {QStringLiteral("mp2"), Format::Mpeg},
        {QStringLiteral("mpga"), Format::Mpeg},    {QStringLiteral("flac"), Format::Flac},
        {QStringLiteral("ogg"), Format::OggVorbis}, {QStringLiteral("oga"), Format::OggVorbis},
        {QStringLiteral("opus"), Format::OggOpus}, {QStringLiteral("spx"), Format::OggSpeex},
        {QStringLiteral("m4a"), Format::Mp4},      {QStringLiteral("m4b"), Format::Mp4},
        {QStringLiteral("mp4"), Format::Mp4},      {QStringLiteral("alac"), Format::Mp4},
        {QStringLiteral("aac"), Format::Mp4},      {QStringLiteral("wav"), Format::Wav},
        {QStringLiteral("aif"), Format::Aiff},     {QStringLiteral("aiff"), Format::Aiff},
        {QStringLiteral("aifc"), Format::Aiff},    {QStringLiteral("wv"), Format::WavPack},
        {QStringLiteral("ape"), Format::Ape},      {QStringLiteral("wma"), Format::Asf},
        {QStringLiteral("asf"), Format::Asf},      {QStringLiteral("mpc"), Format::Mpc},
        {QStringLiteral("tta"), Format::TrueAudio},
    };
    return byExt.value(ext, Format::Unknown);
}

// Identifies the container from its magic bytes. Only unambiguous signatures count; a bare MPEG
// frame sync is left to the extension because other formats can contain the same bit pattern.
Format formatFromContent(const QByteArray &head)
{
    auto at = [&](int offset, const char *magic) {
        const int n = int(std::strlen(magic));
        return head.size() >= offset + n && std::memcmp(head.constData() + offset, magic, n) == 0;
    };
    if (at(0, "fLaC"))
        return Format::Flac;
    if (at(0, "OggS")) {
        if (head.contains("OpusHead"))
            return Format::OggOpus;
        if (head.contains("\x01vorbis"))
            return Format::OggVorbis;
        if (head.contains("\x7f" "FLAC"))
            return Format::OggFlac;
        if (head.contains("Speex   "))
            return Format::OggSpeex;
        return Format::Unknown;
    }
    if (at(0, "RIFF") && at(8, "WAVE"))
        return Format::Wav;
    if (at(0, "FORM") && (at(8, "AIFF") || at(8, "AIFC")))
        return Format::Aiff;
    if (at(4, "ftyp"))
        return Format::Mp4;
    if (at(0, "wvpk"))
        return Format::WavPack;
    if (at(0, "MAC "))
        return Format::Ape;
    if (at(0, "MPCK") || at(0, "MP+"))
        return Format::Mpc;
    if (at(0, "TTA1"))
        return Format::TrueAudio;
    if (at(0, "\x30\x26\xb2\x75\x8e\x66\xcf\x11"))
        return Format::Asf;
    return Format::Unknown;
}

// Reads the first bytes, skipping a leading ID3v2 tag (some FLAC, WAV-less and AAC files carry
// one) so the real container signature is seen.
QByteArray readHead(int fd, qint64 size)
{
    QByteArray head(64, Qt::Uninitialized);
    ssize_t n = ::pread(fd, head.data(), head.size(), 0);
    if (n <= 0)
        return {};
    head.truncate(int(n));
    if (head.size() >= 10 && head.startsWith("ID3")) {
        const auto *b = reinterpret_cast<const uchar *>(head.constData());
        const qint64 tagSize = (qint64(b[6] & 0x7f) << 21) | (qint64(b[7] & 0x7f) << 14)
                               | (qint64(b[8] & 0x7f) << 7) | qint64(b[9] & 0x7f);
        const qint64 offset = 10 + tagSize + ((b[5] & 0x10) ? 10 : 0);
        if (offset < size) {
            QByteArray after(64, Qt::Uninitialized);
            n = ::pread(fd, after.data(), after.size(), offset);
            if (n > 0) {
                after.truncate(int(n));
                return after;
            }
        }
        return {};
    }
    return head;
}

std::unique_ptr<TagLib::File> openFile(Format format, TagLib::IOStream *stream)
{
    constexpr auto style = TagLib::AudioProperties::Average;
    switch (format) {
    case Format::Mpeg:
        return std::make_unique<TagLib::MPEG::File>(stream, TagLib::ID3v2::FrameFactory::instance(),
                                                    true, style);
    case Format::Flac:
        return std::make_unique<TagLib::FLAC::File>(stream, TagLib::ID3v2::FrameFactory::instance(),
                                                    true, style);
    case Format::OggVorbis:
        return std::make_unique<TagLib::Ogg::Vorbis::File>(stream, true, style);
    case Format::OggOpus:
        return std::make_unique<TagLib::Ogg::Opus::File>(stream, true, style);
    case Format::OggFlac:
        return std::make_unique<TagLib::Ogg::FLAC::File>(stream, true, style);
    case Format::OggSpeex:
        return std::make_unique<TagLib::Ogg::Speex::File>(stream, true, style);
    case Format::Mp4:
        return std::make_unique<TagLib::MP4::File>(stream, true, style);
    case Format::Wav:
        return std::make_unique<TagLib::RIFF::WAV::File>(stream, true, style);
    case Format::Aiff:
        return std::make_unique<TagLib::RIFF::AIFF::File>(stream, true, style);
    case Format::WavPack:
        return std::make_unique<TagLib::WavPack::File>(stream, true, style);
    case Format::Ape:
        return std::make_unique<TagLib::APE::File>(stream, true, style);
    case Format::Asf:
        return std::make_unique<TagLib::ASF::File>(stream, true, style);
    case Format::Mpc:
        return std::make_unique<TagLib::MPC::File>(stream, true, style);
    case Format::TrueAudio:
        return std::make_unique<TagLib::TrueAudio::File>(stream, true, style);
    case Format::Unknown:
        break;
    }
    return nullptr;
}

QString codecName(Format format, TagLib::File *file)
{
    switch (format) {
    case Format::Mpeg: {
        const auto *p = static_cast<TagLib::MPEG::File *>(file)->audioProperties();
        const int layer = p ? p->layer() : 3;
        return layer == 1 ? QStringLiteral("mp1") : layer == 2 ? QStringLiteral("mp2") : QStringLiteral("mp3");
    }
    case Format::Flac:
    case Format::OggFlac:
        return QStringLiteral("flac");
    case Format::OggVorbis:
        return QStringLiteral("vorbis");
    case Format::OggOpus:
        return QStringLiteral("opus");
    case Format::OggSpeex:
        return QStringLiteral("speex");
    case Format::Mp4: {
        const auto *p = static_cast<TagLib::MP4::File *>(file)->audioProperties();
        if (p && p->codec() == TagLib::MP4::Properties::ALAC)
            return QStringLiteral("alac");
        if (p && p->codec() == TagLib::MP4::Properties::AAC)
            return QStringLiteral("aac");
        return QStringLiteral("mp4");
    }
    case Format::Wav: {
        const auto *p = static_cast<TagLib::RIFF::WAV::File *>(file)->audioProperties();
        // 1 = integer PCM, 3 = IEEE float, 0xFFFE = WAVE_FORMAT_EXTENSIBLE (PCM in practice).
        const int f = p ? p->format() : 1;
        return (f == 1 || f == 3 || f == 0xFFFE) ? QStringLiteral("pcm") : QStringLiteral("wav");
    }
    case Format::Aiff:
        return QStringLiteral("pcm");
    case Format::WavPack:
        return QStringLiteral("wavpack");
    case Format::Ape:
        return QStringLiteral("ape");
    case Format::Asf:
        return QStringLiteral("wma");
    case Format::Mpc:
        return QStringLiteral("musepack");
    case Format::TrueAudio:
        return QStringLiteral("tta");
    case Format::Unknown:
        break;
    }
    return {};
}

// Picks the front cover if there is one, otherwise the first picture that is not a file icon.
struct PicturePicker
{
    QByteArray best;
    bool bestIsFront = false;

    void offer(const TagLib::ByteVector &data, int type)
    {
        // ID3v2, FLAC and ASF share the picture type numbers: 3 front cover, 1/2 file icons.
        if (data.isEmpty() || bestIsFront || type == 1 || type == 2)
            return;
        if (type == 3 || best.isEmpty()) {
            best = qbytes(data);
            bestIsFront = type == 3;
        }
    }
};

void picturesFromId3v2(TagLib::ID3v2::Tag *tag, PicturePicker &picker)
{
    if (!tag)
        return;
    const auto &frames = tag->frameListMap()["APIC"];
    for (auto *frame : frames) {
        if (auto *apic = dynamic_cast<TagLib::ID3v2::AttachedPictureFrame *>(frame))
            picker.offer(apic->picture(), int(apic->type()));
    }
}

void picturesFromXiph(TagLib::Ogg::XiphComment *xiph, PicturePicker &picker)
{
    if (!xiph)
        return;
    const auto pictures = xiph->pictureList();
    for (auto *picture : pictures)
        picker.offer(picture->data(), int(picture->type()));
    if (picker.best.isEmpty()) {
        // The pre-METADATA_BLOCK_PICTURE convention: base64 image bytes in COVERART.
        const auto &fields = xiph->fieldListMap();
        const auto it = fields.find("COVERART");
        if (it != fields.end() && !it->second.isEmpty())
            picker.offer(TagLib::ByteVector::fromBase64(it->second.front().data(TagLib::String::Latin1)), 0);
    }
}

void picturesFromApe(TagLib::APE::Tag *tag, PicturePicker &picker)
{
    if (!tag)
        return;
    const auto &items = tag->itemListMap();
    for (const char *key : {"COVER ART (FRONT)", "COVER ART (OTHER)"}) {
        const auto it = items.find(key);
        if (it == items.end())
            continue;
        // An APE binary cover item is "<file name>\0<image bytes>".
        const TagLib::ByteVector data = it->second.binaryData();
        const int nul = data.find('\0');
        if (nul >= 0)
            picker.offer(data.mid(nul + 1), std::strcmp(key, "COVER ART (FRONT)") == 0 ? 3 : 0);
    }
}

QByteArray extractPicture(Format format, TagLib::File *file)
{
    PicturePicker picker;
    switch (format) {
    case Format::Mpeg: {
        auto *f = static_cast<TagLib::MPEG::File *>(file);
        if (f->hasID3v2Tag())
            picturesFromId3v2(f->ID3v2Tag(), picker);
        if (picker.best.isEmpty() && f->hasAPETag())
            picturesFromApe(f->APETag(), picker);
        break;
    }
    case Format::Flac: {
        auto *f = static_cast<TagLib::FLAC::File *>(file);
        const auto pictures = f->pictureList();
        for (auto *picture : pictures)
            picker.offer(picture->data(), int(picture->type()));
        if (picker.best.isEmpty() && f->hasXiphComment())
            picturesFromXiph(f->xiphComment(), picker);
        if (picker.best.isEmpty() && f->hasID3v2Tag())
            picturesFromId3v2(f->ID3v2Tag(), picker);
        break;
    }
    case Format::OggVorbis:
    case Format::OggOpus:
    case Format::OggFlac:
    case Format::OggSpeex:
        picturesFromXiph(dynamic_cast<TagLib::Ogg::XiphComment *>(file->tag()), picker);
        break;
    case Format::Mp4: {
        auto *tag = static_cast<TagLib::MP4::File *>(file)->tag();
        if (tag && tag->contains("covr")) {
            const auto covers = tag->item("covr").toCoverArtList();
            for (const auto &cover : covers)
                picker.offer(cover.data(), 3); // covr carries no picture type; the first wins
        }
        break;
    }
    case Format::Wav: {
        auto *f = static_cast<TagLib::RIFF::WAV::File *>(file);
        if (f->hasID3v2Tag())
            picturesFromId3v2(f->ID3v2Tag(), picker);
        break;
    }
    case Format::Aiff: {
        auto *f = static_cast<TagLib::RIFF::AIFF::File *>(file);
        if (f->hasID3v2Tag())
            picturesFromId3v2(f->tag(), picker);
        break;
    }
    case Format::Asf: {
        auto *tag = static_cast<TagLib::ASF::File *>(file)->tag();
        if (tag) {
            const auto attributes = tag->attribute("WM/Picture");
            for (const auto &attribute : attributes) {
                const auto picture = attribute.toPicture();
                if (picture.isValid())
                    picker.offer(picture.picture(), int(picture.type()));
            }
        }
        break;
    }
    case Format::WavPack: {
        auto *f = static_cast<TagLib::WavPack::File *>(file);
        if (f->hasAPETag())
            picturesFromApe(f->APETag(), picker);
        break;
    }
    case Format::Ape: {
        auto *f = static_cast<TagLib::APE::File *>(file);
        if (f->hasAPETag())
            picturesFromApe(f->APETag(), picker);
        break;
    }
    case Format::Mpc: {
        auto *f = static_cast<TagLib::MPC::File *>(file);
        if (f->hasAPETag())
            picturesFromApe(f->APETag(), picker);
        break;
    }
    case Format::TrueAudio: {
        auto *f = static_cast<TagLib::TrueAudio::File *>(file);
        if (f->hasID3v2Tag())
            picturesFromId3v2(f->ID3v2Tag(), picker);
        break;
    }
    case Format::Unknown:
        break;
    }
    return picker.best;
}

// The unified tag keys, upper-cased, each with its values. MP4 freeform atoms
// ("----:com.apple.iTunes:replaygain_track_gain") are added under their short name, because
// which of them TagLib's own PropertyMap translates depends on the TagLib version.
using TagMap = QHash<QString, QStringList>;

TagMap collectTags(Format format, TagLib::File *file)
{
    TagMap tags;
    const TagLib::PropertyMap properties = file->properties();
    for (const auto &[key, values] : properties) {
        QStringList &list = tags[qstr(key).toUpper()];
        for (const auto &v : values)
            list << qstr(v);
    }
    if (format == Format::Mp4) {
        if (auto *tag = static_cast<TagLib::MP4::File *>(file)->tag()) {
            const auto &items = tag->itemMap();
            for (const auto &[key, item] : items) {
                const QString k = qstr(key);
                if (!k.startsWith(QStringLiteral("----:")))
                    continue;
                const QString shortKey = k.section(QLatin1Char(':'), 2).toUpper();
                if (shortKey.isEmpty() || tags.contains(shortKey))
                    continue;
                QStringList &list = tags[shortKey];
                const auto strings = item.toStringList();
                for (const auto &s : strings)
                    list << qstr(s);
            }
        }
    }
    return tags;
}

QString firstValue(const TagMap &tags, std::initializer_list<const char *> keys)
{
    for (const char *key : keys) {
        const auto it = tags.constFind(QLatin1String(key));
        if (it == tags.cend())
            continue;
        for (const QString &v : *it) {
            const QString t = v.trimmed();
            if (!t.isEmpty())
                return t;
        }
    }
    return {};
}

QString id3v1Genre(int index)
{
    if (index < 0 || index > 255)
        return {};
    return qstr(TagLib::ID3v1::genre(index));
}

// Genres whose names contain a character that otherwise separates genres.
bool isCompoundGenre(const QString &name)
{
    static const QSet<QString> compounds = {
        QStringLiteral("singer/songwriter"), QStringLiteral("singer-songwriter"),
        QStringLiteral("hip-hop/rap"),       QStringLiteral("hip hop/rap"),
        QStringLiteral("r&b/soul"),          QStringLiteral("folk, world, & country"),
        QStringLiteral("folk, world & country"), QStringLiteral("stage & screen"),
        QStringLiteral("children's music"),  QStringLiteral("christian & gospel"),
        QStringLiteral("fitness & workout"), QStringLiteral("easy listening/lounge"),
    };
    return compounds.contains(name.toLower());
}

void appendGenre(QStringList &out, QSet<QString> &seen, const QString &genre)
{
    const QString g = genre.trimmed();
    if (g.isEmpty())
        return;
    if (seen.contains(g.toLower()))
        return;
    seen.insert(g.toLower());
    out << g;
}

void splitOne(const QString &value, QStringList &out, QSet<QString> &seen)
{
    QString s = value.trimmed();
    if (s.isEmpty())
        return;

    // ID3v1 references from ID3v2.3 TCON: "(17)", "(17)(24)", "(17)Rock" (a refinement that
    // replaces the reference), "(RX)", "(CR)", and "((" which escapes a literal parenthesis.
    QStringList refs;
    while (s.startsWith(QLatin1Char('('))) {
        if (s.startsWith(QStringLiteral("(("))) {
            s = s.mid(1);
            break;
        }
        const auto close = s.indexOf(QLatin1Char(')'));
        if (close < 0)
            break;
        const QString ref = s.mid(1, close - 1);
        bool numeric = false;
        const int index = ref.toInt(&numeric);
        if (numeric)
            refs << id3v1Genre(index);
        else if (ref == QStringLiteral("RX"))
            refs << QStringLiteral("Remix");
        else if (ref == QStringLiteral("CR"))
            refs << QStringLiteral("Cover");
        else
            break; // "(Live) Jazz" is a name, not a reference
        s = s.mid(close + 1).trimmed();
    }
    if (!refs.isEmpty() && s.isEmpty()) {
        for (const QString &r : std::as_const(refs))
            appendGenre(out, seen, r);
        return;
    }
    // A bare number is an ID3v1 index as some taggers write it ("17").
    bool numeric = false;
    const int index = s.toInt(&numeric);
    if (numeric) {
        appendGenre(out, seen, id3v1Genre(index));
        return;
    }

    // ';' is never part of a genre name; the other separators only when the whole value is not
    // a known compound name.
    const QStringList parts = s.split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QString p = part.trimmed();
        if (isCompoundGenre(p)) {
            appendGenre(out, seen, p);
            continue;
        }
        static const QRegularExpression separators(QStringLiteral("\\s*[/,|\\\\]\\s*"));
        const QStringList pieces = p.split(separators, Qt::SkipEmptyParts);
        for (const QString &piece : pieces)
            appendGenre(out, seen, piece);
    }
}

} // namespace

QStringList TagReader::splitGenres(const QStringList &rawValues)
{
    QStringList out;
    QSet<QString> seen;
    for (const QString &v : rawValues)
        splitOne(v, out, seen);
    return out;
}

QString TagReader::fallbackTitle(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    const auto dot = name.lastIndexOf(QLatin1Char('.'));
    return dot > 0 ? name.left(dot) : name;
}

QString TagReader::unknownArtist()
{
    return QStringLiteral("Unknown artist");
}

int TagReader::parseNumber(const QString &text)
{
    const QString t = text.trimmed();
    int i = 0;
    while (i < t.size() && t.at(i).isDigit() && i < 9)
        ++i;
    return i > 0 ? t.left(i).toInt() : 0;
}

int TagReader::parseYear(const QString &text)
{
    static const QRegularExpression fourDigits(QStringLiteral("(?<!\\d)(\\d{4})(?!\\d)"));
    const auto match = fourDigits.match(text);
    if (!match.hasMatch())
        return 0;
    const int year = match.captured(1).toInt();
    return (year >= 1000 && year <= 2999) ? year : 0;
}

double TagReader::parseGain(const QString &text)
{
    QString t = text.trimmed();
    if (t.endsWith(QStringLiteral("db"), Qt::CaseInsensitive))
        t.chop(2);
    t = t.trimmed();
    t.replace(QLatin1Char(','), QLatin1Char('.'));
    t.replace(QChar(0x2212), QLatin1Char('-')); // a typographic minus sign
    bool ok = false;
    const double v = t.toDouble(&ok);
    if (!ok || !std::isfinite(v) || std::abs(v) > 100)
        return qQNaN();
    return v;
}

QString TagReader::contentKey(const QByteArray &localPath, qint64 size)
{
    constexpr qint64 kChunk = 16 * 1024;
    const int fd = ::open(localPath.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha1);
    const quint64 leSize = qToLittleEndian(quint64(size));
    hash.addData(QByteArrayView(reinterpret_cast<const char *>(&leSize), sizeof leSize));
    QByteArray buffer(int(kChunk), Qt::Uninitialized);
    bool ok = true;
    auto addRange = [&](qint64 offset, qint64 length) {
        const ssize_t n = ::pread(fd, buffer.data(), size_t(length), offset);
        if (n < 0) {
            ok = false;
            return;
        }
        hash.addData(QByteArrayView(buffer.constData(), n));
    };
    addRange(0, std::min(kChunk, size));
    if (size > kChunk)
        addRange(std::max(kChunk, size - kChunk), std::min(kChunk, size - kChunk));
    ::close(fd);
    if (!ok)
        return {};
    return QString::fromLatin1(hash.result().toHex().left(32));
}

TagReadResult TagReader::read(const QString &path, bool withPicture)
{
    return read(QFile::encodeName(path), path, withPicture);
}

TagReadResult TagReader::read(const QByteArray &localPath, const QString &displayPath,
                              bool withPicture)
{
    TagReadResult result;
    Track &t = result.track;
    t.path = displayPath;
    t.title = fallbackTitle(displayPath);
    t.artist = unknownArtist();

    struct stat st {};
    if (::stat(localPath.constData(), &st) != 0) {
        t.scanError = QStringLiteral("cannot read the file: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return result;
    }
    t.size = qint64(st.st_size);
    t.mtimeMs = qint64(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
    if (!S_ISREG(st.st_mode)) {
        t.scanError = QStringLiteral("not a regular file");
        return result;
    }
    if (st.st_size == 0) {
        t.scanError = QStringLiteral("the file is empty (0 bytes)");
        return result;
    }

    const int fd = ::open(localPath.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        t.scanError = QStringLiteral("cannot open the file: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return result;
    }
    const Format byContent = formatFromContent(readHead(fd, t.size));
    ::close(fd);
    const Format byExtension = formatFromExtension(displayPath);
    const Format format = byContent != Format::Unknown ? byContent : byExtension;
    if (format == Format::Unknown) {
        t.scanError = QStringLiteral("not an audio format ByteWave can read");
        return result;
    }
    if (byContent != Format::Unknown && byExtension != Format::Unknown && byContent != byExtension)
        qCDebug(lcScan) << displayPath << "has the wrong extension; reading it by its content";

    // Read-only: opening read-write would fail on read-only media and, on close, tell inotify
    // watchers that the file was written.
    TagLib::FileStream stream(localPath.constData(), true);
    if (!stream.isOpen()) {
        t.scanError = QStringLiteral("cannot open the file");
        return result;
    }
    std::unique_ptr<TagLib::File> file = openFile(format, &stream);
    if (!file || !file->isValid()) {
        t.scanError = QStringLiteral("not a valid audio file (corrupt, truncated or not audio)");
        return result;
    }
    const TagLib::AudioProperties *props = file->audioProperties();
    if (!props || props->sampleRate() <= 0 || props->lengthInMilliseconds() <= 0) {
        t.scanError = QStringLiteral("no audio found (corrupt, truncated or not audio)");
        return result;
    }
    t.durationMs = props->lengthInMilliseconds();
    t.sampleRate = props->sampleRate();
    t.channels = props->channels();
    t.bitrateKbps = props->bitrate();
    t.codec = codecName(format, file.get());

    const TagMap tags = collectTags(format, file.get());
    if (const QString title = firstValue(tags, {"TITLE"}); !title.isEmpty())
        t.title = title;
    if (const QString artist = firstValue(tags, {"ARTIST"}); !artist.isEmpty())
        t.artist = artist;
    t.albumArtist = firstValue(tags, {"ALBUMARTIST", "ALBUM ARTIST", "ALBUM_ARTIST"});
    t.album = firstValue(tags, {"ALBUM"});
    t.genres = splitGenres(tags.value(QStringLiteral("GENRE")));
    t.trackNumber = parseNumber(firstValue(tags, {"TRACKNUMBER", "TRACK"}));
    t.discNumber = parseNumber(firstValue(tags, {"DISCNUMBER", "DISC"}));
    t.year = parseYear(firstValue(tags, {"DATE", "YEAR", "ORIGINALDATE"}));

    t.replayGainDb = parseGain(firstValue(tags, {"REPLAYGAIN_TRACK_GAIN"}));
    if (std::isnan(t.replayGainDb)) {
        // Opus: R128_TRACK_GAIN is a Q7.8 integer relative to -23 LUFS; ReplayGain's reference
        // is 5 dB louder (-18 LUFS), so the equivalent ReplayGain is value / 256 + 5.
        bool ok = false;
        const int r128 = firstValue(tags, {"R128_TRACK_GAIN"}).toInt(&ok);
        if (ok)
            t.replayGainDb = r128 / 256.0 + 5.0;
    }
    t.replayGainPeak = parseGain(firstValue(tags, {"REPLAYGAIN_TRACK_PEAK"}));

    if (withPicture)
        result.picture = extractPicture(format, file.get());
    return result;
}

} // namespace bytewave
