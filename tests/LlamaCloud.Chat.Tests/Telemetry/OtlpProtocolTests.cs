using System;
using System.Linq;
using LlamaCloud.Chat.Telemetry;

namespace LlamaCloud.Chat.Tests.Telemetry
{
    public class OtlpProtocolTests
    {
        private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
            name => vars.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();

        [Theory]
        [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")]
        [InlineData("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "grpc")]
        [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "thrift")]
        public void GrpcOrAnUnknownProtocolIsRefusedNamingTheVariable(string variable, string value)
        {
            var ex = Assert.Throws<LlamaCloudException>(() => OtlpProtocol.Check(Env((variable, value))));
            Assert.Equal(ErrorIds.UnsupportedOtlpProtocol, ex.ErrorId);
            Assert.Contains(variable, ex.Message);
            Assert.Contains(value == "grpc" ? "4318" : "'thrift'", ex.Message);
        }

        [Fact]
        public void HttpProtocolsAreAccepted()
        {
            Assert.Null(OtlpProtocol.Check(Env()));
            Assert.Null(OtlpProtocol.Check(Env(("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json"))));
            Assert.Contains("http/protobuf", OtlpProtocol.Check(Env(("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")))!);
            // The signal-specific variable decides.
            Assert.Null(OtlpProtocol.Check(Env(("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"), ("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/json"))));
        }
    }
}
