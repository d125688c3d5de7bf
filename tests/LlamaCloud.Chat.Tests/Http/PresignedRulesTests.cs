using System;
using System.Net.Http;
using LlamaCloud.Chat.Connection;
using LlamaCloud.Chat.Http;

namespace LlamaCloud.Chat.Tests.Http
{
    /// <summary>A presigned download's rules in the shared loop: what is retried, what goes with the request, what is shown.</summary>
    public class PresignedRulesTests
    {
        private static readonly Uri Url = new Uri("https://storage.example/bucket/src-1/page_4.png?X-Amz-Signature=s3cr3t&X-Amz-Expires=600");

        [Theory]
        [InlineData(408, true)]
        [InlineData(429, true)]
        [InlineData(500, true)]
        [InlineData(503, true)]
        [InlineData(400, false)]
        [InlineData(403, false)]
        [InlineData(404, false)]
        public void StatusesAreRetriedAsTransientOnlyWhenTheyAre(int status, bool retried)
        {
            var rules = new PresignedRules(new RequestSettings());
            var spec = RequestSpec.Download(Url, "image/*", PresignedDownload.Show(Url));
            Assert.Equal(retried, rules.MayRetry(spec, FailureKind.Status, status, null, DateTimeOffset.UtcNow));
            Assert.True(rules.MayRetry(spec, FailureKind.Transport, 0, null, DateTimeOffset.UtcNow));
            Assert.True(rules.MayRetry(spec, FailureKind.Timeout, 0, null, DateTimeOffset.UtcNow));
            Assert.False(rules.MayRetry(spec, FailureKind.Final, 0, null, DateTimeOffset.UtcNow));
        }

        [Fact]
        public void TheRequestCarriesOnlyTheUserAgentAndItsDisplayNeverTheSignature()
        {
            var rules = new PresignedRules(new RequestSettings { UserAgent = "LlamaCloud.Chat/test" });
            using var request = new HttpRequestMessage(HttpMethod.Get, Url);
            rules.Prepare(request);
            Assert.Null(request.Headers.Authorization);
            Assert.Equal(new[] { "User-Agent" }, System.Linq.Enumerable.Select(request.Headers, h => h.Key));
            var spec = RequestSpec.Download(Url, "image/*", PresignedDownload.Show(Url));
            Assert.Equal("GET https://storage.example/bucket/src-1/page_4.png", spec.Display);
            Assert.Equal("https://storage.example/bucket/src-1/page_4.png", rules.WaitTitle(spec));
        }
    }
}
