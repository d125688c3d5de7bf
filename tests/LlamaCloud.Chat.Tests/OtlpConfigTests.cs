using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using LlamaCloud.Chat.Telemetry;

namespace LlamaCloud.Chat.Tests
{
    public class OtlpConfigTests
    {
        private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
            name => vars.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();

        [Theory]
        [InlineData("http://collector:4318", "http://collector:4318/v1/traces")]
        [InlineData("http://collector:4318/", "http://collector:4318/v1/traces")]
        [InlineData("https://otlp.example.com/api/v1/traces", "https://otlp.example.com/api/v1/traces")]
        [InlineData("https://otlp.example.com/custom", "https://otlp.example.com/custom")]
        public void EndpointParameter(string parameter, string expected) =>
            Assert.Equal(expected, OtlpEndpoint.Resolve(parameter, Env()).ToString());

        [Fact]
        public void EndpointEnvironment()
        {
            var none = Assert.Throws<LlamaCloudException>(() => OtlpEndpoint.Resolve(null, Env()));
            Assert.Equal(ErrorIds.TraceDestinationMissing, none.ErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, none.Category);
            Assert.Throws<LlamaCloudException>(() => OtlpEndpoint.Resolve("  ", Env(("OTEL_EXPORTER_OTLP_ENDPOINT", " "))));
            Assert.Equal("http://c:4318/otlp/v1/traces", OtlpEndpoint.Resolve(null, Env(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318/otlp/"))).ToString());
            Assert.Equal("http://c:4318/otlp/v1/traces", OtlpEndpoint.Resolve(null, Env(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318/otlp"))).ToString());
            Assert.Equal("http://t:1/", OtlpEndpoint.Resolve(null, Env(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318"), ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://t:1"))).ToString());
        }

        [Fact]
        public void TimeoutFromParameterThenEnvironmentInMilliseconds()
        {
            var env = Env(("OTEL_EXPORTER_OTLP_TIMEOUT", "2500"), ("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "750"));
            Assert.Equal(TimeSpan.FromSeconds(5), OtlpEndpoint.ResolveTimeout(5, 60, env));
            Assert.Equal(TimeSpan.FromMilliseconds(750), OtlpEndpoint.ResolveTimeout(null, 60, env));
            Assert.Equal(TimeSpan.FromMilliseconds(2500), OtlpEndpoint.ResolveTimeout(null, 60, Env(("OTEL_EXPORTER_OTLP_TIMEOUT", "2500"))));
            Assert.Equal(TimeSpan.FromSeconds(60), OtlpEndpoint.ResolveTimeout(null, 60, Env(("OTEL_EXPORTER_OTLP_TIMEOUT", "soon"))));
        }

        [Theory]
        [InlineData("collector:4318")]
        [InlineData("ftp://collector")]
        [InlineData("http://user:secret@collector:4318")]
        [InlineData("http://collector:4318/#frag")]
        public void BadEndpointsAreSetupErrors(string text)
        {
            var ex = Assert.Throws<LlamaCloudException>(() => OtlpEndpoint.Resolve(text, Env()));
            Assert.Equal(ErrorIds.InvalidOtlpEndpoint, ex.ErrorId);
            Assert.DoesNotContain("secret", ex.Message);
        }

        [Fact]
        public void EnvironmentHeadersAreDecodedAndLaterOnesWin()
        {
            var h = new OtlpHeaders();
            Assert.Empty(h.AddFromEnvironment("api-key=a%20b%2Cc, x-tenant = acme ,,"));
            Assert.Empty(h.AddFromEnvironment("X-Tenant=beta"));
            Assert.Equal(new[] { "api-key=a b,c", "X-Tenant=beta" }, h.All.Select(p => p.Key + "=" + p.Value));
        }

        [Fact]
        public void MalformedEnvironmentEntriesAreSkippedAndNamedWithoutTheirValues()
        {
            var h = new OtlpHeaders();
            var bad = h.AddFromEnvironment("novalue, bad name=secret-value-1, good=1, Content-Type=text/plain");
            // By position only: the entry's text may hold a secret.
            Assert.Equal(new[] { "entry 1 (no '=')", "entry 2" }, bad);
            Assert.DoesNotContain(bad, b => b.Contains("secret") || b.Contains("bad name"));
            Assert.Equal(new[] { "good" }, h.Names);
        }

        [Fact]
        public void ParameterHeadersOverrideAndRejectLineBreaks()
        {
            var h = new OtlpHeaders();
            h.AddFromEnvironment("authorization=Bearer env");
            h.AddFromParameter(new Dictionary<object, object?> { ["Authorization"] = "Bearer param" });
            Assert.Equal("Bearer param", h.All.Single().Value);
            var ex = Assert.Throws<LlamaCloudException>(() => h.AddFromParameter(new Dictionary<object, object?> { ["X-Key"] = "abc\r\nInjected: 1" }));
            Assert.Equal(ErrorIds.InvalidOtlpHeader, ex.ErrorId);
            Assert.DoesNotContain("abc", ex.Message);
        }

        [Fact]
        public void SourcesNameWhereEachHeaderCameFromNeverItsValue()
        {
            var h = new OtlpHeaders();
            Assert.Equal("none", h.DescribeSources());
            h.AddFromEnvironment("x-tenant=acme-1,authorization=Bearer env-2", "OTEL_EXPORTER_OTLP_HEADERS");
            h.AddFromEnvironment("x-region=eu-3", "OTEL_EXPORTER_OTLP_TRACES_HEADERS");
            h.AddFromParameter(new Dictionary<object, object?> { ["Authorization"] = "Bearer param-4" });
            var text = h.DescribeSources();
            Assert.Equal("x-tenant (from OTEL_EXPORTER_OTLP_HEADERS), x-region (from OTEL_EXPORTER_OTLP_TRACES_HEADERS), Authorization (from -Header)", text);
            foreach (var value in new[] { "acme-1", "env-2", "eu-3", "param-4" }) Assert.DoesNotContain(value, text);
        }

        [Fact]
        public void RedactMasksEveryValueAndBearerTokens()
        {
            var h = new OtlpHeaders();
            h.AddFromEnvironment("x-key=k-123456,authorization=Bearer tok-999");
            Assert.Equal("bad ******** and ******** and Bearer ********", h.Redact("bad k-123456 and Bearer tok-999 and bearer other"));
        }

        [Theory]
        [InlineData("{\"partialSuccess\":{\"rejectedSpans\":\"3\",\"errorMessage\":\"old\"}}", 3, "old")]
        [InlineData("{\"partialSuccess\":{\"rejectedSpans\":4}}", 4, null)]
        [InlineData("{\"partial_success\":{\"rejected_spans\":5,\"error_message\":\"x\"}}", 5, "x")]
        [InlineData("{\"partialSuccess\":{\"errorMessage\":\"warning only\"}}", 0, "warning only")]
        [InlineData("{}", 0, null)]
        [InlineData("", 0, null)]
        [InlineData("<html>", 0, null)]
        public void PartialSuccess(string body, long rejected, string? message)
        {
            var (r, m) = OtlpResponse.PartialSuccess(Encoding.UTF8.GetBytes(body));
            Assert.Equal(rejected, r);
            Assert.Equal(message, m);
        }

        [Fact]
        public void IdsAreDeterministicHexOfTheRightLength()
        {
            Assert.Equal(TraceIds.TraceId("ses-a"), TraceIds.TraceId("ses-a"));
            Assert.NotEqual(TraceIds.TraceId("ses-a"), TraceIds.TraceId("ses-b"));
            Assert.Matches("^[0-9a-f]{32}$", TraceIds.TraceId("ses-a"));
            Assert.Matches("^[0-9a-f]{16}$", TraceIds.TurnSpanId("ses-a", 1));
            Assert.Matches("^[0-9a-f]{16}$", TraceIds.ToolSpanId("ses-a", 1, 0));
            var all = new HashSet<string>();
            for (var turn = 1; turn <= 50; turn++)
            {
                Assert.True(all.Add(TraceIds.TurnSpanId("ses-a", turn)));
                for (var call = 0; call < 20; call++) Assert.True(all.Add(TraceIds.ToolSpanId("ses-a", turn, call)));
            }
        }

        [Fact]
        public void LoneSurrogatesBecomeReplacementCharacters() =>
            Assert.Equal("a\uFFFDb😀\uFFFD", OtlpJsonWriter.Clean("a\ud800b😀\udc00"));
    }
}
