#include "analysis/analysisworklist.h"

#include <QTest>

using namespace bytewave;

class TestAnalysisWorkList : public QObject
{
    Q_OBJECT

private:
    static QList<qint64> drain(AnalysisWorkList &w)
    {
        QList<qint64> out;
        while (const auto id = w.take()) {
            out.append(*id);
            w.done(*id);
        }
        return out;
    }

private slots:
    void pendingOrderIsKept()
    {
        AnalysisWorkList w;
        w.setPending({5, 3, 9});
        QCOMPARE(w.queued(), 3);
        QCOMPARE(drain(w), (QList<qint64>{5, 3, 9}));
        QCOMPARE(w.queued(), 0);
    }

    void prioritisedGoFirstInTheGivenOrder()
    {
        AnalysisWorkList w;
        w.setPending({1, 2, 3, 4, 5});
        w.prioritise({4, 7});
        QCOMPARE(w.queued(), 6);
        QCOMPARE(drain(w), (QList<qint64>{4, 7, 1, 2, 3, 5}));
    }

    void laterRequestsComeBeforeEarlierOnes()
    {
        AnalysisWorkList w;
        w.setPending({1, 2, 3});
        w.prioritise({3});
        w.prioritise({2});
        QCOMPARE(drain(w), (QList<qint64>{2, 3, 1}));
    }

    void prioritisedSurviveARefresh()
    {
        AnalysisWorkList w;
        w.prioritise({8});
        w.setPending({1, 8, 2});
        QCOMPARE(drain(w), (QList<qint64>{8, 1, 2}));
    }

    void inFlightIsNotQueuedAgain()
    {
        AnalysisWorkList w;
        w.setPending({1, 2});
        const auto first = w.take();
        QCOMPARE(first, std::optional<qint64>(1));
        QCOMPARE(w.inFlight(), 1);
        w.setPending({1, 2, 3});
        w.prioritise({1});
        QCOMPARE(w.queued(), 2);
        w.done(1);
        QCOMPARE(drain(w), (QList<qint64>{2, 3}));
    }

    void putBackGoesToTheFront()
    {
        AnalysisWorkList w;
        w.setPending({1, 2, 3});
        const auto id = w.take();
        w.putBack(*id);
        QCOMPARE(w.inFlight(), 0);
        QCOMPARE(drain(w), (QList<qint64>{1, 2, 3}));
    }

    void clear()
    {
        AnalysisWorkList w;
        w.setPending({1, 2});
        w.prioritise({3});
        w.clear();
        QCOMPARE(w.queued(), 0);
        QVERIFY(!w.take().has_value());
    }
};

QTEST_GUILESS_MAIN(TestAnalysisWorkList)
#include "tst_analysisworklist.moc"
