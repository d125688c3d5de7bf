using LlamaCloud.Chat.Telemetry;

namespace LlamaCloud.Chat.Tests.Telemetry
{
    public class OtlpJsonWriterTests
    {
        [Fact]
        public void LoneSurrogatesBecomeReplacementCharacters() =>
            Assert.Equal("a\uFFFDb😀\uFFFD", OtlpJsonWriter.Clean("a\ud800b😀\udc00"));
    }
}
