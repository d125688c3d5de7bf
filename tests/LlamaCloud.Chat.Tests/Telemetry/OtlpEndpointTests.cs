using System;
using System.Linq;
using LlamaCloud.Chat.Telemetry;

namespace LlamaCloud.Chat.Tests.Telemetry
{
    public class OtlpEndpointTests
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
            Assert.StartsWith("-Endpoint ", ex.Message);
            Assert.DoesNotContain("secret", ex.Message);
        }
    }
}
