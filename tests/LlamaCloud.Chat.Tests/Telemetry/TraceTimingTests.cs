using System;
using LlamaCloud.Chat.Telemetry;

namespace LlamaCloud.Chat.Tests.Telemetry
{
    public class TraceTimingTests
    {
        private const long Second = 1_000_000_000;

        [Fact]
        public void TurnsEndAtTheSessionEndInOrderWithoutOverlap()
        {
            var end = 1_000 * Second;
            var t = TraceTiming.LayOutTurns(end, new double?[] { 1500, null, 250.5 });
            Assert.Equal((end - (250_500_000 + Second + 1_500_000_000), end - (250_500_000 + Second)), t[0]);
            // The turn without a duration lasts the documented 1,000 ms (docs/traces.md).
            Assert.Equal((end - (250_500_000 + Second), end - 250_500_000), t[1]);
            Assert.Equal((end - 250_500_000, end), t[2]);
        }

        [Theory]
        [InlineData(double.NaN)]
        [InlineData(-1.0)]
        [InlineData(double.PositiveInfinity)]
        public void UnusableDurationsTakeTheDefault(double reported) =>
            Assert.Equal(1000.0, TraceTiming.EffectiveDurationMs(reported)); // docs/traces.md: "1,000 ms when absent or unusable"

        [Fact]
        public void ZeroDurationIsAZeroLengthSpan()
        {
            var t = TraceTiming.LayOutTurns(5 * Second, new double?[] { 0 });
            Assert.Equal((5 * Second, 5 * Second), t[0]);
        }

        [Fact]
        public void ASessionThatWouldStartBefore1970StartsAtTheEpoch()
        {
            var t = TraceTiming.LayOutTurns(Second, new double?[] { 3000, 3000 });
            Assert.Equal((0L, 3 * Second), t[0]);
            Assert.Equal((3 * Second, 6 * Second), t[1]);
            Assert.Equal(0, TraceTiming.UnixNanos(default));
        }

        [Theory]
        [InlineData(0L, 1000L, 1)]
        [InlineData(0L, 1000L, 3)]
        [InlineData(10L, 10L, 2)]
        [InlineData(0L, 7L, 5)]
        [InlineData(0L, 1_000_000_000L, 17)]
        public void ToolsStayInsideTheirTurnInOrder(long start, long end, int count)
        {
            var tools = TraceTiming.LayOutTools(start, end, count);
            Assert.Equal(count, tools.Length);
            var previousEnd = start;
            foreach (var (s, e) in tools)
            {
                Assert.True(s >= start && e <= end, $"{s}-{e} outside {start}-{end}");
                Assert.True(e >= s);
                Assert.True(s >= previousEnd);
                previousEnd = e;
            }
        }

        [Fact]
        public void UnixNanosOfAUtcTime()
        {
            // 2026-04-22T12:34:41Z is 1776861281 s after the epoch (date -u -d @1776861281), and 3,422,450 ticks of 100 ns
            // are 342,245,000 ns.
            var time = new DateTime(2026, 4, 22, 12, 34, 41, DateTimeKind.Utc).AddTicks(3422450);
            Assert.Equal(1776861281342245000, TraceTiming.UnixNanos(time));
            // The same count from the test's own arithmetic: whole days and the time of day since 1970-01-01.
            var days = (time.Date - new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc)).Days;
            Assert.Equal(20565, days);
            Assert.Equal((days * 86_400L + 12 * 3600 + 34 * 60 + 41) * Second + 342_245_000, TraceTiming.UnixNanos(time));
        }
    }
}
