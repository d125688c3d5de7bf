using System;
using LlamaCloud.Chat.Http;

namespace LlamaCloud.Chat.Tests.Http
{
    /// <summary>What a download's progress record says, with and without the response's Content-Length.</summary>
    public class ActivityMonitorTests
    {
        [Fact]
        public void WithAKnownLengthADownloadShowsTheTotalAndThePercentage()
        {
            long received = 1_234_567;
            using var a = new ActivityMonitor().Download("session 'ses-1'", () => received, 6_900_000);
            Assert.Equal("1,234,567 of 6,900,000 bytes (17%)", a.Status);
            Assert.Equal(17, a.PercentComplete);
            received = 6_900_000;
            Assert.Equal("6,900,000 of 6,900,000 bytes (100%)", a.Status);
            Assert.Equal(100, a.PercentComplete);
            Assert.Equal(0, a.DownloadSecondsRemaining);
        }

        [Fact]
        public void WithoutALengthOrWhenTheBodyOutgrowsItOnlyTheBytesReceived()
        {
            long received = 42_000;
            using var unknown = new ActivityMonitor().Download("session 'ses-1'", () => received);
            Assert.Equal("42,000 bytes received", unknown.Status);
            Assert.Equal(-1, unknown.PercentComplete);
            Assert.Equal(-1, unknown.DownloadSecondsRemaining);
            // A decompressed body can be longer than a Content-Length that counted the compressed bytes.
            using var outgrown = new ActivityMonitor().Download("session 'ses-1'", () => received, 10_000);
            Assert.Equal("42,000 bytes received", outgrown.Status);
            Assert.Equal(-1, outgrown.PercentComplete);
        }

        [Fact]
        public void AWaitHasNoPercentage()
        {
            using var w = new ActivityMonitor().Wait("GET x", TimeSpan.FromSeconds(3));
            Assert.Equal(-1, w.PercentComplete);
            Assert.Equal(-1, w.DownloadSecondsRemaining);
            Assert.StartsWith("retrying in ", w.Status);
        }
    }
}
