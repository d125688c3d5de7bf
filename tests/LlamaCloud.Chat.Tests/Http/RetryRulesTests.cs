using System;
using System.Net.Http.Headers;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Tests.Support;
using static LlamaCloud.Chat.Tests.Support.ResponseHeaders;

namespace LlamaCloud.Chat.Tests.Http
{
    /// <summary>Which failed attempts are sent again: the SDK policy for GET/DELETE, only proof-of-nothing-ran for POSTs.</summary>
    public class RetryRulesTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 4, 22, 12, 0, 0, TimeSpan.Zero);

        [Theory]
        [InlineData(429, true)]
        [InlineData(500, true)]
        [InlineData(503, true)]
        [InlineData(408, true)]
        [InlineData(404, false)]
        [InlineData(422, false)]
        public void IdempotentFollowsTheSdkPolicy(int status, bool expected)
        {
            Assert.Equal(expected, RetryRules.MayRetry(true, FailureKind.Status, status, Headers(), Now));
        }

        [Fact]
        public void IdempotentRetriesTransportAndTimeoutButNotFinal()
        {
            Assert.True(RetryRules.MayRetry(true, FailureKind.Transport, 0, null, Now));
            Assert.True(RetryRules.MayRetry(true, FailureKind.Timeout, 0, null, Now));
            Assert.False(RetryRules.MayRetry(true, FailureKind.Final, 0, null, Now));
        }

        [Theory]
        [InlineData(429, null, true)]
        [InlineData(503, "2", true)]
        [InlineData(503, null, false)]
        [InlineData(500, "2", false)]
        [InlineData(502, null, false)]
        [InlineData(408, null, false)]
        [InlineData(409, null, false)]
        public void NotIdempotentOnlyWhenTheAnswerProvesNothingRan(int status, string? retryAfter, bool expected)
        {
            var headers = retryAfter == null ? Headers() : Headers(("Retry-After", retryAfter));
            Assert.Equal(expected, RetryRules.MayRetry(false, FailureKind.Status, status, headers, Now));
        }

        [Fact]
        public void NotIdempotentNeverOnTransportOrTimeoutAndShouldRetryFalseWins()
        {
            Assert.False(RetryRules.MayRetry(false, FailureKind.Transport, 0, null, Now));
            Assert.False(RetryRules.MayRetry(false, FailureKind.Timeout, 0, null, Now));
            Assert.False(RetryRules.MayRetry(false, FailureKind.Status, 429, Headers(("x-should-retry", "false")), Now));
            // x-should-retry: true does not make a turn safe to run twice.
            Assert.False(RetryRules.MayRetry(false, FailureKind.Status, 500, Headers(("x-should-retry", "true")), Now));
        }
    }
}
