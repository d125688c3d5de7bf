using System;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Telemetry;
using LlamaCloud.Chat.Tests.Http;
using LlamaCloud.Chat.Tests.Support;
using static LlamaCloud.Chat.Tests.Support.ResponseHeaders;

namespace LlamaCloud.Chat.Tests.Telemetry
{
    /// <summary>The OTLP receiver's rules in the shared retry loop: the OTLP specification's retries, not the chat API's.</summary>
    public class OtlpRulesTests
    {
        private static readonly Uri Endpoint = new Uri("http://collector.example:4318/v1/traces");

        private static AttemptOutcome<int> Status(int status, HttpResponseHeaders? headers = null) =>
            AttemptOutcome<int>.Failed(new OtlpExportException($"HTTP {status}", status, 1, System.Management.Automation.ErrorCategory.InvalidOperation),
                FailureKind.Status, status, headers ?? Headers());

        private static AttemptOutcome<int> Broken() =>
            AttemptOutcome<int>.Failed(new OtlpExportException("reset", 0, 1, System.Management.Automation.ErrorCategory.ConnectionError), FailureKind.Transport);

        private static async Task<(int Attempts, LlamaCloudException? Failure, RecordingLog Log)> Run(int maxRetries, params AttemptOutcome<int>[] script)
        {
            var rules = new OtlpRules(Endpoint, new OtlpHeaders(), "test", maxRetries, TimeSpan.FromSeconds(5));
            var log = new RecordingLog();
            var loop = new RetryLoop(new RateGate(), new CredentialCheck(), log, rules);
            var spec = RequestSpec.Export(Endpoint, new byte[] { 1 }, "application/json", null, "1 bytes");
            var attempts = 0;
            try
            {
                await loop.RunAsync(spec, (n, described, credential) =>
                {
                    attempts++;
                    return Task.FromResult(script[Math.Min(n - 1, script.Length - 1)]);
                }, CancellationToken.None);
                return (attempts, null, log);
            }
            catch (LlamaCloudException ex)
            {
                return (attempts, ex, log);
            }
        }

        [Theory]
        [InlineData(429)]
        [InlineData(502)]
        [InlineData(503)]
        [InlineData(504)]
        public async Task RetryableStatusesAreSentAgainUpToTheBudget(int status)
        {
            var r = await Run(2, Status(status, Headers(("Retry-After", "0.01"))));
            Assert.Equal(3, r.Attempts);
            Assert.Equal(status, ((OtlpExportException)r.Failure!).StatusCode);
        }

        [Theory]
        [InlineData(400)]
        [InlineData(401)]
        [InlineData(408)]
        [InlineData(409)]
        [InlineData(500)]
        public async Task OtherStatusesAreNeverSentAgainThoughTheChatApiRetriesSome(int status)
        {
            Assert.Equal(1, (await Run(5, Status(status))).Attempts);
        }

        [Fact]
        public async Task AnExportIsSentAgainAfterABrokenConnectionWhichAChatPostNeverIs()
        {
            Assert.Equal(3, (await Run(2, Broken())).Attempts);
            var chat = new RetryLoop(new RateGate(), new CredentialCheck(), new RecordingLog(), RetryLoopTests.ChatRulesWith(2));
            var attempts = 0;
            await Assert.ThrowsAnyAsync<LlamaCloudException>(() => chat.RunAsync(
                RequestSpec.Post(new Uri("https://api.example/api/v1/chat"), null, new byte[] { 1 }),
                (n, d, c) => { attempts++; return Task.FromResult(Broken()); }, CancellationToken.None));
            Assert.Equal(1, attempts);
        }

        [Fact]
        public async Task A429IsNotPacingHereItSpendsTheOrdinaryBudget()
        {
            // The chat API gives a 429 with Retry-After at least 10 retries; OTLP's -MaximumRetryCount is the limit.
            var r = await Run(1, Status(429, Headers(("Retry-After", "0.01"))));
            Assert.Equal(2, r.Attempts);
            Assert.Contains(r.Log.Lines, l => l.StartsWith("Retrying POST http://collector.example:4318/v1/traces in 0.01 s (retry 1 of 1)", StringComparison.Ordinal));
        }

        [Fact]
        public void DelaysFollowTheOtlpBackoffNotTheSdks()
        {
            var rules = new OtlpRules(Endpoint, new OtlpHeaders(), "test", 2, TimeSpan.FromSeconds(5));
            var now = DateTimeOffset.UtcNow;
            Assert.Equal(TimeSpan.FromSeconds(1), rules.Delay(1, Headers(), now, 0));
            Assert.Equal(TimeSpan.FromSeconds(16), rules.Delay(9, Headers(), now, 0));
            Assert.Equal(TimeSpan.FromSeconds(3), rules.Delay(1, Headers(("Retry-After", "3")), now, 0.9));
            // retry-after-ms is the Stainless SDKs' header, not OTLP's.
            Assert.Equal(TimeSpan.FromSeconds(1), rules.Delay(1, Headers(("retry-after-ms", "5")), now, 0));
        }
    }
}
