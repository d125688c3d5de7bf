using System;
using System.Collections.Generic;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Connection;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Tests.Support;
using static LlamaCloud.Chat.Tests.Support.ResponseHeaders;

namespace LlamaCloud.Chat.Tests.Http
{
    /// <summary>The retry loop alone, driven by scripted attempt outcomes: which requests are sent again, and how often.</summary>
    public class RetryLoopTests
    {
        private static readonly Uri Uri = new Uri("https://api.example/api/v1/chat/s1/messages/stream");

        private static AttemptOutcome<int> Status(int status, HttpResponseHeaders? headers = null) =>
            AttemptOutcome<int>.Failed(new LlamaCloudApiException($"HTTP {status}", status, null, null), FailureKind.Status, status, headers ?? Headers());

        private static AttemptOutcome<int> Broken() =>
            AttemptOutcome<int>.Failed(new LlamaCloudException("reset", ErrorIds.ConnectionFailed, System.Management.Automation.ErrorCategory.ConnectionError), FailureKind.Transport);

        /// <summary>Runs the loop over the scripted outcomes; returns the attempts made and the result or failure.</summary>
        private static async Task<(int Attempts, int? Value, LlamaCloudException? Failure)> Run(RequestSpec spec, int maximumRetryCount, params AttemptOutcome<int>[] script)
        {
            var loop = new RetryLoop(new RateGate(), new CredentialCheck(), new RecordingLog(), ChatRulesWith(maximumRetryCount));
            var attempts = 0;
            try
            {
                var v = await loop.RunAsync(spec, (n, described, credential) =>
                {
                    attempts++;
                    Assert.Equal(attempts, n);
                    return Task.FromResult(script[Math.Min(n - 1, script.Length - 1)]);
                }, CancellationToken.None);
                return (attempts, v, null);
            }
            catch (LlamaCloudException ex)
            {
                return (attempts, null, ex);
            }
        }

        internal static ApiRules ChatRulesWith(int maximumRetryCount) =>
            new ChatRules(new Endpoint(new Uri("https://api.example"), "-BaseUri", ApiKey.From("test-key")!, "the -ApiKey parameter", null, null,
                Array.Empty<KeyValuePair<string, string>>(), ProxySettings.Platform), new RequestSettings { MaximumRetryCount = maximumRetryCount }, "test-key");

        private static RequestSpec Turn() => RequestSpec.Post(Uri, "s1", new byte[] { (byte)'{', (byte)'}' }, "text/event-stream");
        private static RequestSpec Get() => RequestSpec.Get(Uri, "s1");

        [Fact]
        public async Task AGetIsRetriedAfterABrokenConnectionUntilTheBudgetIsSpent()
        {
            var r = await Run(Get(), 2, Broken());
            Assert.Equal(3, r.Attempts);
            Assert.Equal(ErrorIds.ConnectionFailed, r.Failure!.ErrorId);
            Assert.Equal("s1", r.Failure.SessionId);
            Assert.Equal("GET " + Uri.GetLeftPart(UriPartial.Authority) + Uri.PathAndQuery, r.Failure.RequestUri);
        }

        [Fact]
        public async Task ATurnIsNeverResentAfterABrokenConnectionOrA500()
        {
            Assert.Equal(1, (await Run(Turn(), 5, Broken())).Attempts);
            var r = await Run(Turn(), 5, Status(500, Headers(("retry-after-ms", "1"))));
            Assert.Equal(1, r.Attempts);
            Assert.Equal(ErrorIds.ServerError, r.Failure!.ErrorId);
        }

        [Fact]
        public async Task ATurnIsResentAfter429And503WithRetryAfterThenSucceeds()
        {
            var r = await Run(Turn(), 2, Status(429, Headers(("retry-after-ms", "1"))), Status(503, Headers(("retry-after-ms", "1"))),
                AttemptOutcome<int>.Success(42));
            Assert.Equal(3, r.Attempts);
            Assert.Equal(42, r.Value);
        }

        [Fact]
        public async Task ATurnIsNotResentWithRetriesOff()
        {
            Assert.Equal(1, (await Run(Turn(), 0, Status(429, Headers(("retry-after-ms", "1"))))).Attempts);
        }

        [Fact]
        public async Task AFinalFailureIsThrownAtOnceWhateverTheRequest()
        {
            var final = AttemptOutcome<int>.Failed(new LlamaCloudException("cut", ErrorIds.StreamInterrupted, System.Management.Automation.ErrorCategory.ConnectionError) { SessionId = "s1" }, FailureKind.Final);
            var r = await Run(Get(), 5, final);
            Assert.Equal(1, r.Attempts);
            Assert.Equal(ErrorIds.StreamInterrupted, r.Failure!.ErrorId);
        }
    }
}
