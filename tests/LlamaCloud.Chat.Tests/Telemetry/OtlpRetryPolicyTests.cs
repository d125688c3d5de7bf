using System;
using LlamaCloud.Chat.Telemetry;

namespace LlamaCloud.Chat.Tests.Telemetry
{
    public class OtlpRetryPolicyTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 4, 22, 12, 0, 0, TimeSpan.Zero);

        [Theory]
        [InlineData(429, true)]
        [InlineData(502, true)]
        [InlineData(503, true)]
        [InlineData(504, true)]
        [InlineData(400, false)]
        [InlineData(401, false)]
        [InlineData(403, false)]
        [InlineData(404, false)]
        [InlineData(408, false)]
        [InlineData(409, false)]
        [InlineData(413, false)]
        [InlineData(500, false)]
        [InlineData(501, false)]
        [InlineData(505, false)]
        public void OnlyTheSpecificationsStatusesAreRetried(int status, bool expected) =>
            Assert.Equal(expected, OtlpRetryPolicy.IsRetryableStatus(status));

        [Theory]
        [InlineData("1", 1000)]
        [InlineData("0.25", 250)]
        [InlineData(" 60 ", 60000)]
        public void RetryAfterSecondsIsHonoured(string header, int ms) =>
            Assert.Equal(TimeSpan.FromMilliseconds(ms), OtlpRetryPolicy.GetDelay(3, header, Now, 0.9));

        [Fact]
        public void RetryAfterDateIsHonoured() =>
            Assert.Equal(TimeSpan.FromSeconds(7), OtlpRetryPolicy.GetDelay(1, "Wed, 22 Apr 2026 12:00:07 GMT", Now, 0));

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("0")]
        [InlineData("-5")]
        [InlineData("61")]
        [InlineData("soon")]
        [InlineData("Wed, 22 Apr 2026 11:59:00 GMT")]
        public void UnusableRetryAfterFallsBackToBackoff(string? header)
        {
            Assert.Null(OtlpRetryPolicy.ServerDelay(header, Now));
            Assert.Equal(TimeSpan.FromSeconds(1), OtlpRetryPolicy.GetDelay(1, header, Now, 0));
        }

        [Theory]
        [InlineData(1, 1)]
        [InlineData(2, 2)]
        [InlineData(3, 4)]
        [InlineData(5, 16)]
        [InlineData(9, 16)]
        public void BackoffDoublesFromOneSecondToSixteen(int retry, double seconds) =>
            Assert.Equal(TimeSpan.FromSeconds(seconds), OtlpRetryPolicy.GetDelay(retry, null, Now, 0));

        [Fact]
        public void JitterTakesOffAtMostAQuarter()
        {
            Assert.Equal(TimeSpan.FromSeconds(0.75), OtlpRetryPolicy.GetDelay(1, null, Now, 1.0));
            Assert.Equal(TimeSpan.FromSeconds(1.75), OtlpRetryPolicy.GetDelay(2, null, Now, 0.5));
        }
    }
}
