using System.Collections.Generic;
using System.Linq;
using LlamaCloud.Chat.Telemetry;

namespace LlamaCloud.Chat.Tests.Telemetry
{
    public class OtlpHeadersTests
    {
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
            Assert.Contains("'X-Key'", ex.Message);
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
    }
}
