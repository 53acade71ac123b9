// Writes a fixture library database: mkfixture DB TRACKS [COVERDIR [AUDIODIR]]. For trying the UI by hand.
#include "fixturelibrary.h"

#include "core/database.h"

#include <QGuiApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 3) {
        std::fputs("usage: mkfixture DB TRACKS [COVERDIR [AUDIODIR]]\n", stderr);
        return 64;
    }
    bytewave::Database db;
    if (!db.open(args.at(1))) {
        std::fprintf(stderr, "%s\n", qPrintable(db.errorString()));
        return 74;
    }
    const int n = bytewave::test::fillLibrary(db, args.at(2).toInt(), args.value(3), args.value(4));
    std::printf("%d tracks\n", n);
    return n < 0 ? 74 : 0;
}
