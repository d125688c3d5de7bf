using System.Text;
using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.Tests.Serialization
{
    /// <summary>Stream payloads become the history's own typed events; anything else is kept, never a crash.</summary>
    public class StreamedEventReaderTests
    {
        private static ChatEvent? Read(string data) => StreamedEventReader.Read(Encoding.UTF8.GetBytes(data));

        [Fact]
        public void PayloadsBecomeTheSameTypesAsHistoryEvents()
        {
            var call = Assert.IsType<ToolCallEvent>(Read("{\"call_id\":\"c1\",\"name\":\"search\",\"arguments\":{\"q\":1},\"type\":\"tool_call\"}"));
            Assert.Equal("search", call.Name);
            Assert.Equal("{\"q\":1}", call.ArgumentsJson);
            Assert.Equal("Hi", Assert.IsType<TextDeltaEvent>(Read("{\"content\":\"Hi\",\"type\":\"text_delta\"}")).Content);
            var stop = Assert.IsType<StopEvent>(Read("{\"error\":\"boom\",\"is_error\":true,\"usage\":null,\"type\":\"stop\"}"));
            Assert.True(stop.IsError);
            Assert.Equal("boom", stop.Error);
        }

        [Fact]
        public void MultiLineJsonIsOneEvent()
        {
            Assert.Equal("a\nb", Assert.IsType<TextEvent>(Read("{\n \"content\": \"a\\nb\",\n \"type\": \"text\"\n}")).Content);
        }

        [Fact]
        public void UnknownTypeIsKeptWithItsJson()
        {
            var u = Assert.IsType<UnknownEvent>(Read("{\"source_id\":\"s1\",\"type\":\"citation\"}"));
            Assert.Equal("citation", u.Type);
            Assert.Equal("{\"source_id\":\"s1\",\"type\":\"citation\"}", u.RawJson);
            Assert.True(u.IsJson);
        }

        [Theory]
        [InlineData("[DONE]")]
        [InlineData(" [DONE] ")]
        [InlineData("")]
        [InlineData("  \n ")]
        public void DoneMarkerAndBlankDataCarryNoEvent(string data)
        {
            Assert.Null(Read(data));
        }

        [Theory]
        [InlineData("not json at all")]
        [InlineData("{\"content\":\"cut")]
        [InlineData("{\"a\":1} trailing")]
        [InlineData("[DONE] and more")]
        public void TextThatIsNotOneJsonValueIsKeptAsText(string data)
        {
            var u = Assert.IsType<UnknownEvent>(Read(data));
            Assert.Null(u.Type);
            Assert.False(u.IsJson);
            Assert.Equal(data, u.RawJson);
            Assert.Equal(data, u.Data);
        }
    }
}
