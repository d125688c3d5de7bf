using System;
using System.Net.Http.Headers;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Tests.Support;
using static LlamaCloud.Chat.Tests.Support.ResponseHeaders;

namespace LlamaCloud.Chat.Tests.Http
{
    public class RetryPolicyTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 4, 22, 12, 0, 0, TimeSpan.Zero);

        private static TimeSpan Backoff(int retry) => RetryPolicy.GetDelay(retry, null, Now, 0);

        [Theory]
        [InlineData(408, true)]
        [InlineData(409, true)]
        [InlineData(429, true)]
        [InlineData(500, true)]
        [InlineData(502, true)]
        [InlineData(503, true)]
        [InlineData(504, true)]
        [InlineData(599, true)]
        [InlineData(400, false)]
        [InlineData(401, false)]
        [InlineData(403, false)]
        [InlineData(404, false)]
        [InlineData(422, false)]
        [InlineData(200, false)]
        public void ShouldRetryByStatus(int status, bool expected)
        {
            Assert.Equal(expected, RetryPolicy.ShouldRetry(status, null));
            Assert.Equal(expected, RetryPolicy.ShouldRetry(status, Headers()));
        }

        [Theory]
        [InlineData(400, "true", true)]
        [InlineData(404, "TRUE", true)]
        [InlineData(500, "false", false)]
        [InlineData(429, " False ", false)]
        [InlineData(503, "maybe", true)]
        [InlineData(400, "maybe", false)]
        [InlineData(400, "", false)]
        public void XShouldRetryOverridesTheStatus(int status, string header, bool expected)
        {
            Assert.Equal(expected, RetryPolicy.ShouldRetry(status, Headers(("x-should-retry", header))));
        }

        [Fact]
        public void RetryAfterMsIsUsed()
        {
            Assert.Equal(TimeSpan.FromMilliseconds(1500), RetryPolicy.GetDelay(1, Headers(("retry-after-ms", "1500")), Now, 0.5));
            Assert.Equal(TimeSpan.FromMilliseconds(250.5), RetryPolicy.GetDelay(3, Headers(("retry-after-ms", "250.5")), Now, 0.5));
            Assert.Equal(TimeSpan.FromSeconds(60), RetryPolicy.GetDelay(1, Headers(("retry-after-ms", "60000")), Now, 0.5));
        }

        [Fact]
        public void RetryAfterMsWinsOverRetryAfter()
        {
            Assert.Equal(TimeSpan.FromMilliseconds(100), RetryPolicy.GetDelay(1, Headers(("Retry-After", "5"), ("retry-after-ms", "100")), Now, 0));
        }

        [Fact]
        public void RetryAfterSeconds()
        {
            Assert.Equal(TimeSpan.FromSeconds(5), RetryPolicy.GetDelay(1, Headers(("Retry-After", "5")), Now, 0.9));
            Assert.Equal(TimeSpan.FromSeconds(60), RetryPolicy.GetDelay(1, Headers(("retry-after", "60")), Now, 0.9));
        }

        [Fact]
        public void RetryAfterHttpDateIsRelativeToNow()
        {
            var date = Now.AddSeconds(30).ToString("r");
            Assert.Equal(TimeSpan.FromSeconds(30), RetryPolicy.GetDelay(1, Headers(("Retry-After", date)), Now, 0));
            Assert.Equal(TimeSpan.FromSeconds(7), RetryPolicy.GetDelay(1, Headers(("Retry-After", "Wed, 22 Apr 2026 12:00:07 GMT")), Now, 0));
        }

        [Theory]
        [InlineData("retry-after-ms", "60001")]
        [InlineData("retry-after-ms", "-1")]
        [InlineData("retry-after-ms", "abc")]
        [InlineData("Retry-After", "61")]
        [InlineData("Retry-After", "3600")]
        [InlineData("Retry-After", "-5")]
        [InlineData("Retry-After", "soon")]
        [InlineData("Retry-After", "Wed, 22 Apr 2026 12:01:01 GMT")] // 61 s ahead
        [InlineData("Retry-After", "Wed, 22 Apr 2026 11:59:00 GMT")] // in the past: a negative wait
        public void OutOfRangeOrInvalidServerDelaysFallBackToBackoff(string name, string value)
        {
            Assert.Equal(TimeSpan.FromSeconds(2), RetryPolicy.GetDelay(3, Headers((name, value)), Now, 0));
        }

        [Fact]
        public void InvalidRetryAfterMsFallsBackToRetryAfter()
        {
            Assert.Equal(TimeSpan.FromSeconds(3), RetryPolicy.GetDelay(1, Headers(("retry-after-ms", "999999"), ("Retry-After", "3")), Now, 0));
        }

        [Fact]
        public void BackoffDoublesFromHalfASecondToEight()
        {
            var expected = new[] { 0.5, 1, 2, 4, 8, 8, 8 };
            for (var retry = 1; retry <= expected.Length; retry++)
                Assert.Equal(TimeSpan.FromSeconds(expected[retry - 1]), Backoff(retry));
            Assert.Equal(TimeSpan.FromSeconds(8), Backoff(1000));
            Assert.Equal(TimeSpan.FromSeconds(0.5), Backoff(0));
        }

        [Fact]
        public void JitterTakesUpTo25PercentOff()
        {
            var almostOne = Math.BitDecrement(1.0);
            var expected = new[] { 0.5, 1, 2, 4, 8, 8 };
            for (var retry = 1; retry <= expected.Length; retry++)
            {
                var d = RetryPolicy.GetDelay(retry, null, Now, almostOne).TotalSeconds;
                Assert.InRange(d, expected[retry - 1] * 0.75, expected[retry - 1] * 0.7501);
                var half = RetryPolicy.GetDelay(retry, null, Now, 0.5).TotalSeconds;
                Assert.Equal(expected[retry - 1] * 0.875, half, 6);
            }
        }

        [Fact]
        public void ServerDelayIsNullWithoutHeaders()
        {
            Assert.Null(RetryPolicy.ServerDelay(null, Now));
            Assert.Null(RetryPolicy.ServerDelay(Headers(), Now));
        }
    }
}
