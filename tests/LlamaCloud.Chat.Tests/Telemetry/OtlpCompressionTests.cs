using System;
using System.Collections.Generic;
using System.Linq;
using LlamaCloud.Chat.Telemetry;

namespace LlamaCloud.Chat.Tests.Telemetry
{
    public class OtlpCompressionTests
    {
        private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
            name => vars.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();

        [Theory]
        [InlineData(null, null, null, false)]
        [InlineData("gzip", null, null, true)]
        [InlineData("none", "gzip", "gzip", false)]
        [InlineData(null, "GZIP", "none", true)]
        [InlineData(null, "none", "gzip", false)]
        [InlineData(null, null, "gzip", true)]
        [InlineData(null, " ", "gzip", true)]
        public void CompressionFromParameterThenTracesVariableThenGeneral(string? parameter, string? traces, string? general, bool gzip)
        {
            var vars = new List<(string, string)>();
            if (traces != null) vars.Add(("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", traces));
            if (general != null) vars.Add(("OTEL_EXPORTER_OTLP_COMPRESSION", general));
            Assert.Equal(gzip, OtlpCompression.Resolve(parameter, Env(vars.ToArray())));
        }

        [Fact]
        public void ABadCompressionVariableNamesTheVariable()
        {
            var ex = Assert.Throws<LlamaCloudException>(() => OtlpCompression.Resolve(null, Env(("OTEL_EXPORTER_OTLP_COMPRESSION", "zstd"))));
            Assert.Equal(ErrorIds.InvalidOtlpCompression, ex.ErrorId);
            Assert.Contains("OTEL_EXPORTER_OTLP_COMPRESSION", ex.Message);
        }

        [Fact]
        public void GzipRoundTrips()
        {
            var body = System.Text.Encoding.UTF8.GetBytes("{\"resourceSpans\":[]}" + new string(' ', 1000));
            var packed = OtlpCompression.Compress(body);
            using var gz = new System.IO.Compression.GZipStream(new System.IO.MemoryStream(packed), System.IO.Compression.CompressionMode.Decompress);
            using var output = new System.IO.MemoryStream();
            gz.CopyTo(output);
            Assert.Equal(body, output.ToArray());
            Assert.True(packed.Length < body.Length);
        }
    }
}
