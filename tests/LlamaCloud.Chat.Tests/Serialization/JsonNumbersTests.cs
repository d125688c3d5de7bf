using static LlamaCloud.Chat.Tests.Support.TestUtil;

namespace LlamaCloud.Chat.Tests.Serialization
{
    /// <summary>Numbers at the edges, read the same on .NET and .NET Framework (see tests/LlamaCloud.Chat.NetFx).</summary>
    public class JsonNumbersTests
    {
        [Theory]
        [InlineData("9223372036854775807", 9223372036854775807L)]
        [InlineData("-9223372036854775808", -9223372036854775808L)]
        [InlineData("12.0", 12L)]
        [InlineData("1e3", 1000L)]
        [InlineData("9223372036854775808", null)]   // 2^63: wrapped to long.MinValue on .NET Framework, saturated on .NET 9+
        [InlineData("9.3e18", null)]
        [InlineData("-9.3e18", null)]
        [InlineData("1e400", null)]
        public void TokenCountsOutsideInt64AreNull(string json, long? expected)
        {
            var (s, _) = ReadWhole(Q("{'session_id':'a','job_metadata':{'total_input_tokens':" + json + "}}"), "a");
            Assert.Equal(expected, s.JobMetadata!.TotalInputTokens);
        }

        [Theory]
        [InlineData("1e400", double.PositiveInfinity)]
        [InlineData("-1e400", double.NegativeInfinity)]
        [InlineData("1e-400", 0.0)]
        [InlineData("1.5", 1.5)]
        public void DurationsBeyondDoubleRangeAreInfinite(string json, double expected)
        {
            var (s, _) = ReadWhole(Q("{'session_id':'a','job_metadata':{'duration_ms':" + json + "}}"), "a");
            Assert.Equal(expected, s.JobMetadata!.DurationMs);
        }
    }
}
